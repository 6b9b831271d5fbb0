import { SELF } from 'cloudflare:test';
import { createClient, DAY_MS as DAY, ZError, ZScoresReport } from '@heard/core';
import { describe, expect, it } from 'vitest';
import { bodyOf, collect, newSite, npsAnswer, read } from '../../test/helpers';

describe('GET /v1/scores', () => {
  it('computes NPS with its interval from the rollup', async () => {
    const site = await newSite();
    const answers = [10, 10, 9, 8, 7, 6, 0, 3, 9, 10].map((score) => npsAnswer(score));
    await collect({ site: site.publicKey, answers });
    const response = await read('/v1/scores?metric=nps', site.secretKey);
    expect(response.status).toBe(200);
    const body = await bodyOf(ZScoresReport, response);
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
    const body = await bodyOf(ZScoresReport, await read(`/v1/scores?metric=nps&from=${from}`, site.secretKey));
    expect(body).toMatchObject({ n: 1, score: 100 });
  });

  it('answers an empty site with n 0 and null score', async () => {
    const site = await newSite();
    const body = await bodyOf(ZScoresReport, await read('/v1/scores?metric=nps', site.secretKey));
    expect(body).toMatchObject({ n: 0, score: null, ci95: null });
  });

  it('reports each CSAT scale on its own, never mixed', async () => {
    const site = await newSite();
    const csat = (score: number, scale: [number, number]) => npsAnswer(score, { kind: 'csat', scale });
    await collect({
      site: site.publicKey,
      answers: [csat(5, [1, 5]), csat(4, [1, 5]), csat(1, [1, 5]), csat(3, [1, 3])],
    });
    const body = await bodyOf(ZScoresReport, await read('/v1/scores?metric=csat', site.secretKey));
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
    const body = await bodyOf(ZScoresReport, await read('/v1/scores?metric=nps', b.secretKey));
    expect(body).toMatchObject({ n: 0, score: null });
  });

  it('refuses an unknown metric or a bad date with 400', async () => {
    const site = await newSite();
    expect((await read('/v1/scores?metric=mood', site.secretKey)).status).toBe(400);
    expect((await read('/v1/scores?metric=nps&from=yesterday', site.secretKey)).status).toBe(400);
  });
});

const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);
/** Noon UTC, `days` days ago: clear of every day boundary in UTC. */
const noonDaysAgo = (days: number) => Date.parse(`${dayOf(Date.now() - days * DAY)}T12:00:00Z`);

const report = async (path: string, key: string) => {
  const response = await read(path, key);
  expect(response.status, await response.clone().text()).toBe(200);
  return bodyOf(ZScoresReport, response);
};

describe('GET /v1/scores: series, time zones, segments, comparison', () => {
  it('cuts a daily series and sums it to the total', async () => {
    const site = await newSite();
    const [d3, d2] = [noonDaysAgo(3), noonDaysAgo(2)];
    await collect({
      site: site.publicKey,
      answers: [npsAnswer(10, { ts: d3 }), npsAnswer(0, { ts: d3 }), npsAnswer(9, { ts: d2 })],
    });
    const body = await report(
      `/v1/scores?metric=nps&from=${dayOf(d3)}&to=${dayOf(d2 + DAY)}&interval=day`,
      site.secretKey,
    );
    expect(body.series?.map((p) => [p.label, p.n, p.score])).toEqual([
      [dayOf(d3), 2, 0],
      [dayOf(d2), 1, 100],
      [dayOf(d2 + DAY), 0, null],
    ]);
    expect(body.n).toBe(3);
    expect(body.lowSample).toBe(true);
  });

  it('buckets by ISO week and month, labelled and clipped to the range', async () => {
    const site = await newSite();
    const ts = noonDaysAgo(10);
    await collect({ site: site.publicKey, answers: [npsAnswer(10, { ts })] });
    const from = dayOf(ts);
    const weeks = await report(`/v1/scores?metric=nps&from=${from}&to=${from}&interval=week`, site.secretKey);
    expect(weeks.series).toHaveLength(1);
    expect(weeks.series?.[0]).toMatchObject({ from, to: from, n: 1 });
    expect(weeks.series?.[0]?.label).toMatch(/^\d{4}-W\d{2}$/);
    const months = await report(`/v1/scores?metric=nps&from=${from}&to=${from}&interval=month`, site.secretKey);
    expect(months.series?.[0]?.label).toBe(from.slice(0, 7));
  });

  it('puts an answer on its local day when tz is given (read from raw answers, not UTC days)', async () => {
    const site = await newSite();
    // 23:30 UTC is already the next day in Berlin (UTC+1 or +2) and still the same day in New York.
    const late = Date.parse(`${dayOf(Date.now() - 5 * DAY)}T23:30:00Z`);
    await collect({ site: site.publicKey, answers: [npsAnswer(10, { ts: late })] });
    const utcDay = dayOf(late);
    const nextDay = dayOf(late + DAY);
    const q = `/v1/scores?metric=nps&from=${utcDay}&to=${nextDay}&interval=day`;
    const utc = await report(q, site.secretKey);
    const berlin = await report(`${q}&tz=Europe/Berlin`, site.secretKey);
    const newYork = await report(`${q}&tz=America/New_York`, site.secretKey);
    expect(utc.series?.map((p) => p.n)).toEqual([1, 0]);
    expect(berlin.series?.map((p) => p.n)).toEqual([0, 1]);
    expect(newYork.series?.map((p) => p.n)).toEqual([1, 0]);
    const onlyFirstBerlinDay = await report(
      `/v1/scores?metric=nps&from=${utcDay}&to=${utcDay}&tz=Europe/Berlin`,
      site.secretKey,
    );
    expect(onlyFirstBerlinDay.n).toBe(0);
  });

  it('segments by a trait or prop: top K, (other), (none), and they add up to the total', async () => {
    const site = await newSite();
    const ts = noonDaysAgo(1);
    const plan = (p: string) => ({ ts, traits: { plan: p } });
    await collect({
      site: site.publicKey,
      answers: [
        npsAnswer(10, plan('pro')),
        npsAnswer(9, plan('pro')),
        npsAnswer(0, plan('pro')),
        npsAnswer(0, plan('free')),
        npsAnswer(10, plan('team')),
        npsAnswer(7, { ts, props: { plan: 'free' } }),
        npsAnswer(8, { ts }),
      ],
    });
    const body = await report(`/v1/scores?metric=nps&from=${dayOf(ts)}&by=plan&top=2`, site.secretKey);
    expect(body.segments?.map((s) => [s.value, s.n])).toEqual([
      ['pro', 3],
      ['free', 2],
      ['(other)', 2],
    ]);
    expect(body.segments?.[0]?.score).toBeCloseTo(100 / 3, 6);
    expect(body.segments?.[0]?.ci95).toHaveLength(2);
    expect(body.segments?.reduce((sum, s) => sum + s.n, 0)).toBe(body.n);
    const all = await report(`/v1/scores?metric=nps&from=${dayOf(ts)}&by=plan`, site.secretKey);
    expect(all.segments?.map((s) => s.value).sort()).toEqual(['(none)', 'free', 'pro', 'team']);
  });

  it('compares with the previous period of equal length and tests the difference', async () => {
    const site = await newSite();
    const now = noonDaysAgo(2);
    const before = noonDaysAgo(9);
    const answers = [
      ...Array.from({ length: 40 }, () => npsAnswer(10, { ts: now })),
      ...Array.from({ length: 10 }, () => npsAnswer(2, { ts: now })),
      ...Array.from({ length: 20 }, () => npsAnswer(10, { ts: before })),
      ...Array.from({ length: 30 }, () => npsAnswer(2, { ts: before })),
    ];
    await collect({ site: site.publicKey, answers });
    const from = dayOf(noonDaysAgo(7));
    const to = dayOf(noonDaysAgo(1));
    const body = await report(`/v1/scores?metric=nps&from=${from}&to=${to}&compare=previous`, site.secretKey);
    expect(body.n).toBe(50);
    expect(body.score).toBeCloseTo(60, 9);
    expect(body.comparison?.previous).toMatchObject({ n: 50, from: dayOf(noonDaysAgo(14)), to: dayOf(noonDaysAgo(8)) });
    expect(body.comparison?.previous.score).toBeCloseTo(-20, 9);
    // var now = (.8+.2−.36)/50·10⁴ = 128, before = (.4+.6−.04)/50·10⁴ = 192: z = 80/√320 = 4.472
    expect(body.comparison?.significance).toMatchObject({ test: 'nps-z', significant: true });
    expect(body.comparison?.significance?.difference).toBeCloseTo(80, 9);
    expect(body.comparison?.significance?.z).toBeCloseTo(4.472, 3);
  });

  it('uses the pooled two-proportion test for CSAT and Welch for CES', async () => {
    const site = await newSite();
    const now = noonDaysAgo(1);
    const before = noonDaysAgo(3);
    const csat = (score: number, ts: number) => npsAnswer(score, { kind: 'csat', scale: [1, 5], ts });
    const ces = (score: number, ts: number) => npsAnswer(score, { kind: 'ces', scale: [1, 7], ts });
    await collect({
      site: site.publicKey,
      answers: [
        csat(5, now),
        csat(1, now),
        csat(5, before),
        csat(5, before),
        ces(7, now),
        ces(5, now),
        ces(3, before),
        ces(1, before),
      ],
    });
    const from = dayOf(now - DAY);
    const to = dayOf(now);
    const c = await report(`/v1/scores?metric=csat&from=${from}&to=${to}&compare=previous`, site.secretKey);
    expect(c.comparison?.significance).toMatchObject({ test: 'two-proportion-z', difference: -50 });
    const e = await report(`/v1/scores?metric=ces&from=${from}&to=${to}&compare=previous`, site.secretKey);
    expect(e.comparison?.significance).toMatchObject({ test: 'welch-z', difference: 4 });
  });

  it('reports the response rate (answered ÷ shown) where displays are known', async () => {
    const site = await newSite();
    const ts = noonDaysAgo(1);
    const shown = () => ({ id: crypto.randomUUID(), kind: 'nps', action: 'shown', anonymousId: 'a', ts });
    await collect({
      site: site.publicKey,
      answers: [npsAnswer(10, { ts }), npsAnswer(6, { ts })],
      displays: [shown(), shown(), shown(), shown(), { ...shown(), action: 'dismissed' }],
    });
    const body = await report(`/v1/scores?metric=nps&from=${dayOf(ts)}`, site.secretKey);
    expect(body.responseRate).toEqual({ answered: 2, shown: 4, rate: 0.5 });
    const csat = await report(`/v1/scores?metric=csat&from=${dayOf(ts)}`, site.secretKey);
    expect(csat.responseRate).toBeNull();
  });

  it('counts answers on every scale in the response rate, while n is the main scale', async () => {
    // Displays do not record a scale, so the rate's numerator is every answer of the metric:
    // 3 CES on 1–7 and 1 on 1–5 answer 5 prompts shown: answered 4, rate 0.8; n = 3 (main scale).
    const site = await newSite();
    const ts = noonDaysAgo(1);
    const shown = () => ({ id: crypto.randomUUID(), kind: 'ces', action: 'shown', anonymousId: 'a', ts });
    const ces = (score: number, scale: [number, number]) => npsAnswer(score, { kind: 'ces', scale, ts });
    await collect({
      site: site.publicKey,
      answers: [ces(7, [1, 7]), ces(6, [1, 7]), ces(2, [1, 7]), ces(1, [1, 5])],
      displays: [shown(), shown(), shown(), shown(), shown()],
    });
    const body = await report(`/v1/scores?metric=ces&from=${dayOf(ts)}`, site.secretKey);
    expect(body.n).toBe(3);
    expect(body.responseRate).toEqual({ answered: 4, shown: 5, rate: 0.8 });
  });

  it('refuses bad report parameters with 400 in the shared shape', async () => {
    const site = await newSite();
    const bad = [
      'metric=nps&tz=Mars/Olympus',
      'metric=nps&from=2026-02-10&to=2026-02-01',
      'metric=nps&compare=previous',
      'metric=nps&compare=next&from=2026-01-01',
      'metric=nps&interval=year',
      'metric=nps&top=0',
      'metric=nps&by=plan%22)--',
      'metric=nps&from=2020-01-01&to=2026-01-01',
      'metric=nps&from=9999-12-31&to=9999-12-31',
      'metric=nps&from=0001-01-01&to=0001-01-02',
    ];
    for (const query of bad) {
      const response = await read(`/v1/scores?${query}`, site.secretKey);
      expect(response.status, query).toBe(400);
      expect((await bodyOf(ZError, response)).error.code).toBe('bad_request');
    }
  });
});

describe('the typed client against the real worker', () => {
  it('parses a full report (series, segments, comparison) with ZScoresReport, and throws HeardApiError on a 400', async () => {
    const site = await newSite();
    const ts = noonDaysAgo(2);
    await collect({
      site: site.publicKey,
      answers: [npsAnswer(10, { ts, traits: { plan: 'pro' } }), npsAnswer(4, { ts: noonDaysAgo(6) })],
    });
    const heard = createClient({
      endpoint: 'https://collector.test',
      secretKey: site.secretKey,
      fetch: (url, init) => SELF.fetch(url, init),
    });
    const from = dayOf(noonDaysAgo(3));
    const body = await heard.scores({ metric: 'nps', from, interval: 'week', by: 'plan', compare: 'previous' });
    expect(body).toMatchObject({ n: 1, score: 100, by: 'plan', segments: [{ value: 'pro', n: 1 }] });
    expect(body.comparison?.previous.n).toBe(1);
    expect(body.comparison?.significance?.test).toBe('nps-z');
    await expect(heard.scores({ metric: 'nps', tz: 'Nowhere/Else' })).rejects.toMatchObject({
      name: 'HeardApiError',
      status: 400,
      code: 'bad_request',
    });
  });
});
