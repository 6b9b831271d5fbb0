import type { D1Reader } from './reader';

/** One row of `digest_posts`: what was posted (or skipped) for a site and period. */
export interface DigestPost {
  what: string;
  period: string;
  status: 'pending' | 'delivered' | 'failed' | 'skipped';
  attempts: number;
  lastStatus: number | null;
  atRisk: string[] | null;
  createdAt: number;
}

/** Whether a post of this period has been claimed already (the cron's cheap check before any work). */
export async function postClaimed(db: D1Reader, siteId: string, what: string, period: string): Promise<boolean> {
  const row = await db
    .prepare('SELECT 1 AS claimed FROM digest_posts WHERE site_id = ?1 AND what = ?2 AND period = ?3')
    .bind(siteId, what, period)
    .first<{ claimed: number }>();
  return row !== null;
}

/**
 * Claims a period's post: the one insert that succeeds wins, every other (a second cron run,
 * a concurrent isolate) gets false and posts nothing. `skipped` records a quiet period.
 */
export async function claimPost(
  db: D1Database,
  siteId: string,
  post: { what: string; period: string; status: 'pending' | 'skipped'; atRisk?: readonly string[]; body?: string },
  now = Date.now(),
): Promise<boolean> {
  const row = await db
    .prepare(
      `INSERT INTO digest_posts (site_id, what, period, status, attempts, at_risk, body, created_at, updated_at)
       VALUES (?1, ?2, ?3, ?4, 0, ?5, ?6, ?7, ?7) ON CONFLICT DO NOTHING RETURNING 1 AS won`,
    )
    .bind(
      siteId,
      post.what,
      post.period,
      post.status,
      post.atRisk ? JSON.stringify(post.atRisk) : null,
      post.body ?? null,
      now,
    )
    .first<{ won: number }>();
  return row !== null;
}

/** Records one delivery attempt of a claimed post. */
export async function recordPostAttempt(
  db: D1Database,
  siteId: string,
  what: string,
  period: string,
  outcome: { status: 'pending' | 'delivered' | 'failed'; httpStatus: number | null },
  now = Date.now(),
) {
  await db
    .prepare(
      `UPDATE digest_posts SET status = ?1, attempts = attempts + 1, last_status = ?2, updated_at = ?3
       WHERE site_id = ?4 AND what = ?5 AND period = ?6`,
    )
    .bind(outcome.status, outcome.httpStatus, now, siteId, what, period)
    .run();
}

/** The latest digest of this kind before `period` that recorded its at-risk accounts. */
export async function previousDigest(
  db: D1Reader,
  siteId: string,
  what: string,
  period: string,
): Promise<{ period: string; atRisk: string[] } | null> {
  const row = await db
    .prepare(
      `SELECT period, at_risk FROM digest_posts
       WHERE site_id = ?1 AND what = ?2 AND period < ?3 AND at_risk IS NOT NULL
       ORDER BY period DESC LIMIT 1`,
    )
    .bind(siteId, what, period)
    .first<{ period: string; at_risk: string }>();
  return row ? { period: row.period, atRisk: JSON.parse(row.at_risk) as string[] } : null;
}

/** A site's posts, newest first. */
export async function recentPosts(db: D1Reader, siteId: string, limit = 20): Promise<DigestPost[]> {
  const { results } = await db
    .prepare(
      `SELECT what, period, status, attempts, last_status, at_risk, created_at FROM digest_posts
       WHERE site_id = ?1 ORDER BY created_at DESC, what LIMIT ?2`,
    )
    .bind(siteId, limit)
    .all<{
      what: string;
      period: string;
      status: DigestPost['status'];
      attempts: number;
      last_status: number | null;
      at_risk: string | null;
      created_at: number;
    }>();
  return results.map((r) => ({
    what: r.what,
    period: r.period,
    status: r.status,
    attempts: r.attempts,
    lastStatus: r.last_status,
    atRisk: r.at_risk ? (JSON.parse(r.at_risk) as string[]) : null,
    createdAt: r.created_at,
  }));
}

/** The query of {@link lowAnswersIn}: low answers of a kind in a window, by band ranges per scale. */
export const LOW_ANSWERS_SQL = `SELECT COUNT(*) AS n, MIN(ts) AS oldest FROM answers
       WHERE site_id = ?1 AND kind = ?2 AND ts >= ?3 AND ts < ?4
         AND EXISTS (SELECT 1 FROM json_each(?5) AS band
               WHERE band.value ->> 0 = scale_min AND band.value ->> 1 = scale_max AND band.value ->> 2 = direction
                 AND score BETWEEN band.value ->> 3 AND band.value ->> 4)`;

/** How many low answers a window holds, and the oldest one's time. */
export async function lowAnswersIn(
  db: D1Reader,
  filter: { siteId: string; kind: string; startMs: number; endMs: number },
  ranges: readonly (readonly [number, number, string, number, number])[],
): Promise<{ n: number; oldest: number | null }> {
  const row = await db
    .prepare(LOW_ANSWERS_SQL)
    .bind(filter.siteId, filter.kind, filter.startMs, filter.endMs, JSON.stringify(ranges))
    .first<{ n: number; oldest: number | null }>();
  return { n: row?.n ?? 0, oldest: row?.oldest ?? null };
}
