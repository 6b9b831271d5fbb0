// Surveys: what to ask, whom and when; what the widget receives.
import { z } from 'zod';
import { type Kind, LIMITS, scaleFits } from '../constants';
import { TARGETING_DEFAULTS } from '../surveyDefaults';
import { ZId, ZKey, ZKind, ZTimestamp, zText } from './fields';

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
  delaySeconds: z.number().int().min(0).max(3600).default(TARGETING_DEFAULTS.delaySeconds),
  /** Only once the user was first seen (or signed up) at least this many days ago. */
  afterDays: z
    .object({ days: z.number().int().min(0).max(3650), since: z.enum(['first_seen', 'signed_up']) })
    .optional(),
  /** Trait filters; all must hold. */
  traits: z.array(ZFilter).max(20).default([]),
  /** Share of users (0–1) in the survey's sample, stable per user. */
  sample: z.number().min(0).max(1).default(TARGETING_DEFAULTS.sample),
  /** Locales (`en`, `pt-BR`) the survey is for; empty means all. `en` also matches `en-GB`. */
  locales: z.array(ZLocale).max(50).default([]),
  /** Days before the same user is asked this survey again after seeing or answering it. */
  recontactDays: z.number().int().min(0).max(3650).default(TARGETING_DEFAULTS.recontactDays),
  /** Days before a dismissed survey may come back: a dismissal counts, with a shorter cool-down. */
  dismissDays: z.number().int().min(0).max(3650).default(TARGETING_DEFAULTS.dismissDays),
});
export type Targeting = z.infer<typeof ZTargeting>;

const ZFollowUpText = zText().min(1).max(LIMITS.stringChars);

/**
 * The open question after the score, by the band the score falls in: NPS names its bands
 * detractor (0–6), passive (7–8) and promoter (9–10); CSAT and CES use low, middle and high
 * (high is the satisfied or easy end). A band without a text gets the built-in one.
 */
export const ZFollowUpByBand = z
  .object({
    detractor: ZFollowUpText,
    passive: ZFollowUpText,
    promoter: ZFollowUpText,
    low: ZFollowUpText,
    middle: ZFollowUpText,
    high: ZFollowUpText,
  })
  .partial()
  .strict()
  .describe('a follow-up text per score band; bands left out use the built-in text');
export type FollowUpByBand = z.infer<typeof ZFollowUpByBand>;

/** The words of a survey in one locale. */
export const ZSurveyTexts = z.object({
  question: zText().min(1).max(LIMITS.stringChars).describe('the question above the scale'),
  followUp: z
    .union([ZFollowUpText, ZFollowUpByBand])
    .optional()
    .describe('the open question after a score: one text for every score, or one per score band'),
  labels: z
    .tuple([zText().max(100), zText().max(100)])
    .optional()
    .describe('the words under the two ends of the scale, low end first'),
  thanks: zText().max(LIMITS.stringChars).optional().describe('shown once the user has answered'),
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
  /** How the points of the scale look: numbers (the default), stars or faces. */
  display: z.enum(['numbers', 'stars', 'faces']).optional().describe('how the points of the scale look'),
});
export type Appearance = z.infer<typeof ZAppearance>;

/** `completed`: the survey reached its `maxAnswers` and is no longer served. */
export const ZSurveyStatus = z
  .enum(['draft', 'active', 'paused', 'completed'])
  .describe('draft, active (served), paused, or completed (its maxAnswers reached; no longer served)');
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
  maxAnswers: z
    .number()
    .int()
    .min(1)
    .max(10_000_000)
    .nullable()
    .describe(
      'stop at this many answers: the survey then becomes completed and is no longer served (answers already under way are kept); null: no limit',
    ),
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
    maxAnswers: surveyFields.maxAnswers.default(null),
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
    maxAnswers: surveyFields.maxAnswers,
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
