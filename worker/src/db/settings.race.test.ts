import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { call, collect, newSite, npsAnswer } from '../../test/helpers';

const patch = (secretKey: string, body: unknown) =>
  call('/v1/settings', {
    method: 'PATCH',
    headers: { Authorization: `Bearer ${secretKey}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });

/** The segment rollup as kept, and as it must be: every stored answer counted once per configured name. */
async function rollupAndTruth(siteId: string) {
  const settings = await env.DB.prepare('SELECT settings FROM sites WHERE id = ?')
    .bind(siteId)
    .first<{ settings: string }>();
  const names = (JSON.parse(settings?.settings ?? '{}').segments as string[] | undefined) ?? ['plan', 'country'];
  const kept = await env.DB.prepare(
    'SELECT name, value, score, SUM(n) AS n FROM segment_rollup WHERE site_id = ? GROUP BY name, value, score ORDER BY name, value, score',
  )
    .bind(siteId)
    .all();
  const truth = await env.DB.prepare(
    `SELECT k.value AS name, coalesce(a.traits -> ('$."' || k.value || '"'), a.props -> ('$."' || k.value || '"')) AS value,
            a.score, COUNT(*) AS n
     FROM answers a JOIN json_each(?2) k WHERE a.site_id = ?1 AND value IS NOT NULL
     GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`,
  )
    .bind(siteId, JSON.stringify(names))
    .all();
  return { names, kept: kept.results, truth: truth.results };
}

describe('PATCH /v1/settings under concurrency', () => {
  it('keeps the segment rollup equal to the stored answers when patches race each other and collect', async () => {
    for (let trial = 0; trial < 4; trial++) {
      const site = await newSite();
      const answer = (i: number) =>
        npsAnswer(i % 11, {
          userId: `u${i}`,
          traits: { country: ['DE', 'FR', 'US'][i % 3], plan: i % 2 ? 'pro' : 'free', tier: `t${i % 4}` },
        });
      await collect({ site: site.publicKey, answers: Array.from({ length: 40 }, (_, i) => answer(i)) });
      const lists = [['country'], ['plan', 'tier'], ['country', 'tier'], ['plan'], ['tier', 'country', 'plan']];
      const responses = await Promise.all([
        ...lists.map((segments) => patch(site.secretKey, { segments })),
        ...Array.from({ length: 4 }, (_, k) =>
          collect({ site: site.publicKey, answers: Array.from({ length: 10 }, (_, i) => answer(100 + k * 10 + i)) }),
        ),
      ]);
      expect(responses.map((r) => r.status)).toEqual(Array(responses.length).fill(200));
      const { names, kept, truth } = await rollupAndTruth(site.id);
      expect(lists.map((l) => JSON.stringify(l))).toContain(JSON.stringify(names));
      expect(kept, `trial ${trial}: ${JSON.stringify(names)}`).toEqual(truth);
    }
  });
});
