import { z } from 'zod';
import { isTimeZone } from './calendar';
import { DAY_MS as DAY, THEMES } from './constants';
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
 * Which events are stored raw: `metrics` keeps only those a metric or setting names
 * ({@link eventNamesRead}); every other event still updates its user's last activity and the
 * per-day count of its name, and is not stored. `all` stores every event.
 */
const events = z.object({
  store: z
    .enum(['metrics', 'all'])
    .describe('`metrics`: store raw only the events a metric or setting reads; `all`: every event'),
});

/**
 * Themes the team names for `GET /v1/themes`: a comment mentions one when it contains any of its
 * keywords or phrases (matched word by word through the light stemmer, so "invoice" finds
 * "invoices"). Each is tested alongside the themes found automatically.
 */
const ZThemeDefinition = z.object({
  name: z.string().trim().min(1).max(100).describe('what the team calls the theme'),
  keywords: z
    .array(z.string().trim().min(1).max(100))
    .min(1)
    .max(THEMES.maxKeywords)
    .describe('words or phrases; any one of them marks a comment as mentioning the theme'),
});
const themes = z
  .array(ZThemeDefinition)
  .max(THEMES.maxDefined)
  .refine((list) => new Set(list.map((t) => t.name.toLowerCase())).size === list.length, 'each name once');
/** The site's time zone (IANA): where its days and weeks start for the digest and change alerts. */
const timeZone = z.string().max(64).refine(isTimeZone, 'an IANA time zone such as Europe/Berlin');
/**
 * The digest posted to the site's webhook after each period (`off`: never), and the period over
 * which a significant change of a score posts an alert (`off`: never).
 */
const digest = z.object({ period: z.enum(['week', 'day', 'off']), changeAlerts: z.enum(['day', 'week', 'off']) });

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
  themes,
  timeZone,
  digest,
  events,
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
  themes: [],
  timeZone: 'UTC',
  digest: { period: 'week', changeAlerts: 'day' },
  // New sites; migration 0071 gives every site made before it `all`, as it stored until then.
  events: { store: 'metrics' },
};

/** The event whose props are the user's traits (the widget's and Segment's identify calls). */
export const IDENTIFY_EVENT = 'identify';

/** The event whose first occurrence is a user's sign-up, for targeting's `afterDays.since: 'signed_up'`. */
export const SIGNED_UP_EVENT = 'signed_up';

/**
 * The event names some report or setting reads raw: time-to-value's start and value,
 * resolution's start and end, churn, revenue, the trusted events and `identify`. With
 * `events.store: 'metrics'` only these are stored; the rest are counted per day.
 * @example eventNamesRead(DEFAULT_SITE_SETTINGS).has('activated') // true
 */
export function eventNamesRead(
  settings: Pick<SiteSettings, 'ttv' | 'resolution' | 'churn' | 'revenue' | 'trustedEvents'>,
): Set<string> {
  return new Set([
    settings.ttv.start,
    settings.ttv.value,
    settings.resolution.start,
    settings.resolution.end,
    settings.churn.event,
    settings.revenue.event,
    ...settings.trustedEvents,
    IDENTIFY_EVENT,
    SIGNED_UP_EVENT,
  ]);
}

/**
 * Whether an event of this name is stored raw under these settings (always with `store: 'all'`).
 * @example storesEventRaw(DEFAULT_SITE_SETTINGS, 'page_viewed') // false
 */
export function storesEventRaw(settings: SiteSettings, name: string): boolean {
  return settings.events.store === 'all' || eventNamesRead(settings).has(name);
}

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
  themes: themes.optional(),
  timeZone: timeZone.optional(),
  digest: digest.partial().strict().optional(),
  events: events.partial().strict().optional(),
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
    themes: patch.themes ?? base.themes,
    timeZone: patch.timeZone ?? base.timeZone,
    digest: { ...base.digest, ...patch.digest },
    events: { ...base.events, ...patch.events },
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

/** A trait or prop name a report segments by (`by=`). */
export const ZTraitName = ZEventName;

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
export const ZHealthQuery = z.object({
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  exact: z
    .enum(['true', 'false'])
    .optional()
    .describe(
      "true: read every user's profile, latest answers and first occurrences (O(users)); false or omitted: the per-account rollup (O(accounts)); both give the same figures",
    ),
});
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
