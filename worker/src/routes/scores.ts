import { ces, csat, nps, ZScoresQuery } from '@heard/core';
import { Hono } from 'hono';
import { rollupDistribution } from '../db/scores';
import type { AppEnv } from '../env';
import { requireSecretKey } from '../middleware/auth';
import { validate } from '../middleware/validate';

/**
 * `GET /v1/scores` (secret key): NPS, CSAT or CES with its 95% interval, read from the
 * daily rollup. Answers on different scales are never mixed: each has its own entry in
 * `scales`, and the top-level figures are those of the scale with the most answers.
 */
export const scores = new Hono<AppEnv>().get('/', requireSecretKey, validate('query', ZScoresQuery), async (c) => {
  const query = c.req.valid('query');
  const distributions = await rollupDistribution(c.var.reader, { siteId: c.var.site.id, kind: query.metric, ...query });
  const scales = distributions.map(({ scale, direction, counts }) => {
    const result =
      query.metric === 'nps'
        ? nps(counts)
        : query.metric === 'csat'
          ? csat(counts, scale)
          : ces(counts, scale, direction);
    return { scale, direction, ...result, distribution: counts };
  });
  scales.sort((a, b) => b.n - a.n);
  const main = scales[0] ?? { ...(query.metric === 'nps' ? nps({}) : csat({}, [1, 5])), distribution: {} };
  return c.json({
    metric: query.metric,
    n: main.n,
    score: main.score,
    ci95: main.ci95,
    breakdown: main.breakdown,
    distribution: main.distribution,
    scales,
  });
});
