import type { DatedComment, Kind } from '@heard/core';
import { jsonPath } from './json';

/** The SQL of the comment lookup, exported so a test can check its plan uses an index. */
// Without the hint SQLite walks every answer of the site (its primary key): it has no statistics
// to know that a handful of users hold few of them.
export const LATEST_COMMENTS = `SELECT user_id, kind, score, comment, ts
       FROM answers INDEXED BY answers_site_user
       WHERE site_id = ?1 AND user_id IN (SELECT value FROM json_each(?2))
         AND comment IS NOT NULL AND comment <> ''
       ORDER BY ts DESC, id DESC`;

/**
 * The given users' answers with a comment (any kind), newest first (ties: the larger id), through
 * the (site, user, ts) index: O(their answers), for the few accounts a churned-MRR list shows.
 */
export async function latestComments(
  db: D1Database,
  siteId: string,
  userKeys: readonly string[],
): Promise<(DatedComment & { userKey: string })[]> {
  if (userKeys.length === 0) return [];
  const { results } = await db
    .prepare(LATEST_COMMENTS)
    .bind(siteId, JSON.stringify(userKeys))
    .all<{ user_id: string; kind: Kind; score: number; comment: string; ts: number }>();
  return results.map((row) => ({
    userKey: row.user_id,
    kind: row.kind,
    score: row.score,
    text: row.comment,
    at: row.ts,
  }));
}

/**
 * Each account's value of a trait (`GET /v1/mrr?by=`): the trait of its most recently active
 * user who has it (ties: the smaller user key); accounts are the account trait, else the user.
 * O(identified users), as the health list the report already reads.
 */
export async function accountTraits(
  db: D1Database,
  siteId: string,
  accountTrait: string,
  by: string,
): Promise<Map<string, string>> {
  const { results } = await db
    .prepare(
      `SELECT user_key, json_extract(traits, ?2) AS account, json_extract(traits, ?3) AS value FROM user_profiles
       WHERE site_id = ?1 AND user_key NOT LIKE 'anon:%' AND json_extract(traits, ?3) IS NOT NULL
       ORDER BY last_ts DESC, user_key`,
    )
    .bind(siteId, jsonPath(accountTrait), jsonPath(by))
    .all<{ user_key: string; account: unknown; value: unknown }>();
  const out = new Map<string, string>();
  for (const row of results) {
    const account = row.account === null || row.account === undefined ? row.user_key : String(row.account);
    if (!out.has(account)) out.set(account, String(row.value));
  }
  return out;
}
