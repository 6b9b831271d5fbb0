import {
  addDays,
  BY_CHANNEL,
  buckets,
  CHANNELS,
  type Channel,
  type Counts,
  compareCounts,
  DEFAULT_SCALE,
  DEFAULT_TOP_SEGMENTS,
  type Direction,
  dayIn,
  daysIn,
  type Kind,
  LIMITS,
  MAX_REPORT_DAYS,
  NO_VALUE,
  previousPeriod,
  type ScoresQuery,
  type ScoresReport,
  startOfDay,
  summarize,
  topSegments,
  ZScoresQuery,
  ZScoresReport,
} from '@heard/core';
import type { D1Reader } from '../db/reader';
import {
  byScale,
  countsOf,
  firstAnswerTs,
  type KeyedCount,
  rawByChannel,
  rawByDay,
  rawBySegment,
  rollupByDay,
  sentCount,
  shownCount,
} from '../db/scores';
import { rollupBySegment } from '../db/segments';
import { siteSettings } from '../db/settings';
import { dbFor } from '../db/site';
import { fail } from '../middleware/errors';
import { defineRoute } from '../route';

/** One period's score report: `GET /v1/scores` without its comparison. */
export type Period = Omit<ScoresReport, 'comparison'>;

/**
 * One period's report. UTC reads the daily rollup (cost grows with days); another `tz`
 * reads the raw answers through the (site, kind, ts) index, one range per local day, so
 * buckets start at local midnight exactly. `by` reads the segment rollup for a segment trait
 * in UTC, else the raw answers through that index.
 */
export async function period(
  db: D1Reader,
  siteId: string,
  q: ScoresQuery,
  from: string,
  to: string,
  tz: string,
  segments: readonly string[],
): Promise<Period> {
  const filter = { siteId, kind: q.metric, survey: q.survey, channel: q.channel };
  const startMs = startOfDay(from, tz);
  const endMs = startOfDay(addDays(to, 1), tz);
  // The rollups do not split by channel: a channel's report reads its answers.
  const rollup = tz === 'UTC' && !q.channel;
  const dayRows: KeyedCount[] = rollup
    ? await rollupByDay(db, { ...filter, from, to })
    : await rawByDay(
        db,
        filter,
        Array.from({ length: daysIn(from, to) }, (_, i) => {
          const day = addDays(from, i);
          return [day, startOfDay(day, tz), startOfDay(addDays(day, 1), tz)] as [string, number, number];
        }),
      );
  const scales = [...byScale(dayRows).values()]
    .map(({ scale, direction, rows }) => {
      const counts = countsOf(rows);
      return { scale, direction, rows, counts, ...summarize(q.metric, counts, scale, direction) };
    })
    .sort((a, b) => b.n - a.n || a.scale[1] - b.scale[1]);
  const main = scales[0];
  const answered = scales.reduce((sum, s) => sum + s.n, 0);
  // Prompts are shown in the app; a link or email channel's people asked are the links made.
  const askedIn = (channel: string | undefined) =>
    !channel || channel === 'web'
      ? shownCount(db, filter, { startMs, endMs, from, to, tz })
      : sentCount(db, filter, { startMs, endMs });
  const shown = await askedIn(q.channel);
  const report: Period = {
    metric: q.metric,
    from,
    to,
    tz,
    ...(main
      ? { ...strip(main), scale: main.scale, direction: main.direction, distribution: main.counts }
      : { ...emptySummary(q.metric), scale: null, direction: null, distribution: {} }),
    scales: scales.map((s) => ({ ...strip(s), scale: s.scale, direction: s.direction, distribution: s.counts })),
    responseRate: shown > 0 ? { answered, shown, rate: answered / shown } : null,
  };
  if (q.interval) {
    report.interval = q.interval;
    report.series = buckets(from, to, q.interval).map((bucket) => {
      const inBucket = (main?.rows ?? []).filter((r) => r.key >= bucket.from && r.key <= bucket.to);
      return { ...bucket, ...summarizeOn(q.metric, countsOf(inBucket), main) };
    });
  }
  if (q.by) {
    report.by = q.by;
    // The channel is a column of the answers, not a trait; a segment trait over whole UTC days
    // reads its rollup; anything else reads the answers.
    const byChannel = q.by === BY_CHANNEL;
    const rows = !main
      ? []
      : byChannel
        ? await rawByChannel(db, filter, { startMs, endMs })
        : rollup && segments.includes(q.by)
          ? await rollupBySegment(db, { ...filter, from, to }, q.by, dayRows)
          : await rawBySegment(db, filter, { startMs, endMs }, q.by);
    const onMain = rows.filter(
      (r) => main && r.scale_min === main.scale[0] && r.scale_max === main.scale[1] && r.direction === main.direction,
    );
    const groups = new Map<string, Counts>();
    for (const row of onMain) {
      const value = row.key === null ? NO_VALUE : String(JSON.parse(row.key));
      const counts = groups.get(value) ?? {};
      counts[row.score] = (counts[row.score] ?? 0) + row.n;
      groups.set(value, counts);
    }
    report.segments = main
      ? topSegments(
          q.metric,
          [...groups].map(([value, counts]) => ({ value, counts })),
          main.scale,
          main.direction,
          q.top ?? DEFAULT_TOP_SEGMENTS,
        )
      : [];
    if (byChannel) {
      // Each channel's rate is the report that channel's filter gives: its answers on every
      // scale over the people asked there.
      for (const segment of report.segments) {
        if (!(CHANNELS as readonly string[]).includes(segment.value)) continue;
        const key = JSON.stringify(segment.value);
        const answeredThere = rows.filter((r) => r.key === key).reduce((sum, r) => sum + r.n, 0);
        const askedThere = await askedIn(segment.value as Channel);
        segment.responseRate =
          askedThere > 0 ? { answered: answeredThere, shown: askedThere, rate: answeredThere / askedThere } : null;
      }
    }
  }
  return report;
}

const strip = ({ n, score, ci95, lowSample, breakdown, mean }: ReturnType<typeof summarize>) => ({
  n,
  score,
  ci95,
  lowSample,
  breakdown,
  mean,
});

const emptySummary = (metric: Kind) => strip(summarize(metric, {}, DEFAULT_SCALE[metric], 'higher-better'));
const summarizeOn = (
  metric: Kind,
  counts: Counts,
  main: { scale: [number, number]; direction: Direction } | undefined,
) =>
  strip(
    main
      ? summarize(metric, counts, main.scale, main.direction)
      : summarize(metric, {}, DEFAULT_SCALE[metric], 'higher-better'),
  );

/**
 * The test of a change between two periods of `GET /v1/scores`, on the current period's main
 * scale; null when either period has no answers on it. The digest and change alerts use it too.
 */
export function compareOnMain(metric: Kind, current: Period, previous: Period) {
  const main = current.scale && current.direction ? { scale: current.scale, direction: current.direction } : null;
  const previousOnMain = previous.scales.find(
    (s) => main && s.scale[0] === main.scale[0] && s.scale[1] === main.scale[1] && s.direction === main.direction,
  );
  return main && previousOnMain
    ? compareCounts(
        metric,
        current.distribution as Counts,
        previousOnMain.distribution as Counts,
        main.scale,
        main.direction,
      )
    : null;
}

/** `GET /v1/scores` (secret key): the score report; its spec below is the contract. */
export const scores = [
  defineRoute(
    {
      method: 'get',
      path: '/v1/scores',
      operationId: 'getScores',
      tag: 'scores',
      summary: 'NPS, CSAT or CES with 95% intervals, series, segments, response rate and a comparison',
      description:
        "Days are calendar days in `tz` (default UTC). With tz=UTC, reads the daily rollup, and for `by` one of the site's `segments` setting (default plan and country) the segment rollup; otherwise reads answers through the (site, kind, ts) index. `channel` keeps the answers given there (web, link, email), read from the answers; a link or email channel's response rate is its answers over the links made in the period. `by=channel` splits by channel instead of a trait, each segment with that channel's response rate. `lowSample` is true below 30 answers. `compare=previous` adds the same report for the preceding period of equal length and a two-sided 95% test of the difference: a z-test with each period's variance (NPS), the pooled two-proportion z-test (CSAT), Welch's statistic against the normal (CES).",
      auth: 'secret',
      query: ZScoresQuery,
      response: { status: 200, schema: ZScoresReport, description: 'the score report' },
    },
    async (c, { query }) => {
      const q = query;
      const db = c.var.reader;
      const siteId = c.var.site.id;
      const tz = q.tz ?? 'UTC';
      const to = q.to ?? dayIn(Date.now() + LIMITS.futureMs, tz);
      let from = q.from;
      if (!from) {
        const first = await firstAnswerTs(db, siteId, q.metric);
        from = first === null ? to : dayIn(first, tz);
        if (from > to) from = to;
        if (daysIn(from, to) > MAX_REPORT_DAYS) from = addDays(to, -(MAX_REPORT_DAYS - 1));
      }
      if (daysIn(from, to) > MAX_REPORT_DAYS) fail(400, `from…to may span at most ${MAX_REPORT_DAYS} days`);
      const segments = q.by && tz === 'UTC' ? (await siteSettings(dbFor(c.env, c.var.site), siteId)).segments : [];
      const current = await period(db, siteId, q, from, to, tz, segments);
      if (q.compare !== 'previous') return c.json(current satisfies ScoresReport);
      const before = previousPeriod(from, to);
      const previous = await period(db, siteId, q, before.from, before.to, tz, segments);
      const significance = compareOnMain(q.metric, current, previous);
      return c.json({ ...current, comparison: { previous, significance } } satisfies ScoresReport);
    },
  ),
];
