import { DAY_MS, type DurationRollup, HOUR_MS } from '@heard/core';

const BIN = (d: string) =>
  `(CASE WHEN ${d} < 0 THEN -1 ELSE (SELECT bin FROM time_bins WHERE lo <= ${d} ORDER BY lo DESC LIMIT 1) END)`;

/**
 * Makes sure the site keeps the rollup of this (start, end) pair (migration 0081). The first
 * call for a pair builds it from the stored events, once (O(start and end events)), in one
 * transaction so ingest beside it counts once; it drops the rollup of any other pair.
 */
export async function ensureDurationRollup(db: D1Database, siteId: string, start: string, end: string): Promise<void> {
  const kept = await db
    .prepare('SELECT 1 FROM duration_pairs WHERE site_id = ?1 AND start_name = ?2 AND end_name = ?3')
    .bind(siteId, start, end)
    .first();
  if (kept) return;
  await db.batch([
    ...['duration_pairs', 'duration_entities', 'duration_days', 'duration_open'].map((table) =>
      db.prepare(`DELETE FROM ${table} WHERE site_id = ?1`).bind(siteId),
    ),
    db
      .prepare('INSERT INTO duration_pairs (site_id, start_name, end_name) VALUES (?1, ?2, ?3)')
      .bind(siteId, start, end),
    db
      .prepare(
        `INSERT INTO duration_entities (site_id, start_name, end_name, entity, start_ts, end_ts, changed_by)
         SELECT ?1, ?2, ?3, s.entity, s.ts,
                (SELECT min(e.ts) FROM events e WHERE e.site_id = ?1 AND e.name = ?3 AND e.entity IS NOT NULL
                   AND e.entity = s.entity AND e.ts >= s.ts),
                ''
         FROM (SELECT entity, min(ts) AS ts FROM events WHERE site_id = ?1 AND name = ?2 AND entity IS NOT NULL
               GROUP BY entity) s
         WHERE true`,
      )
      .bind(siteId, start, end),
    db
      .prepare(
        `INSERT INTO duration_open (site_id, start_name, end_name, hour, n)
         SELECT site_id, start_name, end_name, start_ts / ${HOUR_MS}, count(*) FROM duration_entities
         WHERE site_id = ?1 AND start_name = ?2 AND end_name = ?3 AND end_ts IS NULL GROUP BY 4`,
      )
      .bind(siteId, start, end),
    db
      .prepare(
        `INSERT INTO duration_days (site_id, start_name, end_name, day, bin, n)
         SELECT site_id, start_name, end_name, start_ts / ${DAY_MS}, ${BIN('end_ts - start_ts')}, count(*)
         FROM duration_entities
         WHERE site_id = ?1 AND start_name = ?2 AND end_name = ?3 AND end_ts IS NOT NULL GROUP BY 4, 5`,
      )
      .bind(siteId, start, end),
  ]);
}

/**
 * The rollup of entities started in `[from, to)`, ended ones summed per bin in SQL: O(bins +
 * hours) rows read, whatever the number of entities (each row's `day` is the window's first).
 */
export async function readDurationRollup(
  db: D1Database,
  q: { siteId: string; start: string; end: string; from: number; to: number },
): Promise<DurationRollup> {
  const [ended, open] = await db.batch<{ day: number; bin: number; n: number } & { hour: number }>([
    db
      .prepare(
        `SELECT ?4 AS day, bin, sum(n) AS n FROM duration_days WHERE site_id = ?1 AND start_name = ?2
           AND end_name = ?3 AND day >= ?4 AND day <= ?5 AND n > 0 GROUP BY bin`,
      )
      .bind(q.siteId, q.start, q.end, Math.floor(q.from / DAY_MS), Math.floor((q.to - 1) / DAY_MS)),
    db
      .prepare(
        `SELECT hour, n FROM duration_open WHERE site_id = ?1 AND start_name = ?2 AND end_name = ?3
           AND hour >= ?4 AND hour <= ?5 AND n > 0`,
      )
      .bind(q.siteId, q.start, q.end, Math.floor(q.from / HOUR_MS), Math.floor((q.to - 1) / HOUR_MS)),
  ]);
  return {
    ended: (ended?.results ?? []).map(({ day, bin, n }) => ({ day, bin, n })),
    open: (open?.results ?? []).map(({ hour, n }) => ({ hour, n })),
  };
}

/**
 * How many entities of the pair are open at `now` (started before it, no end stored), from the
 * rollup's open backlog per start hour (kept while the pair is registered: call
 * {@link ensureDurationRollup} first): O(hours), as `GET /v1/durations` counts them.
 */
export async function openCount(
  db: D1Database,
  q: { siteId: string; start: string; end: string; now: number },
): Promise<number> {
  const open = await db
    .prepare(
      `SELECT coalesce(sum(n), 0) AS n FROM duration_open WHERE site_id = ?1 AND start_name = ?2 AND end_name = ?3
         AND hour <= ?4`,
    )
    .bind(q.siteId, q.start, q.end, Math.floor(q.now / HOUR_MS))
    .first<number>('n');
  return open ?? 0;
}
