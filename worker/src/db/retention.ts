import { jsonPath } from './json';

/** The SQL of the report, exported so a test can check its query plan uses indexes. */
export const CUSTOMERS = `SELECT p.user_key, p.first_ts, p.last_ts, m.ts AS churned, json_extract(p.traits, ?4) AS account
       FROM user_profiles p
       LEFT JOIN milestones m ON m.site_id = p.site_id AND m.name = ?3 AND m.user_key = p.user_key
       WHERE p.site_id = ?1 AND p.first_ts < ?2 AND p.user_key NOT LIKE 'anon:%'`;

/** An identified user's activity, churn milestone and account. */
export interface CustomerRow {
  userKey: string;
  first: number;
  last: number;
  churned: number | null;
  account: string;
}

/**
 * Identified users (with a user id) first active before `to`: first and last activity, their
 * first churn event and their account (the account trait, else the user). O(users).
 */
export async function customerRows(
  db: D1Database,
  q: { siteId: string; to: number; churnEvent: string; accountTrait: string },
): Promise<CustomerRow[]> {
  const { results } = await db
    .prepare(CUSTOMERS)
    .bind(q.siteId, q.to, q.churnEvent, jsonPath(q.accountTrait))
    .all<{ user_key: string; first_ts: number; last_ts: number; churned: number | null; account: unknown }>();
  return results.map((row) => ({
    userKey: row.user_key,
    first: row.first_ts,
    last: row.last_ts,
    churned: row.churned,
    account: row.account === null || row.account === undefined ? row.user_key : String(row.account),
  }));
}
