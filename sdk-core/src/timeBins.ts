// Durations in fine log-spaced bins, so that a report over a million users reads a table whose
// size is bounded by days × bins. The bin edges are integers (durations are whole ms), listed
// once here and copied into the `time_bins` table by migration 0080 (a test holds them equal).
import { DAY_MS, ROLLUP } from './constants';
import type { ValueSummary } from './percentiles';
import type { SurvivalStep } from './survival';

/** Edges the coarse charts cut at (the ×4 histogram from one minute, the NPS buckets): bins never straddle them. */
const CHART_EDGES = [DAY_MS, 7 * DAY_MS, 30 * DAY_MS];
for (let edge = 60_000; edge <= ROLLUP.maxMs; edge *= 4) CHART_EDGES.push(edge);

function buildEdges(): number[] {
  const edges = new Set<number>([0]);
  for (let x = 1; x <= ROLLUP.maxMs; x *= ROLLUP.ratio) edges.add(Math.ceil(x));
  for (const edge of CHART_EDGES) edges.add(edge);
  return [...edges].sort((a, b) => a - b);
}

/**
 * Lower edges of the duration bins, ascending: bin `i` holds whole-ms durations in
 * `[TIME_BIN_EDGES[i], TIME_BIN_EDGES[i + 1])`, the last bin is open. Bin 0 holds only 0.
 */
export const TIME_BIN_EDGES: readonly number[] = buildEdges();

/**
 * The bin of a duration in ms (negative durations fall in bin 0).
 * @example timeBin(0) // 0
 */
export function timeBin(ms: number): number {
  let lo = 0;
  let hi = TIME_BIN_EDGES.length - 1;
  if (!(ms >= 0)) return 0;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((TIME_BIN_EDGES[mid] as number) <= ms) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/**
 * The value a bin stands for: the geometric middle of the whole ms it holds, within 1 % of
 * each of them (the last, open bin stands for its lower edge).
 * @example binMiddle(timeBin(1000)) // within 1 % of 1000
 */
export function binMiddle(bin: number): number {
  const lo = TIME_BIN_EDGES[bin] as number;
  const next = TIME_BIN_EDGES[bin + 1];
  if (next === undefined || lo === 0) return lo;
  return Math.sqrt(lo * (next - 1));
}

/** A value and how many subjects have it. */
export interface Counted {
  value: number;
  n: number;
}

/**
 * Count, mean and p50/p75/p90 (type 7, as `summarizeValues`) of values given with their counts.
 * @example summarizeCounts([{ value: 1, n: 2 }, { value: 3, n: 2 }]) // { n: 4, mean: 2, p50: 2, … }
 */
export function summarizeCounts(values: readonly Counted[]): ValueSummary {
  const sorted = values.filter((v) => v.n > 0).sort((a, b) => a.value - b.value);
  let n = 0;
  let sum = 0;
  for (const v of sorted) {
    n += v.n;
    sum += v.value * v.n;
  }
  const cumulative: number[] = [];
  let running = 0;
  for (const v of sorted) {
    running += v.n;
    cumulative.push(running);
  }
  /** The value at 0-based rank `rank`, found through the cumulative counts. */
  const at = (rank: number) => {
    let lo = 0;
    let hi = sorted.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((cumulative[mid] as number) > rank) hi = mid;
      else lo = mid + 1;
    }
    return (sorted[lo] as Counted).value;
  };
  // Type 7 as quantileSorted: interpolate between the closest ranks.
  const quantile = (p: number) => {
    if (n === 0) return null;
    const h = (n - 1) * p;
    const lo = Math.floor(h);
    const below = at(lo);
    return below + (h - lo) * (at(Math.min(lo + 1, n - 1)) - below);
  };
  return {
    n,
    mean: n ? sum / n : null,
    p50: quantile(0.5),
    p75: quantile(0.75),
    p90: quantile(0.9),
  };
}

/** Subjects with one time: `events` reached it then, `censored` were last seen then. */
export interface CountedObservation {
  time: number;
  events: number;
  censored: number;
}

/**
 * Kaplan–Meier from counts per time (as {@link kaplanMeier} from single subjects: events before
 * censorings at a tie), one step per distinct time.
 * @example kaplanMeierCounts([{ time: 1, events: 1, censored: 0 }, { time: 2, events: 0, censored: 1 }])
 */
export function kaplanMeierCounts(observations: readonly CountedObservation[]): SurvivalStep[] {
  // Sorted once, equal times merged as they pass: no map, no copy per observation.
  const sorted = observations.filter((o) => o.events + o.censored > 0).sort((a, b) => a.time - b.time);
  let atRisk = 0;
  for (const o of sorted) atRisk += o.events + o.censored;
  const steps: SurvivalStep[] = [];
  let survival = 1;
  for (let i = 0; i < sorted.length; ) {
    const time = (sorted[i] as CountedObservation).time;
    let events = 0;
    let censored = 0;
    for (; i < sorted.length && (sorted[i] as CountedObservation).time === time; i += 1) {
      events += (sorted[i] as CountedObservation).events;
      censored += (sorted[i] as CountedObservation).censored;
    }
    if (events > 0) survival *= 1 - events / atRisk;
    steps.push({ time, atRisk, events, censored, survival });
    atRisk -= events + censored;
  }
  return steps;
}
