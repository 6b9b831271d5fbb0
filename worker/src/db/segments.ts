import type { D1Reader } from './reader';
import type { KeyedCount, ScoreFilter } from './scores';

/** SQL of `rollupBySegment`, exported for the query-plan test. */
export const ROLLUP_BY_SEGMENT_SQL = `SELECT value AS key, scale_min, scale_max, direction, score, SUM(n) AS n
  FROM segment_rollup
  WHERE site_id = ?1 AND kind = ?2 AND name = ?3 AND day >= ?4 AND day <= ?5 AND (?6 IS NULL OR survey = ?6)
  GROUP BY value, scale_min, scale_max, direction, score`;

/**
 * Counts per value of a segment trait (one of `settings.segments`) over whole UTC days, from
 * the segment rollup, plus the answers without a value as a `null` key: the day rollup's
 * `total` rows minus the counted ones. The same rows `rawBySegment` reads from the answers.
 */
export async function rollupBySegment(
  db: D1Reader,
  filter: ScoreFilter & { from: string; to: string },
  name: string,
  total: readonly Omit<KeyedCount, 'key'>[],
): Promise<(Omit<KeyedCount, 'key'> & { key: string | null })[]> {
  const { results } = await db
    .prepare(ROLLUP_BY_SEGMENT_SQL)
    .bind(filter.siteId, filter.kind, name, filter.from, filter.to, filter.survey ?? null)
    .all<KeyedCount>();
  const none = new Map<string, Omit<KeyedCount, 'key'>>();
  const point = (r: Omit<KeyedCount, 'key'>) => `${r.scale_min}:${r.scale_max}:${r.direction}:${r.score}`;
  for (const row of total) {
    const at = none.get(point(row));
    if (at) at.n += row.n;
    else none.set(point(row), { ...row });
  }
  for (const row of results) {
    const at = none.get(point(row));
    if (at) at.n -= row.n;
  }
  return [...results, ...[...none.values()].filter((r) => r.n > 0).map((r) => ({ ...r, key: null }))];
}

/**
 * The statements that bring the segment rollup in line with a new list of names: drop the
 * names no longer wanted, count the stored answers for the new ones. Run in the same batch as
 * the settings update, so no answer is counted twice or missed. A name added after a retention
 * purge counts only the answers still stored. With `onlyIf`, each statement runs only when the
 * site's settings text is exactly that (the compare-and-set of patchSiteSettings won).
 */
export function resegment(
  db: D1Database,
  siteId: string,
  before: readonly string[],
  after: readonly string[],
  onlyIf: string | null = null,
) {
  const guard = 'AND (?3 IS NULL OR EXISTS (SELECT 1 FROM sites WHERE id = ?1 AND settings = ?3))';
  const dropped = before.filter((name) => !after.includes(name));
  const added = after.filter((name) => !before.includes(name));
  return [
    ...(dropped.length
      ? [
          db
            .prepare(
              `DELETE FROM segment_rollup WHERE site_id = ?1 AND name IN (SELECT value FROM json_each(?2)) ${guard}`,
            )
            .bind(siteId, JSON.stringify(dropped), onlyIf),
        ]
      : []),
    ...(added.length
      ? [
          db
            .prepare(
              `INSERT INTO segment_rollup (site_id, kind, name, day, survey, scale_min, scale_max, direction, value, score, n)
               SELECT a.site_id, a.kind, k.value, a.day, a.survey, a.scale_min, a.scale_max, a.direction,
                      coalesce(a.traits -> ('$."' || k.value || '"'), a.props -> ('$."' || k.value || '"')) AS v,
                      a.score, COUNT(*)
               FROM answers a JOIN json_each(?2) k
               WHERE a.site_id = ?1 AND v IS NOT NULL ${guard}
               GROUP BY a.kind, k.value, a.day, a.survey, a.scale_min, a.scale_max, a.direction, v, a.score
               ON CONFLICT DO UPDATE SET n = excluded.n`,
            )
            .bind(siteId, JSON.stringify(added), onlyIf),
        ]
      : []),
  ];
}
