import { DAY_MS, HOUR_MS, type TtvRollup, type TtvSubject } from '@heard/core';

const BIN = (d: string) =>
  `(CASE WHEN ${d} < 0 THEN -1 ELSE (SELECT bin FROM time_bins WHERE lo <= ${d} ORDER BY lo DESC LIMIT 1) END)`;

/**
 * Makes sure the site keeps the rollup of this (start, value) pair (migration 0080). The first
 * call for a pair builds it from the first occurrences, once (O(users)), in one transaction so
 * ingest running beside it is counted exactly once; it drops the rollup of any other pair.
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
    db.prepare('DELETE FROM ttv_periods WHERE site_id = ?1').bind(siteId),
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
 * The rollup of users who started in `[from, to)` (to within the hour for those waiting, the
 * day for the others), as one row per cohort and bin: whole weeks or months from
 * `ttv_periods`, the partial ones at the window's edges summed from `ttv_days`. Each reached
 * row's `day` is its cohort's first day. O(cohorts × bins + edge days × bins + hours) rows
 * read, whatever the number of users.
 */
export async function readTtvRollup(
  db: D1Database,
  q: { siteId: string; start: string; value: string; from: number; to: number; cohort: 'week' | 'month' },
): Promise<TtvRollup> {
  const fromDay = Math.floor(q.from / DAY_MS);
  const lastDay = Math.floor((q.to - 1) / DAY_MS);
  const [first, last] = wholePeriods(fromDay, lastDay, q.cohort);
  const pair = [q.siteId, q.start, q.value] as const;
  // Each cohort's cells travel as one JSON array: D1 hands rows to the Worker one by one, and
  // tens of thousands of small rows cost more than the SQL that sums them.
  const [whole, edges, waiting] = await db.batch<{ day: number; cells: string }>([
    db
      .prepare(
        `SELECT first_day AS day, json_group_array(json_array(bin, n)) AS cells FROM ttv_periods
         WHERE site_id = ?1 AND start_name = ?2 AND value_name = ?3 AND period = ?4
           AND first_day >= ?5 AND first_day <= ?6 AND last_day <= ?6 AND n <> 0
         GROUP BY first_day`,
      )
      .bind(...pair, q.cohort, first, last),
    db
      .prepare(
        // Two ranges, not one OR, so each is a range of the primary key, never a scan.
        `SELECT day, json_group_array(json_array(bin, n)) AS cells FROM (
           SELECT ${COHORT_DAY[q.cohort]} AS day, bin, sum(n) AS n FROM (
             SELECT day, bin, n FROM ttv_days WHERE site_id = ?1 AND start_name = ?2 AND value_name = ?3
               AND day >= ?4 AND day < ?5 AND n <> 0
             UNION ALL
             SELECT day, bin, n FROM ttv_days WHERE site_id = ?1 AND start_name = ?2 AND value_name = ?3
               AND day > ?6 AND day <= ?7 AND n <> 0)
           GROUP BY 1, 2)
         GROUP BY day`,
      )
      .bind(...pair, fromDay, Math.min(first, lastDay + 1), Math.max(last, first - 1), lastDay),
    db
      .prepare(
        `SELECT 0 AS day, json_group_array(json_array(hour, n)) AS cells FROM ttv_waiting
         WHERE site_id = ?1 AND start_name = ?2 AND value_name = ?3 AND hour >= ?4 AND hour <= ?5 AND n > 0`,
      )
      .bind(...pair, Math.floor(q.from / HOUR_MS), Math.floor((q.to - 1) / HOUR_MS)),
  ]);
  const rollup: TtvRollup = { reached: [], valueBeforeStart: [], waiting: [] };
  for (const { day, cells } of [...(whole?.results ?? []), ...(edges?.results ?? [])]) {
    for (const [bin, n] of JSON.parse(cells) as [number, number][]) {
      if (bin >= 0) rollup.reached.push({ day, bin, n });
      else rollup.valueBeforeStart.push({ day, n });
    }
  }
  for (const { cells } of waiting?.results ?? []) {
    for (const [hour, n] of JSON.parse(cells) as [number, number][]) rollup.waiting.push({ hour, n });
  }
  return rollup;
}

/**
 * Users who started in `[from, to)` and have an NPS answer, with their start, value and latest
 * NPS: what NPS by time to value needs beside the rollup. O(NPS respondents), not O(users).
 */
export async function npsRespondents(
  db: D1Database,
  q: { siteId: string; start: string; value: string; from: number; to: number },
): Promise<TtvSubject[]> {
  const { results } = await db
    .prepare(
      `SELECT s.ts AS start, v.ts AS value, a.score AS nps FROM latest_answers a
       JOIN milestones s ON s.site_id = a.site_id AND s.name = ?2 AND s.user_key = a.user_key
       LEFT JOIN milestones v ON v.site_id = a.site_id AND v.name = ?3 AND v.user_key = a.user_key
       WHERE a.site_id = ?1 AND a.kind = 'nps' AND a.ts < ?5 AND s.ts >= ?4 AND s.ts < ?5`,
    )
    .bind(q.siteId, q.start, q.value, q.from, q.to)
    .all<{ start: number; value: number | null; nps: number }>();
  return results
    .map((r) => ({ start: r.start, value: r.value !== null && r.value < q.to ? r.value : null, nps: r.nps }))
    .filter((s) => s.value === null || s.value >= s.start);
}
