import { summarizeValues, type ValueSummary } from './percentiles';

/** One entity (e.g. a ticket): its first `start` event and first `end` event after it. */
export interface DurationEntity {
  entity: string;
  start: number;
  end: number | null;
  segment?: string | null;
}

/** Resolution times of a group of entities, in ms. */
export interface DurationGroup extends ValueSummary {
  /** Entities started and not yet ended: the open backlog. */
  open: number;
  /** Median age (ms, at `until`) of the open backlog. */
  openAgeP50: number | null;
}

/** The report of `GET /v1/durations`: resolved entities' times, the backlog, segments. */
export interface DurationsReport extends DurationGroup {
  segments?: (DurationGroup & { value: string | null })[];
}

function group(entities: readonly DurationEntity[], until: number): DurationGroup {
  const done = entities.filter((e) => e.end !== null).map((e) => Math.max(0, (e.end as number) - e.start));
  const ages = entities.filter((e) => e.end === null).map((e) => Math.max(0, until - e.start));
  return { ...summarizeValues(done), open: ages.length, openAgeP50: summarizeValues(ages).p50 };
}

/**
 * Resolution time per entity: count, mean, p50/p75/p90 of start → end among ended ones, the
 * open backlog and, when asked, the same per segment.
 * @example durationsReport([{ entity: 't1', start: 0, end: 10 }, { entity: 't2', start: 5, end: null }], { until: 20 })
 *   // { n: 1, mean: 10, p50: 10, …, open: 1, openAgeP50: 15 }
 */
export function durationsReport(
  entities: readonly DurationEntity[],
  options: { until: number; bySegment?: boolean },
): DurationsReport {
  const report: DurationsReport = group(entities, options.until);
  if (options.bySegment) {
    const groups = new Map<string | null, DurationEntity[]>();
    for (const e of entities) {
      const key = e.segment ?? null;
      const members = groups.get(key);
      if (members) members.push(e);
      else groups.set(key, [e]);
    }
    report.segments = [...groups]
      .map(([value, members]) => ({ value, ...group(members, options.until) }))
      .sort((a, b) => b.n + b.open - (a.n + a.open));
  }
  return report;
}
