import { ZTtvResponse } from '@heard/core';
import { describe, expect, it } from 'vitest';
import { DAY, event, HOUR, track } from '../../test/events';
import { bodyOf, call, collect, newSite, npsAnswer, read } from '../../test/helpers';

/** Within 1 % of the exact figure: the stated resolution of a rollup report. */
const near = (value: number | null | undefined, exact: number) => {
  expect(value).not.toBeNull();
  expect(Math.abs((value as number) - exact)).toBeLessThanOrEqual(exact * 0.01);
};

describe('GET /v1/ttv from the rollup', () => {
  it('gives the hand-computed report of ttv.test.ts within 1 %: counts exact, times to their bin', async () => {
    const site = await newSite();
    const t0 = Date.now() - 20 * DAY;
    await track(site.publicKey, [
      event('signed_up', 'u1', t0),
      event('activated', 'u1', t0 + HOUR),
      event('activated', 'u1', t0 + 5 * DAY),
      event('signed_up', 'u2', t0),
      event('activated', 'u2', t0 + 2 * DAY),
      event('signed_up', 'u3', t0),
      event('activated', 'u3', t0 + 10 * DAY),
      event('signed_up', 'u4', t0),
      event('signed_up', 'u5', t0 + 8 * DAY),
      event('page_viewed', 'u6', t0),
    ]);
    await collect({ site: site.publicKey, answers: [npsAnswer(10, { userId: 'u1' }), npsAnswer(2, { userId: 'u4' })] });
    const exact = await bodyOf(ZTtvResponse, await read('/v1/ttv', site.secretKey));
    // Five users: under ROLLUP.exactBelow, so the default is exact.
    expect(exact.exact).toBe(true);
    const rolled = await bodyOf(ZTtvResponse, await read('/v1/ttv?exact=false', site.secretKey));
    expect(rolled.exact).toBe(false);
    expect(rolled).toMatchObject({ started: 5, reached: 3, conversion: 0.6, valueBeforeStart: 0 });
    // The same hand-computed figures as the exact test, each within the 1 % of its bin.
    near(rolled.reachedTimes.p50, 2 * DAY);
    near(rolled.kmMedian, 10 * DAY);
    near(rolled.reachedTimes.mean, (HOUR + 2 * DAY + 10 * DAY) / 3);
    expect(rolled.histogram).toEqual(exact.histogram);
    expect(rolled.cohorts.map((c) => [c.cohort, c.started, c.reached])).toEqual(
      exact.cohorts.map((c) => [c.cohort, c.started, c.reached]),
    );
    expect(rolled.npsByTtv).toEqual(exact.npsByTtv);
    // Month cohorts are summed in SQL from the same days: the same cohorts as the exact report's.
    const byMonth = await bodyOf(ZTtvResponse, await read('/v1/ttv?exact=false&cohort=month', site.secretKey));
    const exactByMonth = await bodyOf(ZTtvResponse, await read('/v1/ttv?exact=true&cohort=month', site.secretKey));
    expect(byMonth.cohorts.map((c) => [c.cohort, c.started, c.reached])).toEqual(
      exactByMonth.cohorts.map((c) => [c.cohort, c.started, c.reached]),
    );
    expect(rolled.curve.filter((s) => s.censored > 0)).toHaveLength(2);
    // A window starting mid-week and mid-month: whole periods from their sums, the edges from days.
    for (const days of [1, 4, 9]) {
      const from = new Date(t0 - days * DAY).toISOString().slice(0, 10);
      for (const cohort of ['week', 'month']) {
        const q = `from=${from}&cohort=${cohort}`;
        const r = await bodyOf(ZTtvResponse, await read(`/v1/ttv?exact=false&${q}`, site.secretKey));
        const e = await bodyOf(ZTtvResponse, await read(`/v1/ttv?exact=true&${q}`, site.secretKey));
        expect(r.cohorts.map((c) => [c.cohort, c.started, c.reached])).toEqual(
          e.cohorts.map((c) => [c.cohort, c.started, c.reached]),
        );
      }
    }
  });

  it('follows ingest after it was built, and a user who reaches value leaves the waiting', async () => {
    const site = await newSite();
    const t0 = Date.now() - 10 * DAY;
    await track(site.publicKey, [event('signed_up', 'a', t0), event('signed_up', 'b', t0)]);
    const before = await bodyOf(ZTtvResponse, await read('/v1/ttv?exact=false', site.secretKey));
    expect(before).toMatchObject({ started: 2, reached: 0, kmMedian: null });
    const late = event('activated', 'a', t0 + 3 * DAY);
    await track(site.publicKey, [late, late, event('signed_up', 'c', t0 + DAY)]);
    // A re-sent copy and an earlier start of `c` arriving late: each counted once.
    await track(site.publicKey, [late, event('signed_up', 'c', t0)]);
    const after = await bodyOf(ZTtvResponse, await read('/v1/ttv?exact=false', site.secretKey));
    const exact = await bodyOf(ZTtvResponse, await read('/v1/ttv?exact=true', site.secretKey));
    expect(after).toMatchObject({ started: 3, reached: 1 });
    expect(exact).toMatchObject({ started: 3, reached: 1 });
    near(after.reachedTimes.p50, 3 * DAY);
    expect(after.cohorts.map((c) => c.started)).toEqual(exact.cohorts.map((c) => c.started));
  });

  it('answers exactly where the rollup cannot: other events, by=, a window that ended', async () => {
    const site = await newSite();
    const t0 = Date.now() - 10 * DAY;
    await track(site.publicKey, [event('signed_up', 'a', t0), event('activated', 'a', t0 + DAY)]);
    const yesterday = new Date(Date.now() - DAY).toISOString().slice(0, 10);
    for (const query of ['?exact=false&start=trial_started', '?exact=false&by=plan', `?exact=false&to=${yesterday}`]) {
      const body = await bodyOf(ZTtvResponse, await read(`/v1/ttv${query}`, site.secretKey));
      expect(body.exact).toBe(true);
    }
  });

  it('follows the ttv setting: a new pair gets its rollup built from what is stored', async () => {
    const site = await newSite();
    // Every event stored raw: the pair's names are not in the settings until the change below.
    await call('/v1/settings', {
      method: 'PATCH',
      headers: { Authorization: `Bearer ${site.secretKey}` },
      body: JSON.stringify({ events: { store: 'all' } }),
    });
    const t0 = Date.now() - 6 * DAY;
    await read('/v1/ttv?exact=false', site.secretKey);
    await track(site.publicKey, [
      event('signed_up', 'a', t0),
      event('trial_started', 'a', t0 + HOUR),
      event('report_sent', 'a', t0 + 3 * HOUR),
      event('trial_started', 'b', t0),
    ]);
    await call('/v1/settings', {
      method: 'PATCH',
      headers: { Authorization: `Bearer ${site.secretKey}` },
      body: JSON.stringify({ ttv: { start: 'trial_started', value: 'report_sent' } }),
    });
    const body = await bodyOf(ZTtvResponse, await read('/v1/ttv?exact=false', site.secretKey));
    expect(body).toMatchObject({ start: 'trial_started', value: 'report_sent', exact: false, started: 2, reached: 1 });
    near(body.reachedTimes.p50, 2 * HOUR);
  });
});
