import { z } from 'zod';
import { isTimeZone } from './calendar';
import { windowed, ZReportDay } from './window';

/** Limits every collector enforces; the widget uses the same numbers to stay inside them. */
export const LIMITS = {
  itemsPerBatch: 500,
  bodyBytes: 256 * 1024,
  commentChars: 5000,
  idChars: 200,
  nameChars: 100,
  stringChars: 500,
  urlChars: 2000,
  propsKeys: 50,
  pastMs: 400 * 24 * 3600 * 1000,
  futureMs: 5 * 60 * 1000,
} as const;

/** The question kinds Heard asks. */
export const ZKind = z.enum(['nps', 'csat', 'ces']);
export type Kind = z.infer<typeof ZKind>;

export const ZDirection = z.enum(['higher-better', 'lower-better']);
export type Direction = z.infer<typeof ZDirection>;

const ZKey = z
  .string()
  .min(1)
  .max(LIMITS.nameChars)
  .regex(/^[A-Za-z0-9_.:-]+$/, 'letters, digits and _ . : - only');

/** Segment properties: flat, small, scalar. */
export const ZProps = z
  .record(ZKey, z.union([z.string().max(LIMITS.stringChars), z.number().finite(), z.boolean()]))
  .refine((props) => Object.keys(props).length <= LIMITS.propsKeys, {
    message: `at most ${LIMITS.propsKeys} keys`,
  });
export type Props = z.infer<typeof ZProps>;

const ZId = z.string().min(1).max(LIMITS.idChars);

/** Epoch milliseconds; the collector also checks the window around its own clock. */
export const ZTimestamp = z.number().int().nonnegative().max(8.64e15);

const identity = {
  userId: ZId.optional(),
  anonymousId: ZId.optional(),
};
const hasIdentity = (item: { userId?: string | undefined; anonymousId?: string | undefined }) =>
  item.userId !== undefined || item.anonymousId !== undefined;
const identityIssue = { message: 'userId or anonymousId is required', path: ['userId'] };

/** Scales each kind may use. Everything else is refused. */
export const SCALES: Record<Kind, readonly (readonly [number, number])[]> = {
  nps: [[0, 10]],
  csat: [
    [1, 5],
    [1, 3],
    [1, 7],
  ],
  ces: [
    [1, 7],
    [1, 5],
  ],
};

/** The direction a kind's scale reads in when the answer does not say. */
export function defaultDirection(kind: Kind, scale: readonly [number, number]): Direction {
  return kind === 'ces' && scale[1] === 5 ? 'lower-better' : 'higher-better';
}

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
    comment: z.string().max(LIMITS.commentChars).optional(),
    ...identity,
    traits: ZProps.optional(),
    props: ZProps.optional(),
    url: z.string().max(LIMITS.urlChars).optional(),
    locale: z.string().max(35).optional(),
    channel: ZChannel.optional(),
    ts: ZTimestamp,
  })
  .refine(hasIdentity, identityIssue)
  .refine((a) => SCALES[a.kind].some(([lo, hi]) => lo === a.scale[0] && hi === a.scale[1]), {
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
    value: z.number().finite().optional(),
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
    site: z.string().min(1).max(LIMITS.nameChars),
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
    site: z.string().min(1).max(LIMITS.nameChars),
    answers: z.array(z.unknown()).max(LIMITS.itemsPerBatch).default([]),
    events: z.array(z.unknown()).max(LIMITS.itemsPerBatch).default([]),
    displays: z.array(z.unknown()).max(LIMITS.itemsPerBatch).default([]),
  })
  .refine((b) => b.answers.length + b.events.length + b.displays.length <= LIMITS.itemsPerBatch, {
    message: `at most ${LIMITS.itemsPerBatch} items per batch`,
  });

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
  name: z.string().min(1).max(LIMITS.nameChars),
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
  id: z.string(),
  name: z.string(),
  origins: z.array(z.string()),
  publicKey: z.string(),
  secretKey: z.string(),
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
    tz: z.string().max(64).refine(isTimeZone, 'an IANA time zone such as Europe/Berlin').optional(),
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
    code: z.string(),
    message: z.string(),
    issues: z.array(ZIssue).optional(),
    rejected: z.array(ZRejected).optional(),
  }),
});
export type ApiError = z.infer<typeof ZError>;

// ── Surveys and targeting (issue 5) ───────────────────────────────────────────────────────

const ZScalar = z.union([z.string().max(LIMITS.stringChars), z.number().finite(), z.boolean()]);
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
    value: z.string().min(1).max(LIMITS.urlChars),
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
  question: z.string().min(1).max(LIMITS.stringChars),
  followUp: z.string().min(1).max(LIMITS.stringChars).optional(),
  labels: z.tuple([z.string().max(100), z.string().max(100)]).optional(),
  thanks: z.string().max(LIMITS.stringChars).optional(),
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
  name: z.string().min(1).max(LIMITS.nameChars),
  kind: ZKind,
  scale: z.tuple([z.number().int(), z.number().int()]),
  texts: ZTextsByLocale,
  appearance: ZAppearance,
  targeting: ZTargeting,
  schedule: ZSchedule,
  status: ZSurveyStatus,
  priority: z.number().int().min(0).max(1000),
};

const scaleFits = (s: { kind?: Kind | undefined; scale?: readonly [number, number] | undefined }) =>
  s.kind === undefined ||
  s.scale === undefined ||
  SCALES[s.kind].some(([lo, hi]) => lo === s.scale?.[0] && hi === s.scale?.[1]);
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
  .refine(scaleFits, scaleIssue);
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
  id: z.string(),
  ...surveyFields,
  createdAt: ZTimestamp,
  updatedAt: ZTimestamp,
});
export type Survey = z.infer<typeof ZSurvey>;

/** A survey id that answers carry, managed or asked ad hoc (`ask('nps', { survey })`), and how many. */
export const ZAnsweredSurvey = z.object({ id: z.string(), kind: ZKind, n: z.number().int() });
export type AnsweredSurvey = z.infer<typeof ZAnsweredSurvey>;

/** The answer of `GET /v1/surveys`: the managed surveys, and every survey id answers were given to. */
export const ZSurveyList = z.object({ surveys: z.array(ZSurvey), answered: z.array(ZAnsweredSurvey) });
export type SurveyList = z.infer<typeof ZSurveyList>;

/** A survey as the widget receives it: its texts already resolved for the user's locale. */
export const ZActiveSurvey = z.object({
  id: z.string(),
  kind: ZKind,
  scale: z.tuple([z.number().int(), z.number().int()]),
  texts: ZSurveyTexts,
  appearance: ZAppearance,
  targeting: ZTargeting,
  priority: z.number().int(),
});
export type ActiveSurvey = z.infer<typeof ZActiveSurvey>;

/** One prompt a user got: when, of which survey, and whether they dismissed it. */
export const ZContact = z.object({ survey: z.string(), ts: ZTimestamp, dismissed: z.boolean() });
export type Contact = z.infer<typeof ZContact>;

/** Query of `GET /v1/surveys/active`. */
export const ZActiveQuery = z.object({
  site: z.string().min(1).max(LIMITS.nameChars),
  user: ZId.optional(),
  locale: z.string().max(35).optional(),
});
export type ActiveQuery = z.infer<typeof ZActiveQuery>;

/**
 * The answer of `GET /v1/surveys/active`: the site's running surveys, the global cool-down,
 * and, for an identified user, their prompts on every device and when they were first seen.
 */
export const ZActiveSurveys = z.object({
  surveys: z.array(ZActiveSurvey),
  cooldownDays: z.number().int().min(0),
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
  breakdown: z.record(z.string(), z.number()),
  mean: z.number().nullable(),
});
export type ScoreSummary = z.infer<typeof ZScoreSummary>;

const ZScaleTuple = z.tuple([z.number().int(), z.number().int()]);

/** One point of a report's series: a day, an ISO week or a month, clipped to the range. */
export const ZSeriesPoint = ZScoreSummary.extend({ label: z.string(), from: z.string(), to: z.string() });

/** One value of the `by` trait or prop; `(other)` folds values past the top K, `(none)` is answers without it. */
export const ZSegment = ZScoreSummary.extend({ value: z.string() });

/** Answered ÷ shown for the prompts of this metric (and survey) in the range; null when no display was recorded. */
export const ZResponseRate = z.object({ answered: z.number().int(), shown: z.number().int(), rate: z.number() });

/** One scale of the metric, never mixed with another. */
export const ZScaleReport = ZScoreSummary.extend({
  scale: ZScaleTuple,
  direction: ZDirection,
  distribution: z.record(z.string(), z.number()),
});

const reportShape = {
  metric: ZKind,
  from: z.string().nullable(),
  to: z.string().nullable(),
  tz: z.string(),
  ...ZScoreSummary.shape,
  /** The scale the top-level figures, series and segments are on: the one with the most answers. */
  scale: ZScaleTuple.nullable(),
  direction: ZDirection.nullable(),
  distribution: z.record(z.string(), z.number()),
  scales: z.array(ZScaleReport),
  responseRate: ZResponseRate.nullable(),
  interval: z.enum(['day', 'week', 'month']).optional(),
  series: z.array(ZSeriesPoint).optional(),
  by: z.string().optional(),
  segments: z.array(ZSegment).optional(),
};

/** Significance of the change from the previous period, on the main scale. */
export const ZSignificance = z.object({
  test: z.enum(['nps-z', 'two-proportion-z', 'welch-z']),
  difference: z.number(),
  se: z.number(),
  z: z.number().nullable(),
  p: z.number().nullable(),
  significant: z.boolean(),
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
    tz: z.string().max(64).refine(isTimeZone, 'an IANA time zone such as Europe/Berlin').optional(),
  }),
);
export type ExportQuery = z.input<typeof ZExportQuery>;

/** One exported answer (an NDJSON line; CSV has the same columns, traits and props as JSON). */
export const ZExportedAnswer = z.object({
  id: z.string(),
  ts: z.number(),
  time: z.string(),
  kind: ZKind,
  survey: z.string(),
  score: z.number(),
  scale: ZScaleTuple,
  direction: ZDirection,
  comment: z.string().nullable(),
  userId: z.string().nullable(),
  anonymousId: z.string().nullable(),
  traits: z.record(z.string(), z.unknown()).nullable(),
  props: z.record(z.string(), z.unknown()).nullable(),
  url: z.string().nullable(),
  locale: z.string().nullable(),
  channel: ZChannel,
});
export type ExportedAnswer = z.infer<typeof ZExportedAnswer>;

/** The body of `PUT /v1/webhook`: where low answers go. Omit `secret` to have one made. */
export const ZWebhookPut = z.object({
  url: z.url({ protocol: /^https?$/ }).max(LIMITS.urlChars),
  secret: z.string().min(16).max(200).optional(),
});
export type WebhookPut = z.infer<typeof ZWebhookPut>;

/** A site's webhook as `GET /v1/webhook` shows it (the secret only when it is set). */
export const ZWebhook = z.object({
  url: z.string(),
  secret: z.string().optional(),
  createdAt: z.number(),
  deliveries: z
    .array(
      z.object({
        answerId: z.string(),
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
    /** A trait or prop name, and the value it must have. */
    by: ZKey.optional(),
    value: z.string().max(LIMITS.stringChars).optional(),
    /** Text the comment must contain, case-insensitively. */
    q: z.string().min(1).max(200).optional(),
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
  id: z.string(),
  kind: ZKind,
  survey: z.string(),
  score: z.number().int(),
  scale: z.tuple([z.number().int(), z.number().int()]),
  comment: z.string(),
  userId: z.string().nullable(),
  traits: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])),
  ts: z.number(),
});
export type Comment = z.infer<typeof ZComment>;

/** The answer of `GET /v1/comments`; `next` is the cursor of the following page, or null. */
export const ZCommentsPage = z.object({ comments: z.array(ZComment), next: z.string().nullable() });
export type CommentsPage = z.infer<typeof ZCommentsPage>;
