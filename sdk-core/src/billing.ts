import { z } from 'zod';
import { MRR_BANDS, type MrrBandName } from './constants';
import { ZKind } from './protocol/fields';
import { ZTraitName } from './successSettings';
import { windowed, ZReportDay } from './window';

/** Where a subscription's account comes from: the Stripe customer, or a key of the subscription's metadata. */
export const ZStripeAccount = z
  .string()
  .regex(/^(customer|metadata\.[A-Za-z0-9_-]{1,40})$/, "'customer' or 'metadata.<key>' (letters, digits, _ and -)")
  .describe(
    'The account of a subscription: its Stripe customer, or `metadata.<key>` of the subscription (falling back to the customer when the key is absent)',
  );

/** The body of `PUT /v1/sources/stripe`. */
export const ZStripeSourcePut = z.object({
  signingSecret: z
    .string()
    .regex(/^whsec_[A-Za-z0-9_+/=-]{8,200}$/, "the endpoint's signing secret from Stripe, whsec_…")
    .describe("The webhook endpoint's signing secret Stripe shows (`whsec_…`)"),
  account: ZStripeAccount.default('customer'),
});
export type StripeSourcePut = z.infer<typeof ZStripeSourcePut>;

/** What `PUT /v1/sources/stripe` answers: the URL to paste into Stripe's webhook settings. */
export const ZStripeSourceSet = z.object({
  url: z.string().describe("The endpoint to add in Stripe's Dashboard → Developers → Webhooks"),
  account: ZStripeAccount,
  createdAt: z.number().int(),
});
export type StripeSourceSet = z.infer<typeof ZStripeSourceSet>;

/** One Stripe event as Heard received it. */
export const ZStripeDelivery = z.object({
  eventId: z.string(),
  type: z.string(),
  /** When Stripe created the event, epoch ms. */
  created: z.number().int(),
  receivedAt: z.number().int(),
  outcome: z
    .enum(['applied', 'ignored'])
    .describe('`applied` changed a subscription; `ignored` is a type Heard does not use'),
});
export type StripeDelivery = z.infer<typeof ZStripeDelivery>;

/** `GET /v1/sources/stripe`: the source without its secret, its last deliveries and refused ones. */
export const ZStripeSource = ZStripeSourceSet.extend({
  deliveries: z.array(ZStripeDelivery).describe('The last 20 events received, newest first'),
  failures: z
    .object({
      count: z.number().int(),
      lastAt: z.number().int().nullable(),
      lastMessage: z.string().nullable(),
    })
    .describe('Deliveries refused (bad or old signature, unreadable body) since the source was set'),
});
export type StripeSource = z.infer<typeof ZStripeSource>;

/** What Heard answers Stripe. */
export const ZStripeReceipt = z.object({
  received: z.literal(true),
  /** The event id was already applied: nothing changed. */
  duplicate: z.boolean(),
  outcome: z.enum(['applied', 'ignored']),
});
export type StripeReceipt = z.infer<typeof ZStripeReceipt>;

/** Query of `GET /v1/mrr`. */
export const ZMrrQuery = windowed(
  z.object({
    interval: z.enum(['month', 'week']).default('month'),
    from: ZReportDay.optional(),
    to: ZReportDay.optional(),
    currency: z
      .string()
      .regex(/^[A-Za-z]{3}$/, 'a three-letter ISO currency code')
      .transform((c) => c.toLowerCase())
      .optional()
      .describe("The one currency reported; default: the currency most of the site's accounts bill in"),
    churnedLimit: z.coerce
      .number()
      .int()
      .min(0)
      .max(500)
      .default(50)
      .describe('How many entries of the churned-MRR list to give, most MRR lost first (`churned.total` counts all)'),
    by: ZTraitName.optional().describe(
      "A trait of the account (e.g. `plan`, `country`): the same periods per value of it, in `segments`. An account's value is the trait of its most recently active user who has it, now",
    ),
  }),
);
export type MrrQuery = z.infer<typeof ZMrrQuery>;

const rate = z.number().nullable();

/** One period of `GET /v1/mrr`, amounts in the currency's major unit. */
export const ZMrrPeriod = z.object({
  period: z.string().describe('First day of the calendar month or ISO week'),
  start: z.number(),
  new: z.number(),
  expansion: z.number(),
  contraction: z.number(),
  churned: z.number(),
  reactivation: z.number(),
  end: z.number(),
  net: z.number().describe('end − start'),
  customers: z.object({ start: z.number().int(), end: z.number().int() }),
  logoChurnRate: rate.describe('accounts churned ÷ paying accounts at the start'),
  revenueChurnRate: rate.describe('(churned + contraction) ÷ start MRR'),
  nrr: rate.describe('(start + expansion − contraction − churned) ÷ start'),
  grr: rate.describe('(start − contraction − churned) ÷ start'),
  arpa: rate.describe('end MRR ÷ paying accounts at the end'),
  movements: z
    .array(
      z.object({
        account: z.string(),
        kind: z.enum(['new', 'expansion', 'contraction', 'churned', 'reactivation']),
        amount: z.number(),
      }),
    )
    .describe("Each account's one movement in the period, largest first"),
  payments: z
    .object({
      collected: z.number().describe('invoices paid (`invoice.paid`, amount paid)'),
      failed: z.number().describe('payment attempts that failed (`invoice.payment_failed`, amount due), each attempt'),
      refunded: z.number().describe('charges refunded (`charge.refunded`, the newly refunded amount)'),
      failedAccounts: z.number().int().describe('accounts with a failed payment in the period'),
    })
    .describe('Money that moved, beside MRR (none of it moves MRR), in the same currency'),
});

const ZDatedAnswer = z
  .object({
    score: z.number().int(),
    scale: z.tuple([z.number().int(), z.number().int()]),
    at: z.number().int().describe('When it was given, epoch ms'),
  })
  .nullable();

/** One band of NPS by MRR band. */
export const ZMrrBandNps = z.object({
  band: z.enum(MRR_BANDS.map((b) => b.band) as [MrrBandName, ...MrrBandName[]]).describe('The band’s name'),
  label: z.string().describe('The band as the dashboard writes it'),
  min: z.number().describe('Lower edge of MRR, inclusive (`none`: exactly 0; `under100`: above 0)'),
  below: z.number().nullable().describe('Upper edge of MRR, exclusive; null for the top band'),
  accounts: z.number().int().describe('Accounts in the band, answered or not'),
  n: z.number().int().describe('Accounts in the band with an NPS answer: one answer (their latest) each'),
  score: z.number().nullable().describe('NPS −100…100 of those answers; null when n is 0'),
  ci95: z.tuple([z.number(), z.number()]).nullable().describe('95% interval of the NPS, as /v1/scores gives it'),
  marginOfError: z.number().nullable(),
  breakdown: z.object({ promoters: z.number().int(), passives: z.number().int(), detractors: z.number().int() }),
});

/** One entry of the churned-MRR list. */
export const ZChurnedAccount = z.object({
  account: z.string(),
  period: z.string().describe('The period it churned or contracted in (first day)'),
  kind: z.enum(['churned', 'contraction']),
  lost: z.number().describe('MRR lost in that period, major unit'),
  nps: ZDatedAnswer.describe("The account's latest NPS answer (any of its users; the one /v1/health reads), or null"),
  csat: ZDatedAnswer.describe("The account's latest CSAT answer, or null"),
  comment: z
    .object({ text: z.string(), kind: ZKind, score: z.number().int(), at: z.number().int() })
    .nullable()
    .describe("The account's latest answer with a comment (any kind), or null"),
});

/** `GET /v1/mrr`: MRR movements from Stripe per period, in one currency. */
export const ZMrrResponse = z.object({
  by: z.string().nullable().describe('The trait the segments are by; null when not asked'),
  segments: z
    .array(
      z.object({
        value: z
          .string()
          .nullable()
          .describe(
            'The value of the `by` trait; null for accounts without it; `(other)` folds the rest past the top 10',
          ),
        accounts: z.number().int().describe('Accounts of the segment with a subscription in the report currency'),
        periods: z.array(ZMrrPeriod.omit({ movements: true, payments: true })),
      }),
    )
    .optional()
    .describe(
      'Present with `by`: the periods per segment, most accounts first; each account is in one segment, so the segments sum to the whole',
    ),
  currency: z.string().nullable().describe('The currency reported, null when the site has no subscriptions'),
  interval: z.enum(['month', 'week']),
  from: z.string(),
  to: z.string(),
  periods: z.array(ZMrrPeriod),
  clv: z
    .object({
      arpa: rate,
      monthlyRevenueChurn: rate.describe('Σ (churned + contraction) ÷ Σ start MRR over the periods, per month'),
      value: rate.describe('ARPA ÷ monthly revenue churn: the MRR-based CLV, beside /v1/revenue’s purchase-based one'),
      reason: z.string().nullable().describe('Why value is null, when it is'),
    })
    .describe('Customer lifetime value from MRR'),
  currencies: z
    .array(z.object({ currency: z.string(), accounts: z.number().int() }))
    .describe('Every currency the site bills in, with its accounts: never converted or summed'),
  atRisk: z
    .object({
      threshold: z.number().describe('The health score under which an account is at risk (settings.health.atRisk)'),
      accounts: z.number().int().describe('At-risk accounts (as /v1/health lists them) that pay now'),
      mrr: z.number().describe('Their MRR now, in the report currency'),
    })
    .describe('MRR at risk now: the paying accounts under the health threshold, whatever the window'),
  npsByMrrBand: z
    .array(ZMrrBandNps)
    .describe(
      'NPS by MRR band, now: every account Heard or Stripe knows, in the band of its MRR now (report currency; accounts billed only in other currencies left out), with its latest NPS answer (the one /v1/health reads). Bands: no MRR, < 100, 100 – 1,000, ≥ 1,000 in the major unit; an edge belongs to the band above it',
    ),
  churned: z
    .object({
      total: z.number().int().describe('Churned and contraction movements in the window, listed or not'),
      lost: z.number().describe('MRR they lost, all of them'),
      accounts: z
        .array(ZChurnedAccount)
        .describe('The first `churnedLimit`, most MRR lost first, then the later period'),
    })
    .describe(
      'The churned-MRR list: each account that churned or contracted in a period of the window, with its last NPS, CSAT and comment',
    ),
});
export type MrrResponse = z.infer<typeof ZMrrResponse>;
