// Answers read back: the export and the comments.
import { z } from 'zod';
import { isTimeZone } from '../calendar';
import { BANDS, LIMITS } from '../constants';
import { windowed, ZReportDay } from '../window';
import { ZChannel, ZDirection, ZKey, ZKind, ZScaleTuple, zText } from './fields';

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
