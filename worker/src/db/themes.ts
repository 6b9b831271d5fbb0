import type { Direction, Kind } from '@heard/core';
import type { D1Reader } from './reader';

/** The query of {@link commentedAnswers}, exported so a test can check its plan uses the (site, kind, ts) index. */
export const THEME_ANSWERS_SQL = `SELECT id, score, scale_min, scale_max, direction, comment, locale
       FROM answers
       WHERE site_id = ?1 AND kind = ?2 AND ts >= ?3 AND ts < ?4
         AND comment IS NOT NULL AND comment <> ''
         AND (?5 IS NULL OR survey = ?5)
       ORDER BY ts DESC, id DESC
       LIMIT ?6`;

/** A commented answer as themes read it. */
export interface CommentedAnswer {
  id: string;
  score: number;
  scale_min: number;
  scale_max: number;
  direction: Direction;
  comment: string;
  locale: string | null;
}

/** The newest `limit` commented answers of a kind in `[startMs, endMs)`, newest first. */
export async function commentedAnswers(
  db: D1Reader,
  filter: { siteId: string; kind: Kind; survey?: string | undefined; startMs: number; endMs: number },
  limit: number,
): Promise<CommentedAnswer[]> {
  const { results } = await db
    .prepare(THEME_ANSWERS_SQL)
    .bind(filter.siteId, filter.kind, filter.startMs, filter.endMs, filter.survey ?? null, limit)
    .all<CommentedAnswer>();
  return results;
}
