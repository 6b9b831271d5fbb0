import { createExecutionContext, createMessageBatch, env, getQueueResult } from 'cloudflare:test';
import { ZDurationsResponse, ZTtvResponse } from '@heard/core';
import { describe, expect, it, vi } from 'vitest';
import worker from '../src/index';
import { toMessages } from '../src/ingest';
import { DAY, event, HOUR } from './events';
import { bodyOf, collect, newSite, read } from './helpers';

// With INGEST_QUEUE bound (vitest.queue.config.ts): the consumer writes, the same triggers keep
// the report rollups, and a redelivered message changes nothing.
describe('report rollups through the ingest queue', () => {
  it('keep time to value and resolution time equal to the exact reports, a redelivery counted once', async () => {
    const site = await newSite();
    const t0 = Date.now() - 10 * DAY;
    // The reports were asked for before: their rollups are kept from the first event.
    await read('/v1/ttv?exact=false', site.secretKey);
    await read('/v1/durations?exact=false', site.secretKey);
    const events = [
      event('signed_up', 'a', t0),
      event('activated', 'a', t0 + 2 * HOUR),
      event('signed_up', 'b', t0 + DAY),
      event('ticket_opened', 'a', t0, { entity: 't1' }),
      event('ticket_resolved', 'a', t0 + 5 * HOUR, { entity: 't1' }),
      event('ticket_opened', 'b', t0 + DAY, { entity: 't2' }),
    ];
    const response = await collect({ site: site.publicKey, events });
    expect(await response.json()).toMatchObject({ accepted: events.length, queued: true });
    await vi.waitFor(
      async () => {
        const body = await bodyOf(ZTtvResponse, await read('/v1/ttv?exact=true', site.secretKey));
        expect(body.started).toBe(2);
      },
      { timeout: 15_000, interval: 100 },
    );
    // The same message delivered again, as the queue may.
    const [again] = toMessages(site.id, { answers: [], events, displays: [] }, Date.now());
    const batch = createMessageBatch('heard-ingest', [
      { id: crypto.randomUUID(), timestamp: new Date(), attempts: 2, body: again },
    ]);
    const ctx = createExecutionContext();
    await worker.queue(batch, env);
    await getQueueResult(batch, ctx);
    const ttv = await bodyOf(ZTtvResponse, await read('/v1/ttv?exact=false', site.secretKey));
    const exactTtv = await bodyOf(ZTtvResponse, await read('/v1/ttv?exact=true', site.secretKey));
    expect([ttv.exact, ttv.started, ttv.reached]).toEqual([false, exactTtv.started, exactTtv.reached]);
    expect(Math.abs((ttv.reachedTimes.p50 as number) - 2 * HOUR)).toBeLessThanOrEqual(0.01 * 2 * HOUR);
    const durations = await bodyOf(ZDurationsResponse, await read('/v1/durations?exact=false', site.secretKey));
    expect(durations).toMatchObject({ exact: false, n: 1, open: 1 });
    expect(Math.abs((durations.p50 as number) - 5 * HOUR)).toBeLessThanOrEqual(0.01 * 5 * HOUR);
  });
});
