import { ZDurationsResponse } from '@heard/core';
import { describe, expect, it } from 'vitest';
import { DAY, event, HOUR, track } from '../../test/events';
import { bodyOf, newSite, read, storeAllEvents } from '../../test/helpers';

describe('GET /v1/durations', () => {
  it('pairs the first open and the first resolve of each ticket and counts the backlog', async () => {
    const site = await newSite();
    const t0 = Date.now() - 5 * DAY;
    await track(site.publicKey, [
      event('ticket_opened', 'u1', t0, { entity: 't1', props: { priority: 'high' } }),
      event('ticket_resolved', 'u1', t0 + 2 * HOUR, { entity: 't1' }),
      event('ticket_resolved', 'u1', t0 + 9 * HOUR, { entity: 't1' }), // reopened and resolved again: first counts
      event('ticket_opened', 'u2', t0, { entity: 't2', props: { priority: 'low' } }),
      event('ticket_resolved', 'u2', t0 + 6 * HOUR, { entity: 't2' }),
      event('ticket_opened', 'u3', t0, { entity: 't3', props: { priority: 'high' } }),
      event('ticket_resolved', 'u3', t0 + 4 * HOUR, { entity: 't3' }),
      event('ticket_opened', 'u3', t0 + DAY, { entity: 't4', props: { priority: 'high' } }),
      event('ticket_resolved', 'u9', t0, { entity: 'other' }), // resolved, never opened
    ]);
    const response = await read('/v1/durations?by=priority', site.secretKey);
    expect(response.status).toBe(200);
    const body = await bodyOf(ZDurationsResponse, response);
    // 2 h, 6 h, 4 h → mean 4 h, p50 4 h, p90 = 4 + 0.8·2 = 5.6 h; t4 still open.
    expect(body).toMatchObject({
      start: 'ticket_opened',
      end: 'ticket_resolved',
      n: 3,
      mean: 4 * HOUR,
      p50: 4 * HOUR,
      open: 1,
    });
    expect(body.p90).toBeCloseTo(5.6 * HOUR, 0);
    expect(body.segments?.map((s) => [s.value, s.n, s.mean, s.open])).toEqual([
      ['high', 2, 3 * HOUR, 1],
      ['low', 1, 6 * HOUR, 0],
    ]);
  });

  it('takes other event names and scopes to the site', async () => {
    const [a, b] = [await newSite('A'), await newSite('B')];
    // Names the settings do not name are stored raw only with events.store 'all'.
    await storeAllEvents(a.secretKey);
    await storeAllEvents(b.secretKey);
    const t0 = Date.now() - DAY;
    await track(a.publicKey, [
      event('order_placed', 'u', t0, { entity: 'o1' }),
      event('order_shipped', 'u', t0 + HOUR, { entity: 'o1' }),
    ]);
    const query = '/v1/durations?start=order_placed&end=order_shipped';
    expect(await bodyOf(ZDurationsResponse, await read(query, a.secretKey))).toMatchObject({
      n: 1,
      mean: HOUR,
      open: 0,
    });
    expect(await bodyOf(ZDurationsResponse, await read(query, b.secretKey))).toMatchObject({
      n: 0,
      mean: null,
      open: 0,
    });
    expect((await read('/v1/durations?end=bad%20name', a.secretKey)).status).toBe(400);
  });
});
