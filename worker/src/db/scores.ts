import { addDays, type Channel, type Counts, type Direction, type Kind } from '@heard/core';
import type { D1Reader } from './reader';

/** Which answers a score query reads. Days are calendar days in `tz`, inclusive. */
export interface ScoreFilter {
  siteId: string;
  kind: Kind;
  survey?: string | undefined;
  /** Only answers given there; read from the raw answers (the rollups do not split by channel). */
  channel?: Channel | undefined;
  from?: string | undefined;
  to?: string | undefined;
}

export interface ScaleDistribution {
  scale: [number, number];
  direction: Direction;
  counts: Record<number, number>;
}

/** Counts of one score on one scale for one key (a day or a segment value). */
export interface KeyedCount {
  key: string;
  scale_min: number;
  scale_max: number;
  direction: Direction;
  score: number;
  n: number;
}

/** SQL of `rollupByDay`, exported for the query-plan test. */
export const ROLLUP_BY_DAY_SQL = `SELECT day AS key, scale_min, scale_max, direction, score, SUM(n) AS n FROM answer_rollup
  WHERE site_id = ?1 AND kind = ?2 AND day >= ?3 AND day <= ?4 AND (?5 IS NULL OR survey = ?5)
  GROUP BY day, scale_min, scale_max, direction, score`;

/**
 * Counts per UTC day and score from the daily rollup: its cost grows with days and scale
 * points, never with answers (the rollup's primary key starts with site, kind, day).
 */
export async function rollupByDay(db: D1Reader, filter: ScoreFilter): Promise<KeyedCount[]> {
  const { results } = await db
    .prepare(ROLLUP_BY_DAY_SQL)
    .bind(filter.siteId, filter.kind, filter.from ?? '0000-00-00', filter.to ?? '9999-99-99', filter.survey ?? null)
    .all<KeyedCount>();
  return results;
}

/** SQL of `rawByDay`, exported for the query-plan test. */
export const RAW_BY_DAY_SQL = `SELECT d.value ->> 0 AS key, a.scale_min, a.scale_max, a.direction, a.score, COUNT(*) AS n
  FROM json_each(?3) AS d CROSS JOIN answers a
    ON a.site_id = ?1 AND a.kind = ?2 AND a.ts >= d.value ->> 1 AND a.ts < d.value ->> 2
  WHERE (?4 IS NULL OR a.survey = ?4) AND (?5 IS NULL OR a.channel = ?5)
  GROUP BY key, a.scale_min, a.scale_max, a.direction, a.score`;

/**
 * Counts per local day in a time zone other than UTC, from the raw answers: one index range
 * (site, kind, ts) per day, given as `[day, startMs, endMs]` (CROSS JOIN keeps the days as the
 * outer loop); cost grows with the answers read.
 */
export async function rawByDay(
  db: D1Reader,
  filter: Pick<ScoreFilter, 'siteId' | 'kind' | 'survey' | 'channel'>,
  days: readonly [string, number, number][],
): Promise<KeyedCount[]> {
  if (days.length === 0) return [];
  const { results } = await db
    .prepare(RAW_BY_DAY_SQL)
    .bind(filter.siteId, filter.kind, JSON.stringify(days), filter.survey ?? null, filter.channel ?? null)
    .all<KeyedCount>();
  return results;
}

/** SQL of `rawBySegment`, exported for the query-plan test. */
export const RAW_BY_SEGMENT_SQL = `SELECT coalesce(traits -> ?5, props -> ?5) AS key, scale_min, scale_max, direction, score, COUNT(*) AS n
  FROM answers
  WHERE site_id = ?1 AND kind = ?2 AND ts >= ?3 AND ts < ?4 AND (?6 IS NULL OR survey = ?6)
    AND (?7 IS NULL OR channel = ?7)
  GROUP BY key, scale_min, scale_max, direction, score`;

/**
 * Counts per value of a trait or prop (traits first), read from the answers in
 * `[startMs, endMs)` through the (site, kind, ts) index. The key is the value as JSON
 * (`"pro"`, `3`, `true`), or null when neither traits nor props have it.
 */
export async function rawBySegment(
  db: D1Reader,
  filter: Pick<ScoreFilter, 'siteId' | 'kind' | 'survey' | 'channel'>,
  range: { startMs: number; endMs: number },
  by: string,
): Promise<(Omit<KeyedCount, 'key'> & { key: string | null })[]> {
  const { results } = await db
    .prepare(RAW_BY_SEGMENT_SQL)
    .bind(
      filter.siteId,
      filter.kind,
      range.startMs,
      range.endMs,
      `$."${by}"`,
      filter.survey ?? null,
      filter.channel ?? null,
    )
    .all<Omit<KeyedCount, 'key'> & { key: string | null }>();
  return results;
}

/** SQL of `rawByChannel`, exported for the query-plan test. The key is the channel as JSON, as segment keys are. */
export const RAW_BY_CHANNEL_SQL = `SELECT json_quote(channel) AS key, scale_min, scale_max, direction, score, COUNT(*) AS n
  FROM answers
  WHERE site_id = ?1 AND kind = ?2 AND ts >= ?3 AND ts < ?4 AND (?5 IS NULL OR survey = ?5)
    AND (?6 IS NULL OR channel = ?6)
  GROUP BY channel, scale_min, scale_max, direction, score`;

/**
 * Counts per channel the answers were given in (web, link, email), read from the answers in
 * `[startMs, endMs)` through the (site, kind, ts) index: the rollups do not split by channel.
 */
export async function rawByChannel(
  db: D1Reader,
  filter: Pick<ScoreFilter, 'siteId' | 'kind' | 'survey' | 'channel'>,
  range: { startMs: number; endMs: number },
): Promise<KeyedCount[]> {
  const { results } = await db
    .prepare(RAW_BY_CHANNEL_SQL)
    .bind(filter.siteId, filter.kind, range.startMs, range.endMs, filter.survey ?? null, filter.channel ?? null)
    .all<KeyedCount>();
  return results;
}

/**
 * The start (UTC) of the first day with an answer of a kind, to start an open-ended report.
 * Read from the rollup, which keeps counting answers whose raw rows retention has purged.
 */
export async function firstAnswerTs(db: D1Reader, siteId: string, kind: Kind): Promise<number | null> {
  const row = await db
    .prepare('SELECT min(day) AS day FROM answer_rollup WHERE site_id = ?1 AND kind = ?2')
    .bind(siteId, kind)
    .first<{ day: string | null }>();
  return row?.day ? Date.parse(`${row.day}T00:00:00Z`) : null;
}

/**
 * Prompts shown for a kind (and survey): the response rate's denominator. With whole UTC days
 * it reads the display rollup, which keeps counting displays that retention purged; in another
 * time zone it counts the raw displays in `[startMs, endMs)` (the (site, kind, day) index
 * narrows to the UTC days around the range, ts then cuts exactly).
 */
export async function shownCount(
  db: D1Reader,
  filter: Pick<ScoreFilter, 'siteId' | 'kind' | 'survey'>,
  range: { startMs: number; endMs: number; from: string; to: string; tz: string },
): Promise<number> {
  const row =
    range.tz === 'UTC'
      ? await db
          .prepare(
            `SELECT COALESCE(SUM(n), 0) AS n FROM display_rollup
             WHERE site_id = ?1 AND kind = ?2 AND day >= ?3 AND day <= ?4 AND action = 'shown'
               AND (?5 IS NULL OR survey = ?5)`,
          )
          .bind(filter.siteId, filter.kind, range.from, range.to, filter.survey ?? null)
          .first<{ n: number }>()
      : await db
          .prepare(
            `SELECT COUNT(*) AS n FROM displays
             WHERE site_id = ?1 AND kind = ?2 AND day >= ?3 AND day <= ?4 AND ts >= ?5 AND ts < ?6
               AND action = 'shown' AND (?7 IS NULL OR survey = ?7)`,
          )
          .bind(
            filter.siteId,
            filter.kind,
            addDays(range.from, -1),
            addDays(range.to, 1),
            range.startMs,
            range.endMs,
            filter.survey ?? null,
          )
          .first<{ n: number }>();
  return row?.n ?? 0;
}

/** Groups keyed counts into `counts` per scale. */
export function byScale<
  K extends { scale_min: number; scale_max: number; direction: string; score: number; n: number },
>(rows: readonly K[]): Map<string, { scale: [number, number]; direction: Direction; rows: K[] }> {
  const out = new Map<string, { scale: [number, number]; direction: Direction; rows: K[] }>();
  for (const row of rows) {
    const key = `${row.scale_min}:${row.scale_max}:${row.direction}`;
    let entry = out.get(key);
    if (!entry) {
      entry = { scale: [row.scale_min, row.scale_max], direction: row.direction as 'higher-better', rows: [] };
      out.set(key, entry);
    }
    entry.rows.push(row);
  }
  return out;
}

/** Adds rows' counts into a Counts object. */
export function countsOf(rows: readonly { score: number; n: number }[]): Counts {
  const counts: Counts = {};
  for (const row of rows) counts[row.score] = (counts[row.score] ?? 0) + row.n;
  return counts;
}

/**
 * Links made for a kind (and survey) in `[startMs, endMs)`: the response rate's denominator
 * for link and email answers (each link is one person asked).
 */
export async function sentCount(
  db: D1Reader,
  filter: Pick<ScoreFilter, 'siteId' | 'kind' | 'survey'>,
  range: { startMs: number; endMs: number },
): Promise<number> {
  const row = await db
    .prepare(
      `SELECT COUNT(*) AS n FROM links l JOIN surveys s ON s.site_id = l.site_id AND s.id = l.survey
       WHERE l.site_id = ?1 AND l.created_at >= ?2 AND l.created_at < ?3 AND s.kind = ?4
         AND (?5 IS NULL OR l.survey = ?5)`,
    )
    .bind(filter.siteId, range.startMs, range.endMs, filter.kind, filter.survey ?? null)
    .first<{ n: number }>();
  return row?.n ?? 0;
}
