import type { Comment, CommentsQuery } from '@heard/core';

const DAY_MS = 86_400_000;

interface CommentRow {
  id: string;
  kind: Comment['kind'];
  survey: string;
  score: number;
  scale_min: number;
  scale_max: number;
  comment: string;
  user_id: string | null;
  traits: string | null;
  ts: number;
}

/** The page query; exported so a test can check its plan uses the index. */
export const COMMENTS_SQL = `SELECT id, kind, survey, score, scale_min, scale_max, comment, user_id, traits, ts
       FROM answers
       WHERE site_id = ?1 AND kind = ?2 AND ts >= ?3 AND ts < ?4
         AND comment IS NOT NULL AND comment <> ''
         AND (?5 IS NULL OR survey = ?5)
         AND (?6 IS NULL OR score >= ?6) AND (?7 IS NULL OR score <= ?7)
         AND (?8 IS NULL OR instr(lower(comment), lower(?8)) > 0)
         AND (?9 IS NULL OR CAST(coalesce(json_extract(traits, ?9), json_extract(props, ?9)) AS TEXT) = ?10)
         AND (?11 IS NULL OR ts < ?11 OR (ts = ?11 AND id < ?12))
       ORDER BY ts DESC, id DESC
       LIMIT ?13`;

/**
 * One page of commented answers of a site, newest first. Walks the (site, kind, ts) index
 * backwards and stops at `limit + 1` rows, so a page costs the same on a site of any size.
 */
export async function commentsPage(
  db: D1Database,
  siteId: string,
  query: CommentsQuery,
): Promise<{ comments: Comment[]; next: string | null }> {
  const from = query.from ? Date.parse(query.from) : 0;
  const to = query.to ? Date.parse(query.to) + DAY_MS : 8.64e15;
  const [beforeTs, beforeId] = query.before ? splitCursor(query.before) : [null, null];
  // Trait keys pass ZKey (no quotes), so quoting them in the JSON path is safe and keeps dots literal.
  const path = query.by ? `$."${query.by}"` : null;
  const { results } = await db
    .prepare(COMMENTS_SQL)
    .bind(
      siteId,
      query.metric,
      from,
      to,
      query.survey ?? null,
      query.min ?? null,
      query.max ?? null,
      query.q ?? null,
      path,
      path ? normaliseValue(query.value ?? '') : null,
      beforeTs,
      beforeId,
      query.limit + 1,
    )
    .all<CommentRow>();
  const page = results.slice(0, query.limit);
  const last = page.at(-1);
  return {
    comments: page.map(toComment),
    next: results.length > query.limit && last ? `${last.ts}:${last.id}` : null,
  };
}

function splitCursor(cursor: string): [number, string] {
  const at = cursor.indexOf(':');
  return [Number(cursor.slice(0, at)), cursor.slice(at + 1)];
}

/** JSON booleans come out of json_extract as 1 and 0. */
function normaliseValue(value: string): string {
  return value === 'true' ? '1' : value === 'false' ? '0' : value;
}

function toComment(row: CommentRow): Comment {
  return {
    id: row.id,
    kind: row.kind,
    survey: row.survey,
    score: row.score,
    scale: [row.scale_min, row.scale_max],
    comment: row.comment,
    userId: row.user_id,
    traits: row.traits ? JSON.parse(row.traits) : {},
    ts: row.ts,
  };
}
