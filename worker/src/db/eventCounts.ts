import type { D1Reader } from './reader';

/**
 * A site's per-day event counts in a UTC day range, per day and name (the `event_counts`
 * rollup: O(days × names), whatever the number of events).
 */
export async function eventCountRows(
  db: D1Reader,
  siteId: string,
  from: string,
  to: string,
  name?: string,
): Promise<{ day: string; name: string; n: number }[]> {
  const { results } = await db
    .prepare(
      `SELECT day, name, n FROM event_counts WHERE site_id = ?1 AND day >= ?2 AND day <= ?3
         AND (?4 IS NULL OR name = ?4) ORDER BY day, name`,
    )
    .bind(siteId, from, to, name ?? null)
    .all<{ day: string; name: string; n: number }>();
  return results;
}
