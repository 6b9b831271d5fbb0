import type { TtvSubject } from '@heard/core';
import { jsonPath } from './json';

/** The SQL of the report, exported so a test can check its query plan uses indexes. */
export const TTV_SUBJECTS = `SELECT s.user_key, s.ts AS start, CASE WHEN v.ts < ?5 THEN v.ts END AS value,
                CASE WHEN ?6 IS NOT NULL THEN json_extract(p.traits, ?6) END AS segment,
                CASE WHEN s.user_key LIKE 'anon:%'
                  THEN (SELECT a.score FROM answers a INDEXED BY answers_site_anon
                        WHERE a.site_id = s.site_id AND a.user_id IS NULL
                          AND a.anonymous_id = substr(s.user_key, 6) AND a.kind = 'nps' AND a.ts < ?5
                        ORDER BY a.ts DESC LIMIT 1)
                  ELSE (SELECT a.score FROM answers a INDEXED BY answers_site_user
                        WHERE a.site_id = s.site_id AND a.user_id = s.user_key
                          AND a.kind = 'nps' AND a.ts < ?5 ORDER BY a.ts DESC LIMIT 1)
                END AS nps
         FROM milestones s
         LEFT JOIN milestones v ON v.site_id = s.site_id AND v.name = ?3 AND v.user_key = s.user_key
         LEFT JOIN user_profiles p ON p.site_id = s.site_id AND p.user_key = s.user_key
         WHERE s.site_id = ?1 AND s.name = ?2 AND s.ts >= ?4 AND s.ts < ?5`;

/**
 * Each user whose first `start` event falls in `[from, to)`, with their first `value` event
 * if it came before `to`, their `by` trait and their latest NPS answer. Reads first
 * occurrences (milestones) and user profiles by key: O(users who started), never O(events).
 */
export async function ttvSubjects(
  db: D1Database,
  q: { siteId: string; start: string; value: string; from: number; to: number; by?: string | undefined },
): Promise<TtvSubject[]> {
  // Each subject's latest NPS is looked up through the (site, user, ts) index: the report
  // costs O(subjects), not O(every NPS answer of the site).
  const { results } = await db
    .prepare(TTV_SUBJECTS)
    .bind(q.siteId, q.start, q.value, q.from, q.to, q.by ? jsonPath(q.by) : null)
    .all<{ start: number; value: number | null; segment: unknown; nps: number | null }>();
  return results.map((row) => ({
    start: row.start,
    value: row.value,
    segment: row.segment === null || row.segment === undefined ? null : String(row.segment),
    nps: row.nps,
  }));
}
