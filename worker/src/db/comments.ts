import { bandRange, type Comment, type CommentsQuery, DAY_MS, DIRECTIONS, SCALES } from '@heard/core';

interface CommentRow {
  id: string;
  kind: Comment['kind'];
  survey: string;
  score: number;
  scale_min: number;
  scale_max: number;
  direction: Comment['direction'];
  comment: string;
  user_id: string | null;
  traits: string | null;
  ts: number;
}

/** The page query; exported so a test can check its plan uses the index. */
export const COMMENTS_SQL = `SELECT id, kind, survey, score, scale_min, scale_max, direction, comment, user_id, traits, ts
       FROM answers
       WHERE site_id = ?1 AND kind = ?2 AND ts >= ?3 AND ts < ?4
         AND comment IS NOT NULL AND comment <> ''
         AND (?5 IS NULL OR survey = ?5)
         AND (?6 IS NULL OR score >= ?6) AND (?7 IS NULL OR score <= ?7)
         AND (?8 IS NULL OR instr(lower(comment), lower(?8)) > 0)
         AND (?9 IS NULL OR CAST(coalesce(json_extract(traits, ?9), json_extract(props, ?9)) AS TEXT) = ?10)
         AND (?11 IS NULL OR ts < ?11 OR (ts = ?11 AND id < ?12))
         AND (?14 IS NULL OR EXISTS (SELECT 1 FROM json_each(?14) AS band
               WHERE band.value ->> 0 = scale_min AND band.value ->> 1 = scale_max AND band.value ->> 2 = direction
                 AND score BETWEEN band.value ->> 3 AND band.value ->> 4))
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
      query.band ? JSON.stringify(bandRanges(query)) : null,
    )
    .all<CommentRow>();
  const page = results.slice(0, query.limit);
  const last = page.at(-1);
  return {
    comments: page.map(toComment),
    next: results.length > query.limit && last ? `${last.ts}:${last.id}` : null,
  };
}

/** A band as score ranges, one per scale and direction of the kind: `[min, max, direction, from, to]`. */
function bandRanges(query: CommentsQuery): [number, number, string, number, number][] {
  const which = query.band;
  if (!which) return [];
  return SCALES[query.metric].flatMap((scale) =>
    DIRECTIONS.flatMap((direction) => {
      const range = bandRange(query.metric, which, scale, direction);
      return range
        ? [[scale[0], scale[1], direction, range[0], range[1]] as [number, number, string, number, number]]
        : [];
    }),
  );
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
    direction: row.direction,
    comment: row.comment,
    userId: row.user_id,
    traits: row.traits ? JSON.parse(row.traits) : {},
    ts: row.ts,
  };
}
