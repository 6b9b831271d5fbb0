import { describe, expect, it } from 'vitest';
import { collect, newSite, npsAnswer, read } from '../../test/helpers';

describe('GET /v1/scores', () => {
  it('computes NPS with its interval from the rollup', async () => {
    const site = await newSite();
    const answers = [10, 10, 9, 8, 7, 6, 0, 3, 9, 10].map((score) => npsAnswer(score));
    await collect({ site: site.publicKey, answers });
    const response = await read('/v1/scores?metric=nps', site.secretKey);
    expect(response.status).toBe(200);
    const body = (await response.json()) as Record<string, unknown>;
    // 5 promoters, 2 passives, 3 detractors: NPS 20, MoE = 1.96·√((.5+.3−.04)/10)·100 = 54.03
    expect(body).toMatchObject({
      metric: 'nps',
      n: 10,
      score: 20,
      breakdown: { promoters: 5, passives: 2, detractors: 3 },
      distribution: { 0: 1, 3: 1, 6: 1, 7: 1, 8: 1, 9: 2, 10: 3 },
    });
    const [lo, hi] = body.ci95 as [number, number];
    expect(lo).toBeCloseTo(-34.03, 1);
    expect(hi).toBeCloseTo(74.03, 1);
  });

  it('filters by day range', async () => {
    const site = await newSite();
    const recent = Date.now() - 3 * 86_400_000;
    await collect({
      site: site.publicKey,
      answers: [npsAnswer(10, { ts: recent }), npsAnswer(0, { ts: recent - 30 * 86_400_000 })],
    });
    const from = new Date(recent - 86_400_000).toISOString().slice(0, 10);
    const body = (await (await read(`/v1/scores?metric=nps&from=${from}`, site.secretKey)).json()) as {
      n: number;
      score: number;
    };
    expect(body).toMatchObject({ n: 1, score: 100 });
  });

  it('answers an empty site with n 0 and null score', async () => {
    const site = await newSite();
    const body = await (await read('/v1/scores?metric=nps', site.secretKey)).json();
    expect(body).toMatchObject({ n: 0, score: null, ci95: null });
  });

  it('reports each CSAT scale on its own, never mixed', async () => {
    const site = await newSite();
    const csat = (score: number, scale: [number, number]) => npsAnswer(score, { kind: 'csat', scale });
    await collect({
      site: site.publicKey,
      answers: [csat(5, [1, 5]), csat(4, [1, 5]), csat(1, [1, 5]), csat(3, [1, 3])],
    });
    const body = (await (await read('/v1/scores?metric=csat', site.secretKey)).json()) as {
      n: number;
      score: number;
      scales: { scale: number[]; n: number; score: number }[];
    };
    expect(body.n).toBe(3);
    expect(body.score).toBeCloseTo(66.67, 1);
    expect(body.scales.map((s) => [s.scale, s.n, s.score])).toEqual([
      [[1, 5], 3, (2 / 3) * 100],
      [[1, 3], 1, 100],
    ]);
  });

  it('refuses a missing or wrong key with 401, a public key too', async () => {
    const site = await newSite();
    expect((await read('/v1/scores?metric=nps', '')).status).toBe(401);
    expect((await read('/v1/scores?metric=nps', 'sk_wrong')).status).toBe(401);
    expect((await read('/v1/scores?metric=nps', site.publicKey)).status).toBe(401);
  });

  it('never shows one site the answers of another', async () => {
    const [a, b] = [await newSite('A'), await newSite('B')];
    await collect({ site: a.publicKey, answers: [npsAnswer(10), npsAnswer(10)] });
    const body = await (await read('/v1/scores?metric=nps', b.secretKey)).json();
    expect(body).toMatchObject({ n: 0, score: null });
  });

  it('refuses an unknown metric or a bad date with 400', async () => {
    const site = await newSite();
    expect((await read('/v1/scores?metric=mood', site.secretKey)).status).toBe(400);
    expect((await read('/v1/scores?metric=nps&from=yesterday', site.secretKey)).status).toBe(400);
  });
});
