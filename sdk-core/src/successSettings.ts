import { z } from 'zod';
import { DAY_MS as DAY } from './constants';
import { windowed, ZReportDay } from './window';

const ZEventName = z
  .string()
  .min(1)
  .max(100)
  .regex(/^[A-Za-z0-9_.:-]+$/, 'letters, digits and _ . : - only');

const ZWeight = z.number().finite().min(0).max(100);

const ttv = z.object({ start: ZEventName, value: ZEventName });
const resolution = z.object({ start: ZEventName, end: ZEventName });
const churn = z.object({ event: ZEventName, inactivityDays: z.number().int().min(1).max(3650) });
const revenue = z.object({ event: ZEventName });
const account = z.object({ trait: ZEventName });
const weights = z.object({
  nps: ZWeight,
  csat: ZWeight,
  ces: ZWeight,
  recency: ZWeight,
  ttv: ZWeight,
  tickets: ZWeight,
});
const health = z.object({ weights, atRisk: z.number().finite().min(0).max(100) });
/** Days raw rows are kept before the daily purge (aggregates stay); null keeps everything. */
const retentionDays = z.number().int().min(1).max(3650).nullable();
/**
 * The global cool-down across all of the site's surveys, in days, and whether the widget asks
 * an open follow-up question ("what is the main reason…") after every score.
 */
const surveys = z.object({ cooldownDays: z.number().int().min(0).max(365), followUp: z.boolean() });
/**
 * Traits (or props) counted per day as answers arrive, so `GET /v1/scores?by=` on them reads a
 * rollup instead of every answer in range. At most 5: each costs a rollup row per value, day
 * and score.
 */
const segments = z
  .array(ZEventName)
  .max(5)
  .refine((names) => new Set(names).size === names.length, 'each name once');
/**
 * Event names only the secret-key door (`POST /v1/batch`, `@heard/node`) may write: through
 * the public key such an item is refused as server-only. Defaults to the revenue and churn events.
 */
const trustedEvents = z
  .array(ZEventName)
  .max(50)
  .refine((names) => new Set(names).size === names.length, 'each name once');
/** Identity verification: with `required`, public-key items with a userId must carry its userHash. */
const identity = z.object({ required: z.boolean() });

/**
 * The customer-success settings of a site (stored in `sites.settings`): which events start
 * and end time-to-value and resolution time, what counts as churn, which event carries
 * revenue, which trait names an account, and how the health score weighs its parts.
 */
export const ZSiteSettings = z.object({
  ttv,
  resolution,
  churn,
  revenue,
  account,
  health,
  retentionDays,
  surveys,
  segments,
  trustedEvents,
  identity,
});
export type SiteSettings = z.infer<typeof ZSiteSettings>;

/** The settings a site has until it changes them. */
export const DEFAULT_SITE_SETTINGS: SiteSettings = {
  ttv: { start: 'signed_up', value: 'activated' },
  resolution: { start: 'ticket_opened', end: 'ticket_resolved' },
  churn: { event: 'churned', inactivityDays: 30 },
  revenue: { event: 'revenue' },
  account: { trait: 'account' },
  health: { weights: { nps: 25, csat: 10, ces: 10, recency: 25, ttv: 15, tickets: 15 }, atRisk: 50 },
  retentionDays: null,
  surveys: { cooldownDays: 7, followUp: true },
  // The same list is the SQL default in migration 0009's trigger.
  segments: ['plan', 'country'],
  trustedEvents: ['revenue', 'churned'],
  identity: { required: false },
};

/** The trusted events a site has until it names its own: its revenue and churn events. */
export const defaultTrustedEvents = (settings: Pick<SiteSettings, 'revenue' | 'churn'>): string[] => [
  ...new Set([settings.revenue.event, settings.churn.event]),
];

/** Body of `PATCH /v1/settings`: any subset of the settings; unknown keys are refused. */
export const ZSiteSettingsPatch = z.strictObject({
  ttv: ttv.partial().strict().optional(),
  resolution: resolution.partial().strict().optional(),
  churn: churn.partial().strict().optional(),
  revenue: revenue.partial().strict().optional(),
  account: account.partial().strict().optional(),
  health: z
    .strictObject({ weights: weights.partial().strict().optional(), atRisk: health.shape.atRisk.optional() })
    .optional(),
  retentionDays: retentionDays.optional(),
  surveys: surveys.partial().strict().optional(),
  segments: segments.optional(),
  trustedEvents: trustedEvents.optional(),
  identity: identity.partial().strict().optional(),
});
export type SiteSettingsPatch = z.infer<typeof ZSiteSettingsPatch>;

/**
 * Applies a patch to settings, section by section; health weights merge key by key.
 * @example mergeSettings(DEFAULT_SITE_SETTINGS, { churn: { inactivityDays: 60 } }).churn
 *   // { event: 'churned', inactivityDays: 60 }
 */
export function mergeSettings(base: SiteSettings, patch: SiteSettingsPatch): SiteSettings {
  const churn = { ...base.churn, ...patch.churn };
  const revenue = { ...base.revenue, ...patch.revenue };
  // Trusted events the site never named follow its revenue and churn events when those change.
  const followsDefault = sameNames(base.trustedEvents, defaultTrustedEvents(base));
  return {
    ttv: { ...base.ttv, ...patch.ttv },
    resolution: { ...base.resolution, ...patch.resolution },
    churn,
    revenue,
    account: { ...base.account, ...patch.account },
    health: {
      weights: { ...base.health.weights, ...patch.health?.weights },
      atRisk: patch.health?.atRisk ?? base.health.atRisk,
    },
    retentionDays: patch.retentionDays === undefined ? base.retentionDays : patch.retentionDays,
    surveys: { ...base.surveys, ...patch.surveys },
    segments: patch.segments ?? base.segments,
    trustedEvents:
      patch.trustedEvents ?? (followsDefault ? defaultTrustedEvents({ churn, revenue }) : base.trustedEvents),
    identity: { ...base.identity, ...patch.identity },
  };
}

const sameNames = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((name) => b.includes(name));

/**
 * A site's settings from what is stored: the defaults, overlaid with whatever stored sections
 * are valid. Keys other branches keep in the same JSON are ignored here.
 */
export function siteSettingsFrom(stored: unknown): SiteSettings {
  const picked: Record<string, unknown> = {};
  if (stored && typeof stored === 'object') {
    for (const key of Object.keys(ZSiteSettingsPatch.shape)) {
      const section = (ZSiteSettingsPatch.shape as Record<string, z.ZodType>)[key] as z.ZodType;
      const value = (stored as Record<string, unknown>)[key];
      if (section.safeParse(value).success) picked[key] = value;
    }
  }
  return mergeSettings(DEFAULT_SITE_SETTINGS, picked as SiteSettingsPatch);
}

const settingsOf = new WeakMap<object, SiteSettings>();

/**
 * {@link siteSettingsFrom}, remembered per stored object: collect reads a cached site's
 * settings on every request and they only change when the object is replaced.
 */
export function cachedSiteSettings(stored: object): SiteSettings {
  let settings = settingsOf.get(stored);
  if (!settings) {
    settings = siteSettingsFrom(stored);
    settingsOf.set(stored, settings);
  }
  return settings;
}

const ZTraitName = ZEventName;

/**
 * `exact=true` computes a report from each user's first occurrences, `exact=false` from its
 * rollup; omitted, the collector picks: exact under `ROLLUP.exactBelow` subjects, for a window
 * that ends before today, for `by=` segments and for events other than the site's settings.
 */
const ZExact = z
  .enum(['true', 'false'])
  .optional()
  .describe(
    'true: compute from every subject (O(users)); false: from the rollup (O(days × bins), durations within 1 %); omitted: exact under 2,000 subjects',
  );

/** Query of `GET /v1/ttv`; `start` and `value` default to the site settings. */
export const ZTtvQuery = windowed(
  z.object({
    start: ZEventName.optional(),
    value: ZEventName.optional(),
    from: ZReportDay.optional(),
    to: ZReportDay.optional(),
    cohort: z.enum(['week', 'month']).default('week'),
    by: ZTraitName.optional(),
    exact: ZExact,
  }),
);
export type TtvQuery = z.infer<typeof ZTtvQuery>;

/** Query of `GET /v1/durations`; `start` and `end` default to the site's resolution events. */
export const ZDurationsQuery = windowed(
  z.object({
    start: ZEventName.optional(),
    end: ZEventName.optional(),
    from: ZReportDay.optional(),
    to: ZReportDay.optional(),
    by: ZTraitName.optional(),
    exact: ZExact,
  }),
);
export type DurationsQuery = z.infer<typeof ZDurationsQuery>;

/** Query of `GET /v1/retention`. */
export const ZRetentionQuery = windowed(
  z.object({
    interval: z.enum(['month', 'week']).default('month'),
    from: ZReportDay.optional(),
    to: ZReportDay.optional(),
  }),
);
export type RetentionQuery = z.infer<typeof ZRetentionQuery>;

/** Query of `GET /v1/revenue`. */
export const ZRevenueQuery = windowed(z.object({ from: ZReportDay.optional(), to: ZReportDay.optional() }));
export type RevenueQuery = z.infer<typeof ZRevenueQuery>;

/** Query of `GET /v1/health`. */
export const ZHealthQuery = z.object({ limit: z.coerce.number().int().min(1).max(1000).default(100) });
export type HealthQuery = z.infer<typeof ZHealthQuery>;

/**
 * The `[from, to)` window in epoch ms of ISO dates, `to` inclusive of its whole day.
 * Without `to` the window ends at `now`; without `from` it starts `defaultDays` earlier.
 */
export function dateWindow(
  query: { from?: string | undefined; to?: string | undefined },
  now: number,
  defaultDays = 365,
): { from: number; to: number } {
  const to = query.to ? Math.min(Date.parse(query.to) + DAY, now) : now;
  const from = query.from ? Date.parse(query.from) : to - defaultDays * DAY;
  return { from, to: Math.max(from, to) };
}
