// Themes in comments (GET /v1/themes) and the digest (GET /v1/digest): queries and reports.
import { z } from 'zod';
import { isTimeZone } from '../calendar';
import { windowed, ZReportDay } from '../window';
import { ZDirection, ZKey, ZKind, ZScaleTuple, zText } from './fields';
import { ZResponseRate, ZScoreSummary, ZSignificance } from './scores';

/** Query of `GET /v1/themes`. `from`/`to` are calendar days in `tz` (default: the site's time zone), both inclusive. */
export const ZThemesQuery = windowed(
  z.object({
    metric: ZKind,
    survey: ZKey.optional(),
    from: ZReportDay.optional().describe('first day; default 89 days before `to`'),
    to: ZReportDay.optional().describe('last day; default today'),
    tz: zText().max(64).refine(isTimeZone, 'an IANA time zone such as Europe/Berlin').optional(),
  }),
);
export type ThemesQuery = z.infer<typeof ZThemesQuery>;

const ZInterval = z.tuple([z.number(), z.number()]).nullable();

/** One theme: how the answers mentioning it score against the commented answers that do not. */
export const ZTheme = z.object({
  name: zText().describe('the theme: its most used word or phrase, or the name the team gave it'),
  source: z.enum(['auto', 'team']).describe('found in the comments, or defined in settings `themes`'),
  terms: z.array(zText()).describe('words or phrases merged into it (the keywords of a team theme)'),
  n: z.number().int().describe('commented answers mentioning it'),
  share: z.number().describe('n ÷ commented answers in the window'),
  with: ZScoreSummary.describe('the score of the answers mentioning it'),
  without: ZScoreSummary.describe('the score of the commented answers that do not'),
  difference: z.number().nullable().describe("with − without in the metric's unit; null when a side is empty"),
  ci95: ZInterval.describe('95% interval of the difference; null when a side has no spread to estimate'),
  p: z.number().nullable().describe('two-sided p-value of the difference (the tests of GET /v1/scores?compare=)'),
  q: z.number().nullable().describe('p corrected by Benjamini–Hochberg over every theme tested'),
  significant: z.boolean().describe('q < 0.05 and both sides have at least 30 answers'),
  lowSample: z.boolean().describe('either side has fewer than 30 answers: never significant'),
  reason: zText().optional().describe('why it cannot be called significant whatever its size'),
  impact: z.number().nullable().describe('difference × share: the points of the overall score it moves'),
  examples: z
    .array(z.object({ id: zText(), score: z.number().int(), comment: zText() }))
    .describe('a few comments that mention it, newest first'),
});
export type ThemeReport = z.infer<typeof ZTheme>;

/** The answer of `GET /v1/themes`. */
export const ZThemesReport = z.object({
  metric: ZKind,
  from: zText(),
  to: zText(),
  tz: zText(),
  scale: ZScaleTuple.nullable().describe('the scale read: the one with the most commented answers'),
  direction: ZDirection.nullable(),
  n: z.number().int().describe('commented answers read'),
  sampled: z.boolean().describe('true when the window held more commented answers than are read (the newest 10,000)'),
  tested: z.number().int().describe('themes tested: the size of the Benjamini–Hochberg family'),
  themes: z.array(ZTheme).describe('sorted by |impact|'),
});
export type ThemesReport = z.infer<typeof ZThemesReport>;

/** Query of `GET /v1/digest`. */
export const ZDigestQuery = z.object({
  period: z.enum(['week', 'day']).default('week').describe('the last complete ISO week (Monday first) or day'),
});
export type DigestQuery = z.infer<typeof ZDigestQuery>;

/** One metric in a digest: its score this period and the change from the period before. */
export const ZDigestScore = z.object({
  metric: ZKind,
  current: ZScoreSummary,
  previous: ZScoreSummary,
  /** The test of `GET /v1/scores?compare=previous`; null when either period has no answers on the scale. */
  change: ZSignificance.nullable(),
  responseRate: ZResponseRate.nullable(),
  themes: z
    .array(ZTheme.extend({ previousShare: z.number().nullable() }))
    .describe("the period's significant themes, with the share of comments that mentioned them the period before"),
  low: z.object({
    n: z.number().int().describe("the period's low answers (detractors, low CSAT and CES)"),
    oldestTs: z.number().nullable(),
    waitedHours: z.number().nullable().describe('how long the oldest has waited, until the digest was made'),
  }),
});

/** The answer of `GET /v1/digest`: what a team gets after each period. */
export const ZDigest = z.object({
  period: z.enum(['week', 'day']),
  key: zText().describe('the period, as `2026-W48` or `2026-11-30`: the idempotency key of the post'),
  from: zText(),
  to: zText(),
  tz: zText(),
  previous: z.object({ from: zText(), to: zText() }),
  scores: z.array(ZDigestScore).describe('each metric with answers in either period'),
  atRisk: z.object({
    total: z.number().int().describe('accounts at risk now (GET /v1/health)'),
    newly: z.array(z.object({ account: zText(), score: z.number().nullable() })),
    since: zText().nullable().describe('the period whose at-risk list this is compared with; null: none recorded'),
  }),
  quiet: z
    .boolean()
    .describe('nothing happened: no answers, no low answers, no account newly at risk (no post is sent)'),
});
export type Digest = z.infer<typeof ZDigest>;
