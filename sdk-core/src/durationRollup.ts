// Resolution time from its rollup: per start day the entities that ended, in the fine duration
// bins, and per start hour those still open. O(days × bins), whatever the number of entities.
// The collector keeps the same rollup with a trigger on events (migration 0081).
import { DAY_MS, HOUR_MS } from './constants';
import type { DurationEntity, DurationGroup } from './durations';
import { binMiddle, summarizeCounts, timeBin } from './timeBins';

/** The rollup of one (start, end) pair of a site, as the collector reads it for a window. */
export interface DurationRollup {
  /** Entities that ended: per start day (days since 1970, UTC) and bin of start → end. */
  ended: { day: number; bin: number; n: number }[];
  /** Entities still open: per start hour (hours since 1970). */
  open: { hour: number; n: number }[];
}

/** The rollup of a list of entities, as the trigger builds it: the tests' reference. */
export function durationRollupOf(entities: readonly DurationEntity[]): DurationRollup {
  const ended = new Map<string, { day: number; bin: number; n: number }>();
  const open = new Map<number, number>();
  for (const e of entities) {
    if (e.end === null) {
      const hour = Math.floor(e.start / HOUR_MS);
      open.set(hour, (open.get(hour) ?? 0) + 1);
      continue;
    }
    const day = Math.floor(e.start / DAY_MS);
    const bin = timeBin(e.end - e.start);
    const key = `${day}:${bin}`;
    const row = ended.get(key);
    if (row) row.n += 1;
    else ended.set(key, { day, bin, n: 1 });
  }
  return { ended: [...ended.values()], open: [...open].map(([hour, n]) => ({ hour, n })) };
}

/**
 * Resolution times from the rollup, as `durationsReport` without segments: counts exact,
 * mean and percentiles within 1 % (their bin's middle), the open backlog's median age within
 * 30 minutes (an open entity counts from the middle of its start hour).
 */
export function durationsFromRollup(rollup: DurationRollup, until: number): DurationGroup {
  const summary = summarizeCounts(rollup.ended.map((r) => ({ value: binMiddle(r.bin), n: r.n })));
  const ages = rollup.open.map((o) => ({ value: Math.max(0, until - (o.hour * HOUR_MS + HOUR_MS / 2)), n: o.n }));
  const open = summarizeCounts(ages);
  return { ...summary, open: open.n, openAgeP50: open.p50 };
}
