// Time to value from its rollup: per start day the users who reached value, in fine duration
// bins, and per start hour the users still waiting. The report then costs O(days × bins),
// whatever the number of users. The collector keeps the same rollup with triggers (0080).
import { DAY_MS, HOUR_MS } from './constants';
import { survivalMedian } from './survival';
import {
  binMiddle,
  type Counted,
  type CountedObservation,
  kaplanMeierCounts,
  summarizeCounts,
  TIME_BIN_EDGES,
  timeBin,
} from './timeBins';
import {
  type HistogramBucket,
  logHistogram,
  periodStart,
  type TimeToValueReport,
  type TtvGroup,
  type TtvSubject,
  thinCurve,
} from './timeToValue';

/** The rollup of one (start, value) pair of a site, as the collector reads it for a window. */
export interface TtvRollup {
  /** Users who reached value: per start day (days since 1970, UTC) and bin of their time to value. */
  reached: { day: number; bin: number; n: number }[];
  /** Users who started and have not reached value: per start hour (hours since 1970). */
  waiting: { hour: number; n: number }[];
  /** Users whose first value event came before their first start event: per start day. */
  valueBeforeStart: { day: number; n: number }[];
}

/**
 * The rollup of a list of users, as the triggers build it row by row: the reference the
 * property tests hold the SQL and the report to.
 */
export function ttvRollupOf(subjects: readonly TtvSubject[]): TtvRollup {
  const reached = new Map<string, { day: number; bin: number; n: number }>();
  const waiting = new Map<number, number>();
  const before = new Map<number, number>();
  for (const s of subjects) {
    const day = Math.floor(s.start / DAY_MS);
    if (s.value === null) {
      const hour = Math.floor(s.start / HOUR_MS);
      waiting.set(hour, (waiting.get(hour) ?? 0) + 1);
    } else if (s.value < s.start) before.set(day, (before.get(day) ?? 0) + 1);
    else {
      const bin = timeBin(s.value - s.start);
      const key = `${day}:${bin}`;
      const row = reached.get(key);
      if (row) row.n += 1;
      else reached.set(key, { day, bin, n: 1 });
    }
  }
  return {
    reached: [...reached.values()],
    waiting: [...waiting].map(([hour, n]) => ({ hour, n })),
    valueBeforeStart: [...before].map(([day, n]) => ({ day, n })),
  };
}

/** A user still waiting counts from the middle of their start hour: censored at `until` − that. */
const censorTime = (hour: number, until: number) => Math.max(0, until - (hour * HOUR_MS + HOUR_MS / 2));

/** The middle of every bin, computed once. */
let middles: Float64Array | undefined;
const middleOf = (bin: number) => {
  middles ??= Float64Array.from(TIME_BIN_EDGES, (_, b) => binMiddle(b));
  return middles[bin] as number;
};

/** A group's users: reached per bin (dense, so rows of many days merge for free), waiting per censoring time. */
interface Tally {
  reached: Float64Array;
  censored: CountedObservation[];
  waiting: number;
}

const newTally = (): Tally => ({ reached: new Float64Array(TIME_BIN_EDGES.length), censored: [], waiting: 0 });

/** The reached users of a tally as counted values, in bin order: at most one per bin. */
function timesOf(tally: Tally): Counted[] {
  const times: Counted[] = [];
  tally.reached.forEach((n, bin) => {
    if (n > 0) times.push({ value: middleOf(bin), n });
  });
  return times;
}

const observationsOf = (tally: Tally, times: readonly Counted[]): CountedObservation[] => [
  ...times.map((t) => ({ time: t.value, events: t.n, censored: 0 })),
  ...tally.censored,
];

function groupOf(tally: Tally, times = timesOf(tally), km = kaplanMeierCounts(observationsOf(tally, times))): TtvGroup {
  const { waiting } = tally;
  const summary = summarizeCounts(times);
  const started = summary.n + waiting;
  return {
    started,
    reached: summary.n,
    conversion: started ? summary.n / started : null,
    reachedTimes: summary,
    kmMedian: survivalMedian(km),
  };
}

/** The ×4 histogram of `logHistogram` from counted values (bins never straddle its edges). */
function histogramOf(times: readonly Counted[]): HistogramBucket[] {
  const present = times.filter((t) => t.n > 0);
  if (present.length === 0) return [];
  const buckets = logHistogram([Math.max(...present.map((t) => t.value))]).map((b) => ({ ...b, count: 0 }));
  for (const { value, n } of present) {
    const bucket = buckets.find((b) => value >= b.from && (b.to === null || value < b.to)) ?? buckets.at(-1);
    if (bucket) bucket.count += n;
  }
  return buckets;
}

/**
 * The Kaplan–Meier observations of a rollup: reached users at their bin's middle, users still
 * waiting censored at `until` minus the middle of their start hour.
 */
export function ttvObservations(rollup: TtvRollup, until: number): CountedObservation[] {
  return [
    ...rollup.reached.filter((r) => r.n > 0).map((r) => ({ time: binMiddle(r.bin), events: r.n, censored: 0 })),
    ...rollup.waiting
      .filter((w) => w.n > 0)
      .map((w) => ({ time: censorTime(w.hour, until), events: 0, censored: w.n })),
  ];
}

/**
 * The time-to-value report from its rollup, with every figure of `timeToValueReport` but NPS
 * by bucket and segments (the caller adds those): counts exact, durations within 1 %.
 * Times to value are their bin's middle; a user still waiting is censored at `until` minus
 * the middle of their start hour. Curve steps are one per bin, not one per distinct time.
 */
export function ttvReportFromRollup(
  rollup: TtvRollup,
  options: { until: number; cohort?: 'week' | 'month'; maxCurvePoints?: number },
): Omit<TimeToValueReport, 'npsByTtv' | 'segments'> {
  const { until, cohort = 'week', maxCurvePoints = 200 } = options;
  const all = newTally();
  const cohorts = new Map<string, Tally>();
  // Rows arrive per day or hour: name each day's cohort once, not once per row.
  const cohortOfDay = new Map<number, string>();
  const tallyOf = (ts: number) => {
    const day = Math.floor(ts / DAY_MS);
    let key = cohortOfDay.get(day);
    if (key === undefined) {
      key = periodStart(day * DAY_MS, cohort);
      cohortOfDay.set(day, key);
    }
    let tally = cohorts.get(key);
    if (!tally) {
      tally = newTally();
      cohorts.set(key, tally);
    }
    return tally;
  };
  for (const { day, bin, n } of rollup.reached) {
    if (n <= 0) continue;
    all.reached[bin] = (all.reached[bin] as number) + n;
    const tally = tallyOf(day * DAY_MS);
    tally.reached[bin] = (tally.reached[bin] as number) + n;
  }
  for (const { hour, n } of rollup.waiting) {
    if (n <= 0) continue;
    const time = censorTime(hour, until);
    for (const tally of [all, tallyOf(hour * HOUR_MS)]) {
      tally.waiting += n;
      tally.censored.push({ time, events: 0, censored: n });
    }
  }
  const allTimes = timesOf(all);
  const allKm = kaplanMeierCounts(observationsOf(all, allTimes));
  return {
    ...groupOf(all, allTimes, allKm),
    valueBeforeStart: rollup.valueBeforeStart.reduce((sum, row) => sum + row.n, 0),
    censoredAt: until,
    curve: thinCurve(allKm, maxCurvePoints),
    histogram: histogramOf(allTimes),
    cohorts: [...cohorts]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([key, tally]) => ({ cohort: key, ...groupOf(tally) })),
  };
}
