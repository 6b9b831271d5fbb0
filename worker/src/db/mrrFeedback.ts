import type { DatedComment, Kind } from '@heard/core';

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
