// The bodies of the five customer-success reports, as the collector sends them. The math that
// makes them lives beside each report (timeToValue.ts, durations.ts, …); these schemas are the
// wire contract the OpenAPI document, the worker's tests and the typed client share.
import { z } from 'zod';

const ZCount = z.number().int().nonnegative();
const ZMs = (what: string) => z.number().nonnegative().describe(`${what}, in milliseconds`);
const ZMsOrNull = (what: string) => z.number().nonnegative().nullable().describe(`${what}, in milliseconds`);
const ZFraction = (what: string) => z.number().min(0).max(1).describe(`${what}, as a fraction (0.25 = 25 %)`);
/** A rate as a fraction, unbounded: customers new and lost in one period can push it past 0…1. */
const ZRateOrNull = (what: string) => z.number().nullable().describe(`${what}, as a fraction (0.25 = 25 %)`);
const ZIsoTime = (what: string) => z.iso.datetime().describe(`${what}, an ISO 8601 UTC time`);
const ZIsoDay = (what: string) => z.iso.date().describe(`${what}, an ISO date (UTC)`);
const ZEpochMs = (what: string) => z.number().int().describe(`${what}, epoch milliseconds (UTC)`);
const ZSegmentValue = z
  .string()
  .nullable()
  .describe('The value of the `by` trait or prop; null for subjects without it');

/** Count, mean and percentiles of durations (ms), as `summarizeValues` makes them. */
const ZDurationSummary = z.object({
  n: ZCount.describe('How many durations the figures are computed from'),
  mean: ZMsOrNull('Mean; null when n is 0'),
  p50: ZMsOrNull('Median; null when n is 0'),
  p75: ZMsOrNull('75th percentile; null when n is 0'),
  p90: ZMsOrNull('90th percentile; null when n is 0'),
});

const ZExactFlag = z
  .boolean()
  .describe(
    'true when computed from every subject; false when from the rollup: counts exact, durations within 1 %, curve steps one per bin',
  );

// ── GET /v1/ttv ───────────────────────────────────────────────────────────────────────────

const ttvGroup = {
  started: ZCount.describe('Users whose first start event falls in the window'),
  reached: ZCount.describe('Of those, users who reached value by the end of follow-up'),
  conversion: z
    .number()
    .min(0)
    .max(1)
    .nullable()
    .describe('reached ÷ started, a fraction (0–1); null when nobody started'),
  reachedTimes: ZDurationSummary.describe('Time to value among users who reached it (ms)'),
  kmMedian: ZMsOrNull(
    'Kaplan–Meier median time to value, counting users still waiting as censored; null while over half wait',
  ),
};

/** NPS of one group: score −100…100, its 95% interval and the counts of each band. */
const ZNpsResult = z.object({
  n: ZCount,
  score: z.number().min(-100).max(100).nullable().describe('%promoters − %detractors (−100…100); null when n is 0'),
  marginOfError: z.number().nonnegative().nullable().describe('95% margin of error, in NPS points'),
  ci95: z.tuple([z.number(), z.number()]).nullable().describe('95% interval of the score, clipped to −100…100'),
  breakdown: z.object({ promoters: ZCount, passives: ZCount, detractors: ZCount }),
});

/** The answer of `GET /v1/ttv`: conversion, percentiles, the Kaplan–Meier curve, histogram, cohorts. */
export const ZTtvResponse = z.object({
  start: z.string().describe('The event that starts the clock (the site setting unless `start=` was given)'),
  value: z.string().describe('The event that counts as reaching value'),
  from: ZIsoTime('Start of the window of start events'),
  to: ZIsoTime('End of the window, and of follow-up'),
  by: z.string().nullable().describe('The trait the segments are by; null when not asked'),
  exact: ZExactFlag,
  ...ttvGroup,
  valueBeforeStart: ZCount.describe(
    'Users whose first value event came before their first start event: left out of every other figure',
  ),
  censoredAt: ZEpochMs('End of follow-up: users who have not reached value are censored here'),
  curve: z
    .array(
      z.object({
        time: ZMs('Time since the start event'),
        atRisk: ZCount.describe('Users still waiting just before `time`'),
        events: ZCount.describe('Users who reached value at `time`'),
        censored: ZCount.describe('Users whose follow-up ended at `time`'),
        survival: ZFraction('Estimated share still waiting just after `time` (0–1)'),
      }),
    )
    .describe('The Kaplan–Meier curve, thinned to at most 200 steps'),
  histogram: z
    .array(
      z.object({
        from: ZMs('Lower edge (inclusive)'),
        to: ZMsOrNull('Upper edge (exclusive); null for an open last bucket'),
        count: ZCount,
      }),
    )
    .describe('Times to value in log-spaced buckets (×4 from one minute); empty buckets kept'),
  cohorts: z
    .array(z.object({ cohort: ZIsoDay('First day of the sign-up week or month'), ...ttvGroup }))
    .describe('The same figures per sign-up cohort, oldest first'),
  segments: z
    .array(z.object({ value: ZSegmentValue, ...ttvGroup }))
    .optional()
    .describe('Present with `by`: the same figures per value, most users first'),
  npsByTtv: z
    .array(
      z.object({
        bucket: z.string().describe('e.g. "under 1 day", "not reached"'),
        from: ZMsOrNull('Lower edge of the bucket; null for "not reached"'),
        to: ZMsOrNull('Upper edge; null for the open last bucket and "not reached"'),
        nps: ZNpsResult,
      }),
    )
    .describe("NPS of users grouped by how fast they reached value (each user's latest NPS answer)"),
});
export type TtvResponse = z.infer<typeof ZTtvResponse>;

// ── GET /v1/durations ─────────────────────────────────────────────────────────────────────

const durationGroup = {
  ...ZDurationSummary.shape,
  open: ZCount.describe('Entities started and not yet ended: the open backlog'),
  openAgeP50: ZMsOrNull('Median age of the open backlog at the end of the window'),
};

/** The answer of `GET /v1/durations`: resolution times per entity, the backlog, segments. */
export const ZDurationsResponse = z.object({
  start: z.string().describe('The event that opens an entity (e.g. ticket_opened)'),
  end: z.string().describe('The event that closes it (e.g. ticket_resolved)'),
  from: ZIsoTime('Start of the window of start events'),
  to: ZIsoTime('End of the window'),
  by: z.string().nullable().describe('The prop or trait the segments are by; null when not asked'),
  exact: ZExactFlag,
  ...durationGroup,
  segments: z
    .array(z.object({ value: ZSegmentValue, ...durationGroup }))
    .optional()
    .describe('Present with `by`: the same figures per value, largest first'),
});
export type DurationsResponse = z.infer<typeof ZDurationsResponse>;

// ── GET /v1/retention ─────────────────────────────────────────────────────────────────────

/** The answer of `GET /v1/retention`: customers per period, churn and retention, a cohort table. */
export const ZRetentionResponse = z.object({
  churnEvent: z.string().describe('The event that marks a customer lost at once'),
  inactivityDays: z.number().int().positive().describe('Days without activity after which a customer counts as lost'),
  interval: z.enum(['month', 'week']),
  periods: z.array(
    z.object({
      period: ZIsoDay('First day of the period'),
      start: ZCount.describe('Customers at the start of the period'),
      new: ZCount.describe('Customers first active in the period'),
      lost: ZCount.describe('Customers lost in the period'),
      end: ZCount.describe('Customers at the end: start + new − lost'),
      churnRate: ZRateOrNull(
        'lost ÷ start (lost includes customers new in the period, so it can pass 1); null when the period starts with no customers',
      ),
      retention: ZRateOrNull(
        '(end − new) ÷ start (below 0 when more are lost than were there at the start); null when the period starts with no customers',
      ),
    }),
  ),
  cohorts: z.array(
    z.object({
      cohort: ZIsoDay('First day of the period the cohort was first active in'),
      size: ZCount,
      retained: z
        .array(ZFraction('Share of the cohort still customers'))
        .describe('retained[k]: share still customers at the end of the k-th period after the cohort began'),
    }),
  ),
  churnRate: ZRateOrNull('Σ lost ÷ Σ start over all periods: the pooled churn rate per period'),
});
export type RetentionResponse = z.infer<typeof ZRetentionResponse>;

// ── GET /v1/revenue ───────────────────────────────────────────────────────────────────────

const ZAmount = (what: string) => z.number().describe(`${what}, in the unit the revenue events carry`);
const ZAmountOrNull = (what: string) => z.number().nullable().describe(`${what}, in the unit the revenue events carry`);

/** The answer of `GET /v1/revenue`: new, expansion and contraction revenue, ARPA, NRR and CLV. */
export const ZRevenueResponse = z.object({
  event: z.string().describe('The event that carries revenue in its `value`'),
  from: ZIsoTime('Start of the window'),
  to: ZIsoTime('End of the window (exclusive)'),
  newRevenue: ZAmount('Sum of `kind: new` events'),
  expansion: ZAmount('Sum of `kind: expansion` events'),
  contraction: ZAmount('Sum of `kind: contraction` events, as a positive amount'),
  net: ZAmount('new + expansion + other purchases − contraction'),
  payingAccounts: ZCount.describe('Accounts with a revenue event in the window'),
  arpa: ZAmountOrNull('Average revenue per account: net ÷ paying accounts; null without any'),
  nrr: z
    .number()
    .nullable()
    .describe(
      'Net revenue retention as a ratio (1.1 = 110 %): what the previous window’s paying accounts brought in this window ÷ what they brought then; null when they brought nothing',
    ),
  clv: z
    .object({
      averagePurchase: ZAmountOrNull('Mean value of purchases (new, expansion and untyped events)'),
      purchasesPerYear: z.number().nonnegative().nullable().describe('Purchases per paying account per year'),
      lifespanYears: z
        .number()
        .positive()
        .nullable()
        .describe('1 ÷ (12 × monthly churn rate), in years; null when churn is 0 or unknown'),
      value: ZAmountOrNull('averagePurchase × purchasesPerYear × lifespanYears; null when any is unknown'),
    })
    .describe('Customer lifetime value and the three figures it is the product of'),
  monthlyChurn: ZRateOrNull('The monthly churn rate over the window that CLV’s lifespan comes from'),
});
export type RevenueResponse = z.infer<typeof ZRevenueResponse>;

// ── GET /v1/health ────────────────────────────────────────────────────────────────────────

const ZPoints = z.number().min(0).max(100);
const ZPart = z.object({
  value: ZPoints.nullable().describe('The part on a 0–100 scale (100 is best); null when unknown'),
  weight: z.number().min(0).describe('Its weight; unknown parts are left out and the rest renormalised'),
});
const ZWeights = z.object({
  nps: z.number().min(0),
  csat: z.number().min(0),
  ces: z.number().min(0),
  recency: z.number().min(0),
  ttv: z.number().min(0),
  tickets: z.number().min(0),
});

/** One account's 0–100 health with each part shown. */
export const ZAccountHealth = z.object({
  account: z.string().describe("The account trait's value, else the user id"),
  score: ZPoints.nullable().describe('Weighted mean of the known parts (0–100); null when none is known'),
  lastActive: z
    .number()
    .int()
    .nullable()
    .describe("The last activity of any of the account's users (epoch ms); null when none"),
  parts: z.object({
    nps: ZPart.describe('Latest NPS answer on its scale'),
    csat: ZPart.describe('Latest CSAT answer on its scale'),
    ces: ZPart.describe('Latest CES answer on its scale, flipped for lower-is-better scales'),
    recency: ZPart.describe('100 at activity now, falling linearly to 0 at the inactivity days'),
    ttv: ZPart.describe('100 when any user reached value, 0 when none did'),
    tickets: ZPart.describe('100 − 25 per open ticket, at least 0'),
  }),
});

/** The answer of `GET /v1/health`: every account worst first, and those under the threshold. */
export const ZHealthResponse = z.object({
  weights: ZWeights.describe("The site's weight of each part"),
  threshold: ZPoints.describe('Accounts scoring under this are at risk'),
  total: ZCount.describe('Accounts scored (the lists hold at most `limit`)'),
  openTickets: ZCount.describe('Open tickets of the site'),
  accounts: z
    .array(ZAccountHealth)
    .describe('Worst first (ties: the longest idle, then by account); accounts without a score last'),
  atRisk: z.array(ZAccountHealth).describe('Accounts under the threshold, worst first'),
  mrr: z
    .object({
      currency: z.string().describe('The currency most accounts bill in (ISO 4217, lowercase, as Stripe writes it)'),
      total: z.number().nonnegative().describe('MRR of every paying account now, in the major unit'),
      atRisk: z.number().nonnegative().describe('MRR of every account under the at-risk threshold'),
      atRiskAccounts: ZCount.describe('Paying accounts under the threshold'),
      byAccount: z.record(z.string(), z.number()).describe('MRR now of each listed account that pays'),
    })
    .optional()
    .describe('MRR from Stripe (/v1/sources/stripe) as each account’s weight; absent without subscription history'),
});
export type HealthResponse = z.infer<typeof ZHealthResponse>;
