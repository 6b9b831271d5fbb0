// What pages and backends send: answers, events, displays, and what the collector answers.
import { z } from 'zod';
import { LIMITS, SERVER_LIMITS, scaleFits } from '../constants';
import {
  hasIdentity,
  identity,
  identityIssue,
  ZChannel,
  ZDirection,
  ZId,
  ZKey,
  ZKind,
  ZProps,
  ZTimestamp,
  zText,
} from './fields';

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
