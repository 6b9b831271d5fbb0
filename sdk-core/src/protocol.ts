import { z } from 'zod';

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
export const ZCollectEnvelope = z.object({
  site: z.string().min(1).max(LIMITS.nameChars),
  answers: z.array(z.unknown()).max(LIMITS.itemsPerBatch).default([]),
  events: z.array(z.unknown()).max(LIMITS.itemsPerBatch).default([]),
  displays: z.array(z.unknown()).max(LIMITS.itemsPerBatch).default([]),
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

const ZIsoDate = z.iso.date();

/** Query of `GET /v1/scores`. */
export const ZScoresQuery = z.object({
  metric: ZKind,
  survey: ZKey.optional(),
  from: ZIsoDate.optional(),
  to: ZIsoDate.optional(),
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

/** Query of `GET /v1/comments`: answers that carry a comment, newest first, a page at a time. */
export const ZCommentsQuery = z.object({
  metric: ZKind.default('nps'),
  survey: ZKey.optional(),
  from: ZIsoDate.optional(),
  to: ZIsoDate.optional(),
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
});
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
