import { DAY_MS as DAY } from './constants';
import { type NpsResult, nps } from './nps';
import { summarizeValues, type ValueSummary } from './percentiles';
import { kaplanMeier, type SurvivalStep, survivalMedian } from './survival';

const MINUTE = 60_000;

/** One user's path to value, as the collector reads it from first occurrences. */
export interface TtvSubject {
  /** First `start` event (e.g. `signed_up`), epoch ms. */
  start: number;
  /** First `value` event (e.g. `activated`) at or before the end of follow-up, or null. */
  value: number | null;
  /** The user's value of the `by` trait, when one was asked for. */
  segment?: string | null;
  /** The user's latest NPS answer (0–10), if any. */
  nps?: number | null;
}

/** A bucket of a histogram of durations in ms: `[from, to)`; `to` null for the open last one. */
export interface HistogramBucket {
  from: number;
  to: number | null;
  count: number;
}

/** Counts and times to value of a group of users. */
export interface TtvGroup {
  started: number;
  reached: number;
  /** reached ÷ started, a fraction 0–1 as every rate; null when nobody started. */
  conversion: number | null;
  /** Percentiles of time to value (ms) among those who reached it. */
  reachedTimes: ValueSummary;
  /** Kaplan–Meier median (ms), users not yet reached censored; null while over half wait. */
  kmMedian: number | null;
}

/** The time-to-value report served by `GET /v1/ttv`. Durations are in milliseconds. */
export interface TimeToValueReport extends TtvGroup {
  /**
   * Users whose first value event came before their first start event (an import, a clock, an
   * event sent under the wrong name): excluded from every other figure, counted here.
   */
  valueBeforeStart: number;
  /** End of follow-up: users who have not reached value are censored here. */
  censoredAt: number;
  /** The Kaplan–Meier curve, thinned to at most `maxCurvePoints` exact steps. */
  curve: SurvivalStep[];
  histogram: HistogramBucket[];
  cohorts: (TtvGroup & { cohort: string })[];
  segments?: (TtvGroup & { value: string | null })[];
  /** NPS of users grouped by how fast they reached value. */
  npsByTtv: { bucket: string; from: number | null; to: number | null; nps: NpsResult }[];
}

/**
 * Log-spaced histogram edges: `first`, `first·factor`, … until the largest value is covered.
 * @example logEdges(100, 1, 10) // [1, 10, 100, 1000]
 */
export function logEdges(max: number, first = MINUTE, factor = 4): number[] {
  const edges = [first];
  while ((edges[edges.length - 1] as number) <= max) edges.push((edges[edges.length - 1] as number) * factor);
  return edges;
}

/**
 * Counts durations into log-spaced buckets `[0, first)`, `[first, first·factor)`, …; empty
 * buckets are kept so charts show gaps.
 * @example logHistogram([0, 30_000, 90_000]) // [{from:0,to:60000,count:2},{from:60000,to:240000,count:1}]
 */
export function logHistogram(values: readonly number[], first = MINUTE, factor = 4): HistogramBucket[] {
  if (values.length === 0) return [];
  let max = 0;
  for (const v of values) if (v > max) max = v;
  const edges = [0, ...logEdges(max, first, factor)];
  const buckets = edges.slice(0, -1).map((from, i) => ({ from, to: edges[i + 1] as number, count: 0 }));
  for (const v of values) {
    const index = v < first ? 0 : Math.min(buckets.length - 1, 1 + Math.floor(Math.log(v / first) / Math.log(factor)));
    // Floating-point logs can land one bucket off at exact edges; step to the right one.
    let i = index;
    while (i > 0 && v < (buckets[i] as HistogramBucket).from) i -= 1;
    while (i < buckets.length - 1 && v >= ((buckets[i] as HistogramBucket).to as number)) i += 1;
    (buckets[i] as HistogramBucket).count += 1;
  }
  return buckets;
}

/** The UTC Monday (ISO date) of the week, or the first of the month, that `ts` falls in. */
export function periodStart(ts: number, period: 'week' | 'month'): string {
  const d = new Date(ts);
  if (period === 'month') return `${d.toISOString().slice(0, 7)}-01`;
  const monday = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()) - ((d.getUTCDay() + 6) % 7) * DAY;
  return new Date(monday).toISOString().slice(0, 10);
}

/** Observations for Kaplan–Meier: reached at value − start, else censored at `until` − start. */
function observations(subjects: readonly TtvSubject[], until: number) {
  return subjects.map((s) =>
    s.value !== null
      ? { time: Math.max(0, s.value - s.start), reached: true }
      : { time: Math.max(0, until - s.start), reached: false },
  );
}

/** started, reached, conversion, percentiles and the Kaplan–Meier median of a group of users. */
export function ttvGroup(subjects: readonly TtvSubject[], until: number): TtvGroup {
  const times = subjects.filter((s) => s.value !== null).map((s) => Math.max(0, (s.value as number) - s.start));
  const started = subjects.length;
  return {
    started,
    reached: times.length,
    conversion: started ? times.length / started : null,
    reachedTimes: summarizeValues(times),
    kmMedian: survivalMedian(kaplanMeier(observations(subjects, until))),
  };
}

/** Keeps at most `max` steps of a curve, evenly by index, always with the first and last. */
export function thinCurve(curve: readonly SurvivalStep[], max: number): SurvivalStep[] {
  if (curve.length <= max) return [...curve];
  const kept: SurvivalStep[] = [];
  for (let k = 0; k < max; k += 1) kept.push(curve[Math.round((k * (curve.length - 1)) / (max - 1))] as SurvivalStep);
  return kept;
}

const NPS_BUCKETS: { bucket: string; from: number | null; to: number | null }[] = [
  { bucket: 'under 1 day', from: 0, to: DAY },
  { bucket: '1–7 days', from: DAY, to: 7 * DAY },
  { bucket: '7–30 days', from: 7 * DAY, to: 30 * DAY },
  { bucket: '30 days or more', from: 30 * DAY, to: null },
  { bucket: 'not reached', from: null, to: null },
];

/**
 * NPS of users grouped by how fast they reached value (under 1 day, 1–7, 7–30, 30 days or
 * more, not reached), from each user's latest NPS answer. Users without one are skipped.
 */
export function npsByTtv(subjects: readonly TtvSubject[]): TimeToValueReport['npsByTtv'] {
  return NPS_BUCKETS.map(({ bucket, from, to }) => {
    const distribution: Record<number, number> = {};
    for (const s of subjects) {
      if (s.nps === null || s.nps === undefined) continue;
      const time = s.value === null ? null : Math.max(0, s.value - s.start);
      const inBucket = from === null ? time === null : time !== null && time >= from && (to === null || time < to);
      if (inBucket) distribution[s.nps] = (distribution[s.nps] ?? 0) + 1;
    }
    return { bucket, from, to, nps: nps(distribution) };
  });
}

function groupBy<T, K>(items: readonly T[], key: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = groups.get(k);
    if (list) list.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

/**
 * The time-to-value report: conversion, percentiles among users who reached value, the
 * Kaplan–Meier curve and median (users still waiting are censored at `until`, not dropped),
 * a log-spaced histogram, sign-up cohorts, segments and NPS by time-to-value bucket. A user
 * who reached value before starting has no time to value: they are left out of all of it
 * (a time of 0 would make the product look faster) and counted in `valueBeforeStart`.
 */
export function timeToValueReport(
  everyone: readonly TtvSubject[],
  options: { until: number; cohort?: 'week' | 'month'; bySegment?: boolean; maxCurvePoints?: number },
): TimeToValueReport {
  const { until, cohort = 'week', bySegment = false, maxCurvePoints = 200 } = options;
  const subjects = everyone.filter((s) => s.value === null || s.value >= s.start);
  const curve = kaplanMeier(observations(subjects, until));
  const times = subjects.filter((s) => s.value !== null).map((s) => Math.max(0, (s.value as number) - s.start));
  const cohorts = [...groupBy(subjects, (s) => periodStart(s.start, cohort))]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, members]) => ({ cohort: key, ...ttvGroup(members, until) }));
  const report: TimeToValueReport = {
    ...ttvGroup(subjects, until),
    valueBeforeStart: everyone.length - subjects.length,
    censoredAt: until,
    curve: thinCurve(curve, maxCurvePoints),
    histogram: logHistogram(times),
    cohorts,
    npsByTtv: npsByTtv(subjects),
  };
  if (bySegment) {
    report.segments = [...groupBy(subjects, (s) => s.segment ?? null)]
      .map(([value, members]) => ({ value, ...ttvGroup(members, until) }))
      .sort((a, b) => b.started - a.started);
  }
  return report;
}
