import { ZError, ZTtvResponse } from '@heard/core';
import { describe, expect, it } from 'vitest';
import { DAY, event, HOUR, track } from '../../test/events';
import { bodyOf, call, collect, newSite, npsAnswer, read, storeAllEvents } from '../../test/helpers';

describe('GET /v1/ttv', () => {
  it('reports conversion, percentiles, the censored Kaplan–Meier median, cohorts and NPS by bucket', async () => {
    const site = await newSite();
    const t0 = Date.now() - 20 * DAY;
    await track(site.publicKey, [
      event('signed_up', 'u1', t0),
      event('activated', 'u1', t0 + HOUR),
      event('activated', 'u1', t0 + 5 * DAY), // only the first counts
      event('signed_up', 'u2', t0),
      event('activated', 'u2', t0 + 2 * DAY),
      event('signed_up', 'u3', t0),
      event('activated', 'u3', t0 + 10 * DAY),
      event('signed_up', 'u4', t0),
      event('signed_up', 'u5', t0 + 8 * DAY),
      event('page_viewed', 'u6', t0),
    ]);
    await collect({
      site: site.publicKey,
      answers: [npsAnswer(10, { userId: 'u1' }), npsAnswer(2, { userId: 'u4' })],
    });
    const response = await read('/v1/ttv', site.secretKey);
    expect(response.status).toBe(200);
    const body = await bodyOf(ZTtvResponse, response);
    expect(body).toMatchObject({ start: 'signed_up', value: 'activated', started: 5, reached: 3, conversion: 0.6 });
    expect(body.reachedTimes.p50).toBe(2 * DAY);
    // By hand: S(1 h) = 4/5, S(2 d) = 3/5, S(10 d) = 2/5 (u4 and u5 censored at now) → 10 days.
    expect(body.kmMedian).toBe(10 * DAY);
    expect(body.curve.filter((s) => s.censored > 0)).toHaveLength(2);
    expect(body.histogram.reduce((n, b) => n + b.count, 0)).toBe(3);
    expect(body.cohorts.reduce((n, c) => n + c.started, 0)).toBe(5);
    expect(body.npsByTtv.find((b) => b.bucket === 'under 1 day')?.nps).toMatchObject({ n: 1, score: 100 });
    expect(body.npsByTtv.find((b) => b.bucket === 'not reached')?.nps).toMatchObject({ n: 1, score: -100 });
  });

  it("counts each user's latest NPS before `to`, anonymous users too, and nothing else", async () => {
    const site = await newSite();
    const t0 = Date.now() - 20 * DAY;
    await track(site.publicKey, [
      event('signed_up', 'u1', t0),
      event('activated', 'u1', t0 + HOUR),
      { id: crypto.randomUUID(), name: 'signed_up', anonymousId: 'anon-7', ts: t0 },
      event('signed_up', 'u2', t0),
    ]);
    const to = new Date(Date.now() - 2 * DAY).toISOString().slice(0, 10);
    await collect({
      site: site.publicKey,
      answers: [
        npsAnswer(0, { userId: 'u1', ts: t0 + 2 * DAY }),
        npsAnswer(10, { userId: 'u1', ts: t0 + 3 * DAY }), // u1's latest before `to`
        npsAnswer(0, { userId: 'u1', ts: Date.now() - 1000 }), // after `to`: not counted
        { ...npsAnswer(0, { ts: t0 + 2 * DAY }), anonymousId: 'anon-7' },
        { ...npsAnswer(4, { ts: t0 + 4 * DAY }), anonymousId: 'anon-7' }, // the anonymous user's latest
        { ...npsAnswer(5, { userId: 'u2', ts: t0 + DAY }), kind: 'csat', scale: [1, 5] }, // not NPS
      ],
    });
    const body = await bodyOf(ZTtvResponse, await read(`/v1/ttv?to=${to}`, site.secretKey));
    expect(body.started).toBe(3);
    expect(body.npsByTtv.find((b) => b.bucket === 'under 1 day')?.nps).toMatchObject({ n: 1, score: 100 });
    expect(body.npsByTtv.find((b) => b.bucket === 'not reached')?.nps).toMatchObject({ n: 1, score: -100 });
  });

  it('takes other event names, a date range and censors at `to`', async () => {
    const site = await newSite();
    // Names the settings do not name are stored raw only with events.store 'all'.
    await storeAllEvents(site.secretKey);
    const t0 = Date.now() - 30 * DAY;
    await track(site.publicKey, [
      event('trial_started', 'a', t0),
      event('report_sent', 'a', t0 + 3 * DAY),
      event('trial_started', 'b', t0 + DAY),
      event('report_sent', 'b', t0 + 20 * DAY),
      event('trial_started', 'c', t0 + 25 * DAY),
    ]);
    const to = new Date(t0 + 10 * DAY).toISOString().slice(0, 10);
    const from = new Date(t0).toISOString().slice(0, 10);
    const body = await bodyOf(
      ZTtvResponse,
      await read(`/v1/ttv?start=trial_started&value=report_sent&from=${from}&to=${to}`, site.secretKey),
    );
    // c started after `to`; b reached value after `to`, so b is still waiting at `to`.
    expect(body).toMatchObject({
      start: 'trial_started',
      value: 'report_sent',
      started: 2,
      reached: 1,
      conversion: 0.5,
    });
    expect(body.to).toBe(new Date(Date.parse(to) + DAY).toISOString());
  });

  it('splits by a trait from identify events or answers', async () => {
    const site = await newSite();
    const t0 = Date.now() - 10 * DAY;
    await track(site.publicKey, [
      event('identify', 'p1', t0 - DAY, { props: { plan: 'free' } }),
      event('identify', 'p1', t0, { props: { plan: 'pro' } }),
      event('signed_up', 'p1', t0),
      event('activated', 'p1', t0 + DAY),
      event('signed_up', 'p2', t0),
      event('signed_up', 'p3', t0),
    ]);
    await collect({ site: site.publicKey, answers: [npsAnswer(9, { userId: 'p2', traits: { plan: 'pro' } })] });
    const body = await bodyOf(ZTtvResponse, await read('/v1/ttv?by=plan', site.secretKey));
    expect(body.segments?.map((s) => [s.value, s.started, s.reached])).toEqual([
      ['pro', 2, 1],
      [null, 1, 0],
    ]);
  });

  it('refuses bad parameters with 400 and needs a secret key', async () => {
    const site = await newSite();
    for (const query of ['from=yesterday', 'cohort=year', 'start=signed%20up', 'by=a%20b']) {
      const response = await read(`/v1/ttv?${query}`, site.secretKey);
      expect(response.status, query).toBe(400);
      expect(await bodyOf(ZError, response)).toMatchObject({ error: { code: 'bad_request' } });
    }
    expect((await call('/v1/ttv')).status).toBe(401);
  });

  it('never shows one site the users of another', async () => {
    const [a, b] = [await newSite('A'), await newSite('B')];
    await track(a.publicKey, [event('signed_up', 'x', Date.now() - DAY), event('activated', 'x', Date.now())]);
    const body = await bodyOf(ZTtvResponse, await read('/v1/ttv', b.secretKey));
    expect(body).toMatchObject({ started: 0, reached: 0, conversion: null });
  });
});
