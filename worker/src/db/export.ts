import type { ExportedAnswer, Kind } from '@heard/core';

/** Which answers an export reads, as a UTC millisecond range. */
export interface ExportFilter {
  siteId: string;
  kind?: Kind | undefined;
  survey?: string | undefined;
  startMs: number;
  endMs: number;
}

/** Where the previous page ended: the last (ts, id) read. */
export interface Cursor {
  ts: number;
  id: string;
}

interface AnswerRecord {
  id: string;
  ts: number;
  kind: Kind;
  survey: string;
  score: number;
  scale_min: number;
  scale_max: number;
  direction: ExportedAnswer['direction'];
  comment: string | null;
  user_id: string | null;
  anonymous_id: string | null;
  traits: string | null;
  props: string | null;
  url: string | null;
  locale: string | null;
  channel: ExportedAnswer['channel'];
}

const columns = `id, ts, kind, survey, score, scale_min, scale_max, direction, comment, user_id, anonymous_id, traits, props, url, locale, channel`;

/**
 * SQL of one export page. Keyset pagination on (ts, id): each page starts where the last
 * ended through the (site, kind, ts) or (site, ts) index, so page 1,000 costs what page 1 does.
 */
export const exportPageSql = (byKind: boolean) =>
  `SELECT ${columns} FROM answers
   WHERE site_id = ?1 ${byKind ? 'AND kind = ?2' : 'AND ?2 IS NULL'} AND ts >= ?3 AND ts < ?4
     AND (ts, id) > (?5, ?6) AND (?7 IS NULL OR survey = ?7)
   ORDER BY ts, id LIMIT ?8`;

/** One page of answers after `cursor`, oldest first. */
export async function exportPage(
  db: D1Database,
  filter: ExportFilter,
  cursor: Cursor | null,
  limit: number,
): Promise<ExportedAnswer[]> {
  const { results } = await db
    .prepare(exportPageSql(filter.kind !== undefined))
    .bind(
      filter.siteId,
      filter.kind ?? null,
      filter.startMs,
      filter.endMs,
      cursor?.ts ?? -1,
      cursor?.id ?? '',
      filter.survey ?? null,
      limit,
    )
    .all<AnswerRecord>();
  return results.map((r) => ({
    id: r.id,
    ts: r.ts,
    time: new Date(r.ts).toISOString(),
    kind: r.kind,
    survey: r.survey,
    score: r.score,
    scale: [r.scale_min, r.scale_max],
    direction: r.direction,
    comment: r.comment,
    userId: r.user_id,
    anonymousId: r.anonymous_id,
    traits: r.traits ? JSON.parse(r.traits) : null,
    props: r.props ? JSON.parse(r.props) : null,
    url: r.url,
    locale: r.locale,
    channel: r.channel,
  }));
}
