import { z } from 'zod';
import { isTimeZone } from './calendar';
import { BANDS, DIRECTIONS, KINDS, type Kind, LIMITS, SERVER_LIMITS, scaleFits } from './constants';
import { windowed, ZReportDay } from './window';

export type { Direction, Kind } from './constants';

/**
 * Whether a string is well-formed Unicode: no lone UTF-16 surrogate, which would be stored as
 * invalid UTF-8 and could then never be matched again (nor erased). In `u` mode a surrogate
 * pair is one code point, so only a lone surrogate is `\p{Cs}`.
 */
export const isWellFormedText = (text: string): boolean => !/\p{Cs}/u.test(text);

/** A string field of the protocol: every id, name, key and text refuses what is not well-formed Unicode. */
const zText = () => z.string().refine(isWellFormedText, 'must be well-formed Unicode (no lone surrogates)');

/** The question kinds Heard asks. */
export const ZKind = z.enum(KINDS);

/** Which end of a scale is the good one. */
export const ZDirection = z.enum(DIRECTIONS);

const ZKey = z
  .string()
  .min(1)
  .max(LIMITS.nameChars)
  .regex(/^[A-Za-z0-9_.:-]+$/, 'letters, digits and _ . : - only');

/** Segment properties: flat, small, scalar. */
export const ZProps = z
  .record(
    ZKey,
    z.union([zText().max(LIMITS.stringChars), z.number().min(-LIMITS.numberAbs).max(LIMITS.numberAbs), z.boolean()]),
  )
  .refine((props) => Object.keys(props).length <= LIMITS.propsKeys, {
    message: `at most ${LIMITS.propsKeys} keys`,
  });
export type Props = z.infer<typeof ZProps>;

const ZId = zText().min(1).max(LIMITS.idChars);

/** Epoch milliseconds; the collector also checks the window around its own clock. */
export const ZTimestamp = z.number().int().nonnegative().max(8.64e15);

/** `userHash`: lowercase hex HMAC-SHA256 of the userId under the site's identity secret. */
export const ZUserHash = z.string().regex(/^[0-9a-f]{64}$/, 'lowercase hex HMAC-SHA256 of the userId (64 characters)');

const identity = {
  userId: ZId.optional(),
  anonymousId: ZId.optional(),
  /** Proves the userId when the site requires identity verification; never stored. */
  userHash: ZUserHash.optional(),
};
const hasIdentity = (item: { userId?: string | undefined; anonymousId?: string | undefined }) =>
  item.userId !== undefined || item.anonymousId !== undefined;
const identityIssue = { message: 'userId or anonymousId is required', path: ['userId'] };

/** Where an answer was given: in the app (`web`, the default), on a link's page, or from an email's score link. */
export const ZChannel = z.enum(['web', 'link', 'email']).describe('where the answer was given; default web');
export type Channel = z.infer<typeof ZChannel>;

/** One answer to one question, as the widget sends it. */
export const ZAnswer = z
  .object({
    id: z.uuid(),
    kind: ZKind,
    score: z.number().int(),
    scale: z.tuple([z.number().int(), z.number().int()]),
    direction: ZDirection.optional(),
    survey: ZKey.optional(),
    comment: zText().max(LIMITS.commentChars).optional(),
    ...identity,
    traits: ZProps.optional(),
    props: ZProps.optional(),
    url: zText().max(LIMITS.urlChars).optional(),
    locale: zText().max(35).optional(),
    channel: ZChannel.optional(),
    ts: ZTimestamp,
  })
  .refine(hasIdentity, identityIssue)
  .refine((a) => scaleFits(a.kind, a.scale), {
    message: 'scale is not one this kind uses',
    path: ['scale'],
  })
  .refine((a) => a.score >= a.scale[0] && a.score <= a.scale[1], {
    message: 'score is outside the scale',
    path: ['score'],
  });
export type Answer = z.infer<typeof ZAnswer>;

/** A product event recorded with `track()`. */
export const ZEvent = z
  .object({
    id: z.uuid(),
    name: ZKey,
    ...identity,
    entity: ZId.optional(),
    value: z.number().min(-LIMITS.valueAbs).max(LIMITS.valueAbs).optional(),
    props: ZProps.optional(),
    ts: ZTimestamp,
  })
  .refine(hasIdentity, identityIssue);
export type Event = z.infer<typeof ZEvent>;

/** A prompt shown to, or dismissed by, a user: the denominator of the response rate. */
export const ZDisplay = z
  .object({
    id: z.uuid(),
    kind: ZKind,
    action: z.enum(['shown', 'dismissed']),
    survey: ZKey.optional(),
    ...identity,
    ts: ZTimestamp,
  })
  .refine(hasIdentity, identityIssue);
export type Display = z.infer<typeof ZDisplay>;

/** The body of `POST /v1/collect`. */
export const ZCollectBatch = z
  .object({
    site: zText().min(1).max(LIMITS.nameChars),
    answers: z.array(ZAnswer).max(LIMITS.itemsPerBatch).default([]),
    events: z.array(ZEvent).max(LIMITS.itemsPerBatch).default([]),
    displays: z.array(ZDisplay).max(LIMITS.itemsPerBatch).default([]),
  })
  .refine((b) => b.answers.length + b.events.length + b.displays.length <= LIMITS.itemsPerBatch, {
    message: `at most ${LIMITS.itemsPerBatch} items per batch`,
  });
export type CollectBatch = z.infer<typeof ZCollectBatch>;

/**
 * The envelope the collector reads first: items are then checked one by one, so one bad
 * item does not cost the good ones beside it.
 */
export const ZCollectEnvelope = z
  .object({
    site: zText().min(1).max(LIMITS.nameChars),
    answers: z.array(z.unknown()).max(LIMITS.itemsPerBatch).default([]),
    events: z.array(z.unknown()).max(LIMITS.itemsPerBatch).default([]),
    displays: z.array(z.unknown()).max(LIMITS.itemsPerBatch).default([]),
  })
  .refine((b) => b.answers.length + b.events.length + b.displays.length <= LIMITS.itemsPerBatch, {
    message: `at most ${LIMITS.itemsPerBatch} items per batch`,
  });

/**
 * The body of `POST /v1/batch` in Heard's own shape: collect's body without `site`, with the
 * server caps. Items are then checked one by one, as collect does.
 */
export const ZBatchEnvelope = z
  .object({
    answers: z.array(z.unknown()).max(SERVER_LIMITS.itemsPerBatch).default([]),
    events: z.array(z.unknown()).max(SERVER_LIMITS.itemsPerBatch).default([]),
    displays: z.array(z.unknown()).max(SERVER_LIMITS.itemsPerBatch).default([]),
  })
  .refine((b) => b.answers.length + b.events.length + b.displays.length <= SERVER_LIMITS.itemsPerBatch, {
    message: `at most ${SERVER_LIMITS.itemsPerBatch} items per batch`,
  });

/** The body of `POST /v1/batch` as the OpenAPI document shows it: typed items, or Segment's batch. */
export const ZBatchBody = z.union([
  z.object({
    answers: z.array(ZAnswer).max(SERVER_LIMITS.itemsPerBatch).optional(),
    events: z.array(ZEvent).max(SERVER_LIMITS.itemsPerBatch).optional(),
    displays: z.array(ZDisplay).max(SERVER_LIMITS.itemsPerBatch).optional(),
  }),
  z.object({
    batch: z
      .array(z.looseObject({ type: z.enum(['track', 'identify']), messageId: z.string().optional() }))
      .max(SERVER_LIMITS.itemsPerBatch)
      .describe("Segment's HTTP Tracking API batch: track and identify calls; messageId is the item id"),
  }),
]);

/** The answer of `POST /v1/identity/secret`: the new identity secret, shown once. */
export const ZIdentitySecret = z.object({
  identitySecret: z.string().describe('ids_…: sign user ids with it (userHash); shown once, stored sealed'),
  createdAt: ZTimestamp,
});
export type IdentitySecret = z.infer<typeof ZIdentitySecret>;

// Answers, not input: an issue's path and a refused item's id repeat what the client sent, lone
// surrogates included (JSON escapes them), so the client can find the item it sent.
export const ZIssue = z.object({ path: z.string(), message: z.string() });
export type Issue = z.infer<typeof ZIssue>;

/** An item the collector refused, by its place in the batch; the client drops it. */
export const ZRejected = z.object({
  type: z.enum(['answer', 'event', 'display']),
  index: z.number().int(),
  id: z.string().optional(),
  issues: z.array(ZIssue),
});
export type Rejected = z.infer<typeof ZRejected>;

/** The answer of `POST /v1/collect`: new items, items already stored, and items refused. */
export const ZCollectResult = z.object({
  accepted: z.number().int(),
  duplicates: z.number().int(),
  rejected: z.array(ZRejected),
  /** Present when the collector queues writes: `accepted` then counts items enqueued, `duplicates` is 0. */
  queued: z.literal(true).optional(),
});
export type CollectResult = z.infer<typeof ZCollectResult>;

/** The body of `POST /v1/sites`. */
export const ZSiteCreate = z.object({
  name: zText().min(1).max(LIMITS.nameChars),
  origins: z
    .array(
      z
        .string()
        .max(LIMITS.stringChars)
        .regex(/^https?:\/\/(\*\.)?[A-Za-z0-9.-]+(:\d+)?$/, 'an origin such as https://app.example.com'),
    )
    .max(50)
    .default([]),
});
export type SiteCreate = z.infer<typeof ZSiteCreate>;

export const ZSiteCreated = z.object({
  id: zText(),
  name: zText(),
  origins: z.array(zText()),
  publicKey: zText(),
  secretKey: zText(),
});
export type SiteCreated = z.infer<typeof ZSiteCreated>;

/** Query of `GET /v1/scores`. `from`/`to` are calendar days in `tz` (default UTC), both inclusive. */
export const ZScoresQuery = windowed(
  z.object({
    metric: ZKind,
    survey: ZKey.optional(),
    from: ZReportDay.optional(),
    to: ZReportDay.optional(),
    interval: z.enum(['day', 'week', 'month']).optional(),
    tz: zText().max(64).refine(isTimeZone, 'an IANA time zone such as Europe/Berlin').optional(),
    by: ZKey.optional(),
    top: z.coerce.number().int().min(1).max(50).optional(),
    compare: z.literal('previous').optional(),
    channel: ZChannel.optional(),
  }),
).refine((q) => q.compare === undefined || q.from !== undefined, {
  message: 'compare=previous needs from (the period to compare is from…to)',
  path: ['compare'],
});
export type ScoresQuery = z.infer<typeof ZScoresQuery>;

/** Every error the HTTP API returns. */
export const ZError = z.object({
  error: z.object({
    code: zText(),
    message: zText(),
    issues: z.array(ZIssue).optional(),
    rejected: z.array(ZRejected).optional(),
  }),
});
export type ApiError = z.infer<typeof ZError>;

// ── Surveys and targeting (issue 5) ───────────────────────────────────────────────────────

const ZScalar = z.union([zText().max(LIMITS.stringChars), z.number().finite(), z.boolean()]);
const ZLocale = z
  .string()
  .min(2)
  .max(35)
  .regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'a language tag such as en or pt-BR');

/** A condition on one property or trait: `{ key: 'plan', op: 'in', value: ['pro', 'team'] }`. */
export const ZFilter = z
  .object({
    key: ZKey,
    op: z.enum(['equals', 'not', 'contains', 'gt', 'lt', 'in']),
    value: z.union([ZScalar, z.array(ZScalar).max(100)]),
  })
  .refine((f) => (f.op === 'in') === Array.isArray(f.value), {
    message: "'in' takes a list of values; every other op takes one value",
    path: ['value'],
  })
  .refine((f) => (f.op !== 'gt' && f.op !== 'lt') || typeof f.value === 'number', {
    message: "'gt' and 'lt' compare with a number",
    path: ['value'],
  });
export type Filter = z.infer<typeof ZFilter>;

/**
 * A condition on the page URL. Positive rules are alternatives (any may match); rules with
 * `not: true` must all hold (none of their patterns may match).
 */
export const ZUrlRule = z
  .object({
    op: z.enum(['exact', 'contains', 'startsWith', 'regex']),
    value: zText().min(1).max(LIMITS.urlChars),
    not: z.boolean().optional(),
  })
  .refine(
    (rule) => {
      if (rule.op !== 'regex') return true;
      try {
        new RegExp(rule.value);
        return true;
      } catch {
        return false;
      }
    },
    { message: 'not a valid regular expression', path: ['value'] },
  );
export type UrlRule = z.infer<typeof ZUrlRule>;

/** What makes a survey due: a page view, or a `track()` event by name with property filters. */
export const ZTrigger = z.discriminatedUnion('type', [
  z.object({ type: z.literal('pageview') }),
  z.object({ type: z.literal('event'), name: ZKey, where: z.array(ZFilter).max(20).optional() }),
]);
export type Trigger = z.infer<typeof ZTrigger>;

/** Who sees a survey, when, and how rarely. Every field has a default. */
export const ZTargeting = z.object({
  /** Any of these makes the survey due. */
  triggers: z
    .array(ZTrigger)
    .min(1)
    .max(20)
    .default([{ type: 'pageview' }]),
  /** The page the user is on when the survey is due, and still on when it shows. */
  pages: z.array(ZUrlRule).max(20).default([]),
  /** Seconds to wait after the trigger; the survey is cancelled if the page stops matching. */
  delaySeconds: z.number().int().min(0).max(3600).default(0),
  /** Only once the user was first seen (or signed up) at least this many days ago. */
  afterDays: z
    .object({ days: z.number().int().min(0).max(3650), since: z.enum(['first_seen', 'signed_up']) })
    .optional(),
  /** Trait filters; all must hold. */
  traits: z.array(ZFilter).max(20).default([]),
  /** Share of users (0–1) in the survey's sample, stable per user. */
  sample: z.number().min(0).max(1).default(1),
  /** Locales (`en`, `pt-BR`) the survey is for; empty means all. `en` also matches `en-GB`. */
  locales: z.array(ZLocale).max(50).default([]),
  /** Days before the same user is asked this survey again after seeing or answering it. */
  recontactDays: z.number().int().min(0).max(3650).default(90),
  /** Days before a dismissed survey may come back: a dismissal counts, with a shorter cool-down. */
  dismissDays: z.number().int().min(0).max(3650).default(14),
});
export type Targeting = z.infer<typeof ZTargeting>;

/** The words of a survey in one locale. */
export const ZSurveyTexts = z.object({
  question: zText().min(1).max(LIMITS.stringChars),
  followUp: zText().min(1).max(LIMITS.stringChars).optional(),
  labels: z.tuple([zText().max(100), zText().max(100)]).optional(),
  thanks: zText().max(LIMITS.stringChars).optional(),
});
export type SurveyTexts = z.infer<typeof ZSurveyTexts>;

/** How the prompt looks; the widget applies what it knows and ignores the rest. */
export const ZAppearance = z.object({
  position: z.enum(['bottom-right', 'bottom-left', 'top-right', 'top-left', 'center']).optional(),
  accent: z
    .string()
    .max(50)
    .regex(/^[#(),.%\w\s-]+$/, 'a CSS colour')
    .optional(),
  /** `false`: no open follow-up question after the score. It is asked by default. */
  followUp: z.boolean().optional(),
});
export type Appearance = z.infer<typeof ZAppearance>;

export const ZSurveyStatus = z.enum(['draft', 'active', 'paused']);
export type SurveyStatus = z.infer<typeof ZSurveyStatus>;

/** When a survey runs: epoch ms, both ends optional. */
export const ZSchedule = z
  .object({ start: ZTimestamp.optional(), end: ZTimestamp.optional() })
  .refine((s) => s.start === undefined || s.end === undefined || s.start < s.end, {
    message: 'start must be before end',
    path: ['end'],
  });
export type Schedule = z.infer<typeof ZSchedule>;

const ZTextsByLocale = z
  .record(z.union([ZLocale, z.literal('default')]), ZSurveyTexts)
  .refine((texts) => Object.keys(texts).length >= 1, { message: 'give the texts in at least one locale' })
  .refine((texts) => Object.keys(texts).length <= 50, { message: 'at most 50 locales' });

const surveyFields = {
  name: zText().min(1).max(LIMITS.nameChars),
  kind: ZKind,
  scale: z.tuple([z.number().int(), z.number().int()]),
  texts: ZTextsByLocale,
  appearance: ZAppearance,
  targeting: ZTargeting,
  schedule: ZSchedule,
  status: ZSurveyStatus,
  priority: z.number().int().min(0).max(1000),
};

const surveyScaleFits = (s: { kind?: Kind | undefined; scale?: readonly [number, number] | undefined }) =>
  s.kind === undefined || s.scale === undefined || scaleFits(s.kind, s.scale);
const scaleIssue = { message: 'scale is not one this kind uses', path: ['scale'] };

/** The body of `POST /v1/surveys`. The scale defaults to the kind's usual one. */
export const ZSurveyCreate = z
  .object({
    ...surveyFields,
    scale: surveyFields.scale.optional(),
    appearance: ZAppearance.default({}),
    targeting: ZTargeting.default(ZTargeting.parse({})),
    schedule: ZSchedule.default({}),
    status: ZSurveyStatus.default('draft'),
    priority: surveyFields.priority.default(0),
  })
  .strict()
  .refine(surveyScaleFits, scaleIssue);
export type SurveyCreate = z.infer<typeof ZSurveyCreate>;

/** The body of `PATCH /v1/surveys/:id`: any field; `targeting` and `schedule` are replaced whole. */
export const ZSurveyPatch = z
  .object({
    name: surveyFields.name,
    kind: surveyFields.kind,
    scale: surveyFields.scale,
    texts: surveyFields.texts,
    appearance: surveyFields.appearance,
    targeting: surveyFields.targeting,
    schedule: surveyFields.schedule,
    status: surveyFields.status,
    priority: surveyFields.priority,
  })
  .partial()
  .strict()
  .refine((p) => Object.keys(p).length > 0, { message: 'send at least one field to change' });
export type SurveyPatch = z.infer<typeof ZSurveyPatch>;

/** A survey as the secret-key API returns it. */
export const ZSurvey = z.object({
  id: zText(),
  ...surveyFields,
  createdAt: ZTimestamp,
  updatedAt: ZTimestamp,
});
export type Survey = z.infer<typeof ZSurvey>;

/** A survey id that answers carry, managed or asked ad hoc (`ask('nps', { survey })`), and how many. */
export const ZAnsweredSurvey = z.object({ id: zText(), kind: ZKind, n: z.number().int() });
export type AnsweredSurvey = z.infer<typeof ZAnsweredSurvey>;

/** The answer of `GET /v1/surveys`: the managed surveys, and every survey id answers were given to. */
export const ZSurveyList = z.object({ surveys: z.array(ZSurvey), answered: z.array(ZAnsweredSurvey) });
export type SurveyList = z.infer<typeof ZSurveyList>;

/** A survey as the widget receives it: its texts already resolved for the user's locale. */
export const ZActiveSurvey = z.object({
  id: zText(),
  kind: ZKind,
  scale: z.tuple([z.number().int(), z.number().int()]),
  texts: ZSurveyTexts,
  appearance: ZAppearance,
  targeting: ZTargeting,
  priority: z.number().int(),
});
export type ActiveSurvey = z.infer<typeof ZActiveSurvey>;

/** One prompt a user got: when, of which survey, and whether they dismissed it. */
export const ZContact = z.object({ survey: zText(), ts: ZTimestamp, dismissed: z.boolean() });
export type Contact = z.infer<typeof ZContact>;

/** Query of `GET /v1/surveys/active`. */
export const ZActiveQuery = z.object({
  site: zText().min(1).max(LIMITS.nameChars),
  user: ZId.optional(),
  locale: zText().max(35).optional(),
});
export type ActiveQuery = z.infer<typeof ZActiveQuery>;

/**
 * The answer of `GET /v1/surveys/active`: the site's running surveys, the global cool-down,
 * and, for an identified user, their prompts on every device and when they were first seen.
 */
export const ZActiveSurveys = z.object({
  surveys: z.array(ZActiveSurvey),
  cooldownDays: z.number().int().min(0),
  /** Whether the site asks an open follow-up question after a score (its `surveys.followUp` setting). */
  followUp: z.boolean().optional(),
  contacts: z.array(ZContact),
  firstSeen: ZTimestamp.optional(),
  signedUp: ZTimestamp.optional(),
});
export type ActiveSurveys = z.infer<typeof ZActiveSurveys>;

const ZInterval95 = z.tuple([z.number(), z.number()]).nullable();

/** Score, interval and counts: the figures shared by a report, its series, segments and scales. */
export const ZScoreSummary = z.object({
  n: z.number().int(),
  score: z.number().nullable(),
  ci95: ZInterval95,
  lowSample: z.boolean(),
  breakdown: z.record(zText(), z.number()),
  mean: z.number().nullable(),
});
export type ScoreSummary = z.infer<typeof ZScoreSummary>;

const ZScaleTuple = z.tuple([z.number().int(), z.number().int()]);

/** One point of a report's series: a day, an ISO week or a month, clipped to the range. */
export const ZSeriesPoint = ZScoreSummary.extend({ label: zText(), from: zText(), to: zText() });

/** One value of the `by` trait or prop; `(other)` folds values past the top K, `(none)` is answers without it. */
export const ZSegment = ZScoreSummary.extend({ value: zText() });

/** Answered ÷ shown for the prompts of this metric (and survey) in the range; null when no display was recorded. */
export const ZResponseRate = z.object({ answered: z.number().int(), shown: z.number().int(), rate: z.number() });

/** One scale of the metric, never mixed with another. */
export const ZScaleReport = ZScoreSummary.extend({
  scale: ZScaleTuple,
  direction: ZDirection,
  distribution: z.record(zText(), z.number()),
});

const reportShape = {
  metric: ZKind,
  from: zText().nullable(),
  to: zText().nullable(),
  tz: zText(),
  ...ZScoreSummary.shape,
  /** The scale the top-level figures, series and segments are on: the one with the most answers. */
  scale: ZScaleTuple.nullable(),
  direction: ZDirection.nullable(),
  distribution: z.record(zText(), z.number()),
  scales: z.array(ZScaleReport),
  responseRate: ZResponseRate.nullable(),
  interval: z.enum(['day', 'week', 'month']).optional(),
  series: z.array(ZSeriesPoint).optional(),
  by: zText().optional(),
  segments: z.array(ZSegment).optional(),
};

/** Significance of the change from the previous period, on the main scale. */
export const ZSignificance = z.object({
  test: z.enum(['nps-z', 'two-proportion-z', 'welch-z']),
  difference: z.number(),
  se: z.number().nullable(),
  z: z.number().nullable(),
  p: z.number().nullable(),
  significant: z.boolean(),
  /** Why the change cannot be called significant whatever its size: no spread, or too few answers. */
  reason: z.string().optional(),
});

/** The answer of `GET /v1/scores`. */
export const ZScoresReport = z.object({
  ...reportShape,
  comparison: z
    .object({
      previous: z.object(reportShape),
      /** Null when either period has no answers on the main scale. */
      significance: ZSignificance.nullable(),
    })
    .optional(),
});
export type ScoresReport = z.infer<typeof ZScoresReport>;

/** Query of `GET /v1/export`: the answers, oldest first. */
export const ZExportQuery = windowed(
  z.object({
    format: z.enum(['csv', 'ndjson']).default('csv'),
    metric: ZKind.optional(),
    survey: ZKey.optional(),
    from: ZReportDay.optional(),
    to: ZReportDay.optional(),
    tz: zText().max(64).refine(isTimeZone, 'an IANA time zone such as Europe/Berlin').optional(),
  }),
);
export type ExportQuery = z.input<typeof ZExportQuery>;

/** One exported answer (an NDJSON line; CSV has the same columns, traits and props as JSON). */
export const ZExportedAnswer = z.object({
  id: zText(),
  ts: z.number(),
  time: zText(),
  kind: ZKind,
  survey: zText(),
  score: z.number(),
  scale: ZScaleTuple,
  direction: ZDirection,
  comment: zText().nullable(),
  userId: zText().nullable(),
  anonymousId: zText().nullable(),
  traits: z.record(zText(), z.unknown()).nullable(),
  props: z.record(zText(), z.unknown()).nullable(),
  url: zText().nullable(),
  locale: zText().nullable(),
  channel: ZChannel,
});
export type ExportedAnswer = z.infer<typeof ZExportedAnswer>;

/** The body of `PUT /v1/webhook`: where low answers go. Omit `secret` to have one made. */
export const ZWebhookPut = z.object({
  url: z
    .url({ protocol: /^https?$/ })
    .max(LIMITS.urlChars)
    .refine(isWellFormedText, 'must be well-formed Unicode'),
  secret: zText().min(16).max(200).optional(),
});
export type WebhookPut = z.infer<typeof ZWebhookPut>;

/** A site's webhook as `GET /v1/webhook` shows it (the secret only when it is set). */
export const ZWebhook = z.object({
  url: zText(),
  secret: zText().optional(),
  createdAt: z.number(),
  deliveries: z
    .array(
      z.object({
        answerId: zText(),
        stage: z.enum(['answer', 'comment']),
        status: z.enum(['pending', 'delivered', 'failed']),
        attempts: z.number().int(),
        lastStatus: z.number().int().nullable(),
      }),
    )
    .optional(),
});
export type Webhook = z.infer<typeof ZWebhook>;

/** Query of `GET /v1/comments`: answers that carry a comment, newest first, a page at a time. */
export const ZCommentsQuery = windowed(
  z.object({
    metric: ZKind.default('nps'),
    survey: ZKey.optional(),
    from: ZReportDay.optional(),
    to: ZReportDay.optional(),
    /** Lowest and highest score to include, e.g. 0–6 for NPS detractors. */
    min: z.coerce.number().int().min(0).max(10).optional(),
    max: z.coerce.number().int().min(0).max(10).optional(),
    /** A score band, read on each answer's own scale and direction (`low` is detractors, unsatisfied, hard). */
    band: z.enum(BANDS).optional(),
    /** A trait or prop name, and the value it must have. */
    by: ZKey.optional(),
    value: zText().max(LIMITS.stringChars).optional(),
    /** Text the comment must contain, case-insensitively. */
    q: zText().min(1).max(200).optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    /** The `next` cursor of the previous page. */
    before: z
      .string()
      .max(300)
      .regex(/^\d{1,16}:[^\s]+$/, 'a cursor from a previous page')
      .optional(),
  }),
);
export type CommentsQuery = z.infer<typeof ZCommentsQuery>;

/** One answer with its comment, as `GET /v1/comments` lists it. */
export const ZComment = z.object({
  id: zText(),
  kind: ZKind,
  survey: zText(),
  score: z.number().int(),
  scale: z.tuple([z.number().int(), z.number().int()]),
  direction: ZDirection,
  comment: zText(),
  userId: zText().nullable(),
  traits: z.record(zText(), z.union([zText(), z.number(), z.boolean()])),
  ts: z.number(),
});
export type Comment = z.infer<typeof ZComment>;

/** The answer of `GET /v1/comments`; `next` is the cursor of the following page, or null. */
export const ZCommentsPage = z.object({ comments: z.array(ZComment), next: zText().nullable() });
export type CommentsPage = z.infer<typeof ZCommentsPage>;
