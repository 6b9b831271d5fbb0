import { DAY_MS, HOUR_MS, TIME_BIN_EDGES, type TtvRollup, type TtvSubject } from '@heard/core';

const BIN = (d: string) =>
  `(CASE WHEN ${d} < 0 THEN -1 ELSE (SELECT bin FROM time_bins WHERE lo <= ${d} ORDER BY lo DESC LIMIT 1) END)`;

/**
 * Makes sure the site keeps the rollup of this (start, value) pair (migration 0080). The first
 * call for a pair builds it from the first occurrences, once (O(users)), in one transaction so
 * ingest running beside it is counted exactly once; it drops the rollup of any other pair. The
 * triggers on ttv_days (0100) sum its cells into ttv_cells as they are inserted.
 */
export async function ensureTtvRollup(db: D1Database, siteId: string, start: string, value: string): Promise<void> {
  const kept = await db
    .prepare('SELECT 1 FROM ttv_pairs WHERE site_id = ?1 AND start_name = ?2 AND value_name = ?3')
    .bind(siteId, start, value)
    .first();
  if (kept) return;
  await db.batch([
    db.prepare('DELETE FROM ttv_pairs WHERE site_id = ?1').bind(siteId),
    db.prepare('DELETE FROM ttv_days WHERE site_id = ?1').bind(siteId),
    db.prepare('DELETE FROM ttv_waiting WHERE site_id = ?1').bind(siteId),
    db.prepare('DELETE FROM ttv_cells WHERE site_id = ?1').bind(siteId),
    db
      .prepare('INSERT INTO ttv_pairs (site_id, start_name, value_name) VALUES (?1, ?2, ?3)')
      .bind(siteId, start, value),
    db
      .prepare(
        `INSERT INTO ttv_waiting (site_id, start_name, value_name, hour, n)
         SELECT s.site_id, ?2, ?3, s.ts / ${HOUR_MS}, count(*) FROM milestones s
         WHERE s.site_id = ?1 AND s.name = ?2
           AND NOT EXISTS (SELECT 1 FROM milestones v WHERE v.site_id = ?1 AND v.name = ?3 AND v.user_key = s.user_key)
         GROUP BY 4`,
      )
      .bind(siteId, start, value),
    db
      .prepare(
        `INSERT INTO ttv_days (site_id, start_name, value_name, day, bin, n)
         SELECT s.site_id, ?2, ?3, s.ts / ${DAY_MS}, ${BIN('v.ts - s.ts')}, count(*)
         FROM milestones s JOIN milestones v ON v.site_id = ?1 AND v.name = ?3 AND v.user_key = s.user_key
         WHERE s.site_id = ?1 AND s.name = ?2
         GROUP BY 4, 5`,
      )
      .bind(siteId, start, value),
  ]);
}

/**
 * The first day (days since 1970) of the cohort a start day falls in, in SQL: the Monday of
 * its ISO week (day 0, 1970-01-01, was a Thursday) or the first of its month.
 */
const COHORT_DAY = {
  week: 'day - ((day + 3) % 7)',
  month: `CAST(julianday(date(day * 86400, 'unixepoch', 'start of month')) - 2440587.5 AS INTEGER)`,
} as const;

/** The days [first, last] (days since 1970) covered by whole cohorts inside [fromDay, lastDay]. */
function wholePeriods(fromDay: number, lastDay: number, cohort: 'week' | 'month'): [number, number] {
  if (cohort === 'week') {
    const first = fromDay + ((7 - ((fromDay + 3) % 7)) % 7);
    const last = lastDay - ((lastDay + 4) % 7);
    return [first, last];
  }
  const from = new Date(fromDay * DAY_MS);
  const first = from.getUTCDate() === 1 ? fromDay : Date.UTC(from.getUTCFullYear(), from.getUTCMonth() + 1, 1) / DAY_MS;
  const after = new Date((lastDay + 1) * DAY_MS);
  const last =
    after.getUTCDate() === 1 ? lastDay : Date.UTC(after.getUTCFullYear(), after.getUTCMonth(), 1) / DAY_MS - 1;
  return [first, last];
}

/**
 * The cells of a window, one row per cohort (day: its first day; cells: `[[chunk, counts], …]`):
 * ?4 the span of whole cohorts in [?5, ?6], and the days [?7, ?8) and (?9, ?10] at the edges,
 * each keyed by its cohort. Three ranges of the primary key, never a scan.
 */
export const ttvCellsQuery = (cohort: 'week' | 'month') =>
  `SELECT day, '[' || group_concat('[' || chunk || ',' || counts || ']') || ']' AS cells FROM (
     SELECT first_day AS day, chunk, counts FROM ttv_cells
       WHERE site_id = ?1 AND start_name = ?2 AND value_name = ?3 AND span = ?4
         AND first_day >= ?5 AND first_day <= ?6
       UNION ALL
       SELECT ${COHORT_DAY[cohort]}, chunk, counts FROM (
         SELECT first_day AS day, chunk, counts FROM ttv_cells
         WHERE site_id = ?1 AND start_name = ?2 AND value_name = ?3 AND span = 'day'
           AND first_day >= ?7 AND first_day < ?8
         UNION ALL
         SELECT first_day AS day, chunk, counts FROM ttv_cells
         WHERE site_id = ?1 AND start_name = ?2 AND value_name = ?3 AND span = 'day'
           AND first_day > ?9 AND first_day <= ?10))
     GROUP BY day`;

/** Bins per row of ttv_cells (migration 0100): bin b is slot b + 1 of chunk (b + 1) / 64. */
const CELL_SLOTS = 64;

/**
 * The rollup of users who started in `[from, to)` (to within the hour for those waiting, the
 * day for the others), as one row per cohort and bin: whole weeks or months from their
 * `ttv_cells`, the partial ones at the window's edges summed from the cells of their days.
 * Each reached row's `day` is its cohort's first day. Reads at most one row per chunk of 64
 * bins of each whole cohort and edge day, plus one per hour of those waiting: bounded by the
 * window and the bins, however many users fill them (the cells are dense, so a week of 300
 * users reads as many rows as a week of 40,000).
 */
export async function readTtvRollup(
  db: D1Database,
  q: { siteId: string; start: string; value: string; from: number; to: number; cohort: 'week' | 'month' },
): Promise<TtvRollup> {
  const fromDay = Math.floor(q.from / DAY_MS);
  const lastDay = Math.floor((q.to - 1) / DAY_MS);
  const [first, last] = wholePeriods(fromDay, lastDay, q.cohort);
  const pair = [q.siteId, q.start, q.value] as const;
  // Each cohort's rows (and each day's waiting hours) travel as one JSON array: D1 hands rows
  // to the Worker one by one, and many small rows cost more than the SQL that joins them. The
  // counts are JSON already, so they are concatenated as text, not parsed and written again.
  const [cohorts, waiting] = await db.batch<{ day: number; cells: string }>([
    db
      .prepare(ttvCellsQuery(q.cohort))
      .bind(...pair, q.cohort, first, last, fromDay, Math.min(first, lastDay + 1), Math.max(last, first - 1), lastDay),
    db
      .prepare(
        `SELECT hour / 24 AS day, '[' || group_concat('[' || hour || ',' || n || ']') || ']' AS cells FROM ttv_waiting
         WHERE site_id = ?1 AND start_name = ?2 AND value_name = ?3 AND hour >= ?4 AND hour <= ?5 AND n > 0
         GROUP BY 1`,
      )
      .bind(...pair, Math.floor(q.from / HOUR_MS), Math.floor((q.to - 1) / HOUR_MS)),
  ]);
  // Each cohort's slots summed densely (its edge days add into it), then listed once.
  const slots = new Map<number, Float64Array>();
  for (const { day, cells } of cohorts?.results ?? []) {
    let sums = slots.get(day);
    if (!sums) {
      sums = new Float64Array(TIME_BIN_EDGES.length + 1);
      slots.set(day, sums);
    }
    for (const [chunk, counts] of JSON.parse(cells) as [number, number[]][]) {
      const base = chunk * CELL_SLOTS;
      for (let i = 0; i < counts.length; i += 1) {
        const n = counts[i] as number;
        if (n !== 0) sums[base + i] = (sums[base + i] as number) + n;
      }
    }
  }
  const rollup: TtvRollup = { reached: [], valueBeforeStart: [], waiting: [] };
  for (const [day, sums] of slots) {
    sums.forEach((n, slot) => {
      if (n === 0) return;
      if (slot === 0) rollup.valueBeforeStart.push({ day, n });
      else rollup.reached.push({ day, bin: slot - 1, n });
    });
  }
  for (const { cells } of waiting?.results ?? []) {
    for (const [hour, n] of JSON.parse(cells) as [number, number][]) rollup.waiting.push({ hour, n });
  }
  return rollup;
}

/**
 * NPS respondents who started in [?4, ?5) with their start and value (?1 site, ?2 start, ?3
 * value). CROSS JOIN keeps latest_answers first: driven from the milestones, the query would
 * read every user who started in the window (the covering index of their first occurrences)
 * to find the few who answered: 264 ms at 1M users with no answer at all.
 */
export const NPS_RESPONDENTS = `SELECT s.ts AS start, v.ts AS value, a.score AS nps FROM latest_answers a
   CROSS JOIN milestones s ON s.site_id = a.site_id AND s.name = ?2 AND s.user_key = a.user_key
   LEFT JOIN milestones v ON v.site_id = a.site_id AND v.name = ?3 AND v.user_key = a.user_key
   WHERE a.site_id = ?1 AND a.kind = 'nps' AND a.ts < ?5 AND s.ts >= ?4 AND s.ts < ?5`;

/**
 * Users who started in `[from, to)` and have an NPS answer, with their start, value and latest
 * NPS: what NPS by time to value needs beside the rollup. O(NPS respondents), not O(users).
 */
export async function npsRespondents(
  db: D1Database,
  q: { siteId: string; start: string; value: string; from: number; to: number },
): Promise<TtvSubject[]> {
  const { results } = await db
    .prepare(NPS_RESPONDENTS)
    .bind(q.siteId, q.start, q.value, q.from, q.to)
    .all<{ start: number; value: number | null; nps: number }>();
  return results
    .map((r) => ({ start: r.start, value: r.value !== null && r.value < q.to ? r.value : null, nps: r.nps }))
    .filter((s) => s.value === null || s.value >= s.start);
}
