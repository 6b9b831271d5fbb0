import { jsonPath } from './json';

/** The SQL of the report, exported so a test can check its query plan uses indexes. */
export const REVENUE_EVENTS = `SELECT e.ts, e.value, json_extract(e.props, '$.kind') AS kind,
              coalesce(json_extract(e.props, ?5), json_extract(p.traits, ?5),
                       coalesce(e.user_id, 'anon:' || e.anonymous_id)) AS account
       FROM events e
       LEFT JOIN user_profiles p ON p.site_id = e.site_id AND p.user_key = coalesce(e.user_id, 'anon:' || e.anonymous_id)
       WHERE e.site_id = ?1 AND e.name = ?2 AND e.ts >= ?3 AND e.ts < ?4 AND e.value IS NOT NULL`;

/** A revenue event with its account: the event's `account` prop, else the user's account trait, else the user. */
export interface RevenueRow {
  account: string;
  ts: number;
  kind: string | null;
  value: number;
}

/** Revenue events in `[from, to)` with a value. O(revenue events in the window). */
export async function revenueRows(
  db: D1Database,
  q: { siteId: string; event: string; from: number; to: number; accountTrait: string },
): Promise<RevenueRow[]> {
  const { results } = await db
    .prepare(REVENUE_EVENTS)
    .bind(q.siteId, q.event, q.from, q.to, jsonPath(q.accountTrait))
    .all<{ ts: number; value: number; kind: unknown; account: unknown }>();
  return results.map((row) => ({
    ts: row.ts,
    value: row.value,
    kind: typeof row.kind === 'string' ? row.kind : null,
    account: String(row.account),
  }));
}
