import { type Direction, type Kind, LOW_SAMPLE_N, type Scale } from './constants';
import { nps } from './nps';
import { ces, csat } from './satisfaction';
import { compareMeans, compareNps, compareProportions, type Significance } from './significance';
import { moments } from './stats';

export { LOW_SAMPLE_N } from './constants';

/** How many segment values a report lists by name before folding the rest into `(other)`. */
export const DEFAULT_TOP_SEGMENTS = 10;

/** Segment value for answers whose traits and props lack the `by` key. */
export const NO_VALUE = '(none)';
/** Segment value that folds every value past the top K. */
export const OTHER_VALUE = '(other)';

/** Counts per scale point, e.g. `{ 9: 12, 10: 30 }`. */
export type Counts = Record<number, number>;

export type { Scale } from './constants';
/** A scale's direction; the name reports have always used for `Direction`. */
export type ScaleDirection = Direction;

/** The figures every part of a report carries: total, score and its 95% interval. */
export interface Summary {
  n: number;
  /** NPS −100…100; CSAT % satisfied; CES mean on its own scale. */
  score: number | null;
  ci95: [number, number] | null;
  lowSample: boolean;
  breakdown: Record<string, number>;
  /** Mean on the answer scale (all metrics). */
  mean: number | null;
}

/**
 * The score of one metric on one scale from its counts per scale point.
 * @example summarize('nps', { 10: 5, 8: 2, 3: 3 }, [0, 10], 'higher-better').score // 20
 */
export function summarize(metric: Kind, counts: Counts, scale: Scale, direction: ScaleDirection): Summary {
  if (metric === 'nps') {
    const r = nps(counts);
    return {
      n: r.n,
      score: r.score,
      ci95: r.ci95,
      lowSample: r.n < LOW_SAMPLE_N,
      breakdown: { ...r.breakdown },
      mean: moments(counts).mean,
    };
  }
  const r = metric === 'csat' ? csat(counts, scale, direction) : ces(counts, scale, direction);
  return { n: r.n, score: r.score, ci95: r.ci95, lowSample: r.n < LOW_SAMPLE_N, breakdown: r.breakdown, mean: r.mean };
}

/**
 * Whether the score changed between two periods on the same scale, at 95%:
 * NPS by a z-test on the difference with each period's variance, CSAT by the pooled
 * two-proportion z-test, CES by Welch's statistic on the means. Null when a period is empty.
 */
export function compareCounts(
  metric: Kind,
  current: Counts,
  previous: Counts,
  scale: Scale,
  direction: ScaleDirection,
): Significance | null {
  const a = summarize(metric, current, scale, direction);
  const b = summarize(metric, previous, scale, direction);
  if (metric === 'nps') {
    return compareNps(a.breakdown as never, b.breakdown as never);
  }
  if (metric === 'csat') {
    return compareProportions(a.breakdown.satisfied ?? 0, a.n, b.breakdown.satisfied ?? 0, b.n);
  }
  return compareMeans(moments(current), moments(previous));
}

/** Adds counts into a running total. */
export function addCounts(into: Counts, more: Readonly<Counts>): Counts {
  for (const [score, count] of Object.entries(more)) into[Number(score)] = (into[Number(score)] ?? 0) + count;
  return into;
}

const total = (counts: Readonly<Counts>) => Object.values(counts).reduce((sum, n) => sum + n, 0);

/** A segment of a report: one value of the `by` trait or prop. */
export interface Segment extends Summary {
  value: string;
}

/**
 * The K values with the most answers, each with its own score, then `(other)` folding the
 * rest; every answer lands in exactly one entry, so the entries' `n` add up to the total.
 */
export function topSegments(
  metric: Kind,
  groups: readonly { value: string; counts: Counts }[],
  scale: Scale,
  direction: ScaleDirection,
  k = DEFAULT_TOP_SEGMENTS,
): Segment[] {
  const merged = new Map<string, Counts>();
  for (const g of groups) merged.set(g.value, addCounts(merged.get(g.value) ?? {}, g.counts));
  const ranked = [...merged.entries()]
    .map(([value, counts]) => ({ value, counts, n: total(counts) }))
    .filter((g) => g.n > 0)
    .sort((a, b) => b.n - a.n || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
  const top = ranked.slice(0, k);
  const rest = ranked.slice(k);
  const out = top.map((g) => ({ value: g.value, ...summarize(metric, g.counts, scale, direction) }));
  if (rest.length > 0) {
    const counts = rest.reduce<Counts>((sum, g) => addCounts(sum, g.counts), {});
    out.push({ value: OTHER_VALUE, ...summarize(metric, counts, scale, direction) });
  }
  return out;
}
