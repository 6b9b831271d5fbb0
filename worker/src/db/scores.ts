import type { Kind } from '@heard/core';
import type { D1Reader } from './reader';

export interface ScoreFilter {
  siteId: string;
  kind: Kind;
  survey?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
}

export interface ScaleDistribution {
  scale: [number, number];
  direction: 'higher-better' | 'lower-better';
  counts: Record<number, number>;
}

/**
 * Answer counts per score from the daily rollup, one entry per scale: its cost grows
 * with days and scale points, not with answers.
 */
export async function rollupDistribution(db: D1Reader, filter: ScoreFilter): Promise<ScaleDistribution[]> {
  const { results } = await db
    .prepare(
      `SELECT scale_min, scale_max, direction, score, SUM(n) AS n FROM answer_rollup
       WHERE site_id = ?1 AND kind = ?2 AND day >= ?3 AND day <= ?4 AND (?5 IS NULL OR survey = ?5)
       GROUP BY scale_min, scale_max, direction, score`,
    )
    .bind(filter.siteId, filter.kind, filter.from ?? '0000-00-00', filter.to ?? '9999-99-99', filter.survey ?? null)
    .all<{
      scale_min: number;
      scale_max: number;
      direction: ScaleDistribution['direction'];
      score: number;
      n: number;
    }>();
  const byScale = new Map<string, ScaleDistribution>();
  for (const row of results) {
    const key = `${row.scale_min}:${row.scale_max}:${row.direction}`;
    let entry = byScale.get(key);
    if (!entry) {
      entry = { scale: [row.scale_min, row.scale_max], direction: row.direction, counts: {} };
      byScale.set(key, entry);
    }
    entry.counts[row.score] = row.n;
  }
  return [...byScale.values()];
}
