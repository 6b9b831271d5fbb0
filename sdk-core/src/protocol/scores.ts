// NPS, CSAT and CES: the query and the report of GET /v1/scores.
import { z } from 'zod';
import { isTimeZone } from '../calendar';
import { windowed, ZReportDay } from '../window';
import { ZChannel, ZDirection, ZKey, ZKind, ZScaleTuple, zText } from './fields';

/** Query of `GET /v1/scores`. `from`/`to` are calendar days in `tz` (default UTC), both inclusive. */
export const ZScoresQuery = windowed(
  z.object({
    metric: ZKind,
    survey: ZKey.optional(),
    from: ZReportDay.optional(),
    to: ZReportDay.optional(),
    interval: z.enum(['day', 'week', 'month']).optional(),
    tz: zText().max(64).refine(isTimeZone, 'an IANA time zone such as Europe/Berlin').optional(),
    by: ZKey.optional().describe(
      'a trait or prop to split by; `channel` splits by where the answers were given (web, link, email)',
    ),
    top: z.coerce.number().int().min(1).max(50).optional(),
    compare: z.literal('previous').optional(),
    channel: ZChannel.optional(),
  }),
).refine((q) => q.compare === undefined || q.from !== undefined, {
  message: 'compare=previous needs from (the period to compare is from…to)',
  path: ['compare'],
});
export type ScoresQuery = z.infer<typeof ZScoresQuery>;

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

/** One point of a report's series: a day, an ISO week or a month, clipped to the range. */
export const ZSeriesPoint = ZScoreSummary.extend({ label: zText(), from: zText(), to: zText() });

/** Answered ÷ shown for the prompts of this metric (and survey) in the range; null when no display was recorded. */
export const ZResponseRate = z.object({ answered: z.number().int(), shown: z.number().int(), rate: z.number() });

/** One value of the `by` trait or prop; `(other)` folds values past the top K, `(none)` is answers without it. */
export const ZSegment = ZScoreSummary.extend({
  value: zText(),
  responseRate: ZResponseRate.nullable()
    .optional()
    .describe(
      "Present with by=channel: the channel's answers (every scale) over the people asked there: prompts shown for web, links made for link and email; null when none was",
    ),
});

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
