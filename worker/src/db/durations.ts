import type { DurationEntity } from '@heard/core';
import { jsonPath } from './json';

/** The SQL of the report, exported so a test can check its query plan uses indexes. */
export const DURATION_ENTITIES = `WITH starts AS (
         SELECT entity, min(ts) AS ts, props, coalesce(user_id, 'anon:' || anonymous_id) AS user_key
         FROM events WHERE site_id = ?1 AND name = ?2 AND entity IS NOT NULL GROUP BY entity
       )
       SELECT s.entity, s.ts AS start, s.user_key,
              (SELECT min(e.ts) FROM events e WHERE e.site_id = ?1 AND e.name = ?3 AND e.entity IS NOT NULL
                 AND e.entity = s.entity AND e.ts >= s.ts AND e.ts < ?5) AS end_ts,
              CASE WHEN ?6 IS NOT NULL THEN coalesce(json_extract(s.props, ?6), json_extract(p.traits, ?6)) END AS segment,
              CASE WHEN ?7 IS NOT NULL THEN coalesce(json_extract(s.props, ?7), json_extract(p.traits, ?7)) END AS account
       FROM starts s LEFT JOIN user_profiles p ON p.site_id = ?1 AND p.user_key = s.user_key
       WHERE s.ts >= ?4 AND s.ts < ?5`;

/** An entity's first start and end, with who started it and its props. */
export interface EntityRow extends DurationEntity {
  userKey: string;
  /** The `account` prop of the start event, or the starter's account trait. */
  account: string | null;
}

/**
 * Each entity whose first `start` event falls in `[from, to)`, with its first `end` event at
 * or after that start and before `to`. The `by` segment is the start event's prop, else the
 * starter's trait. Reads the (site, name, entity, ts) index: O(start events of that name).
 */
export async function durationEntities(
  db: D1Database,
  q: {
    siteId: string;
    start: string;
    end: string;
    from: number;
    to: number;
    by?: string | undefined;
    accountTrait?: string | undefined;
  },
): Promise<EntityRow[]> {
  const { results } = await db
    .prepare(DURATION_ENTITIES)
    .bind(
      q.siteId,
      q.start,
      q.end,
      q.from,
      q.to,
      q.by ? jsonPath(q.by) : null,
      q.accountTrait ? jsonPath(q.accountTrait) : null,
    )
    .all<{
      entity: string;
      start: number;
      user_key: string;
      end_ts: number | null;
      segment: unknown;
      account: unknown;
    }>();
  return results.map((row) => ({
    entity: row.entity,
    start: row.start,
    end: row.end_ts,
    segment: row.segment === null || row.segment === undefined ? null : String(row.segment),
    userKey: row.user_key,
    account: row.account === null || row.account === undefined ? null : String(row.account),
  }));
}
