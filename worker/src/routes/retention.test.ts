import { ZRetentionResponse } from '@heard/core';
import { describe, expect, it } from 'vitest';
import { DAY, event, track } from '../../test/events';
import { bodyOf, call, newSite, read } from '../../test/helpers';

const month = (offset: number) => {
  const now = new Date();
  return Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + offset, 1);
};

describe('GET /v1/retention', () => {
  it('counts customers, new, lost by churn event or inactivity, churn and retention per month', async () => {
    const site = await newSite();
    // Three months ago: a, b, c start. Two months ago: b sends `churned`; d starts.
    // c goes quiet after its first day (lost 30 days later by inactivity); a and d stay active.
    const m3 = month(-3);
    const m2 = month(-2);
    await track(site.secretKey, [
      event('signed_up', 'a', m3 + DAY),
      event('signed_up', 'b', m3 + DAY),
      event('signed_up', 'c', m3 + 2 * DAY),
      event('churned', 'b', m2 + 3 * DAY),
      event('signed_up', 'd', m2 + 4 * DAY),
      event('page_viewed', 'a', Date.now() - DAY),
      event('page_viewed', 'd', Date.now() - DAY),
      event('page_viewed', 'anonymous-visitor', Date.now() - DAY, { userId: undefined, anonymousId: 'v1' }),
    ]);
    const from = new Date(m3).toISOString().slice(0, 10);
    const response = await read(`/v1/retention?from=${from}`, site.secretKey);
    expect(response.status).toBe(200);
    const body = await bodyOf(ZRetentionResponse, response);
    const [first, second] = body.periods;
    // c is lost at day 2 + 30 of month −3: in month −3 if it has 31+ days, else in month −2.
    const cLost = m3 + 32 * DAY;
    const cLostFirst = cLost < m2;
    expect(first).toMatchObject({ start: 0, new: 3, lost: cLostFirst ? 1 : 0 });
    expect(second).toMatchObject({ start: cLostFirst ? 2 : 3, new: 1, lost: cLostFirst ? 1 : 2 });
    expect(second?.churnRate).toBeCloseTo((cLostFirst ? 1 : 2) / (cLostFirst ? 2 : 3), 10);
    for (const p of body.periods) expect(p.end).toBe(p.start + p.new - p.lost);
    expect(body.cohorts[0]).toMatchObject({ size: 3 });
  });

  it('follows the site inactivity setting and the weekly interval', async () => {
    const site = await newSite();
    await call('/v1/settings', {
      method: 'PATCH',
      headers: { Authorization: `Bearer ${site.secretKey}` },
      body: JSON.stringify({ churn: { inactivityDays: 3 } }),
    });
    await track(site.publicKey, [event('signed_up', 'q', Date.now() - 20 * DAY)]);
    const body = await bodyOf(ZRetentionResponse, await read('/v1/retention?interval=week', site.secretKey));
    expect(body.interval).toBe('week');
    expect(body.periods.reduce((n, p) => n + p.lost, 0)).toBe(1);
    expect(body.periods.at(-1)?.end).toBe(0);
    expect((await read('/v1/retention?interval=year', site.secretKey)).status).toBe(400);
  });

  it('counts accounts under the account trait in force, rebuilt when the setting changes', async () => {
    const site = await newSite();
    const start = Date.now() - 10 * DAY;
    // a and b share company acme and team red; c is in acme and team blue.
    await track(site.secretKey, [
      event('identify', 'a', start, { props: { company: 'acme', team: 'red' } }),
      event('identify', 'b', start, { props: { company: 'acme', team: 'red' } }),
      event('identify', 'c', start, { props: { company: 'acme', team: 'blue' } }),
    ]);
    const customers = async () => {
      const body = await bodyOf(ZRetentionResponse, await read('/v1/retention?interval=week', site.secretKey));
      return body.periods.reduce((n, p) => n + p.new, 0);
    };
    const account = (trait: string) =>
      call('/v1/settings', {
        method: 'PATCH',
        headers: { Authorization: `Bearer ${site.secretKey}` },
        body: JSON.stringify({ account: { trait } }),
      });
    await account('company');
    expect(await customers()).toBe(1);
    await account('team');
    expect(await customers()).toBe(2);
    // Ingest after the rebuild keeps the new rollup: d joins team green.
    await track(site.secretKey, [event('identify', 'd', start, { props: { company: 'acme', team: 'green' } })]);
    expect(await customers()).toBe(3);
    await account('company');
    expect(await customers()).toBe(1);
  });
});
