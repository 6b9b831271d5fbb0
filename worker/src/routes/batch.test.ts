import { env } from 'cloudflare:test';
import { SERVER_LIMITS, uuidV5 } from '@heard/core';
import { describe, expect, it } from 'vitest';
import { DAY } from '../../test/events';
import { batch, call, collect, counts, newSite, npsAnswer, read, storeAllEvents } from '../../test/helpers';

const YEAR = 365 * DAY;
const event = (name: string, userId: string, extra: Record<string, unknown> = {}) => ({
  id: crypto.randomUUID(),
  name,
  userId,
  ts: Date.now() - 1000,
  ...extra,
});

describe('POST /v1/batch', () => {
  it('stores answers, events and displays from a backend, with no Origin, and reports them', async () => {
    const site = await newSite();
    const display = { id: crypto.randomUUID(), kind: 'nps', action: 'shown', userId: 'u1', ts: Date.now() - 1000 };
    const response = await batch(site.secretKey, {
      answers: [npsAnswer(9), npsAnswer(2)],
      events: [event('activated', 'u1')],
      displays: [display],
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ accepted: 4, duplicates: 0, rejected: [] });
    expect(await counts(site.id)).toEqual({ answers: 2, events: 1, rolled: 2 });
  });

  it('is exactly once by item id, with collect too: a re-send is a duplicate and the rollup moves once', async () => {
    const site = await newSite();
    const answer = npsAnswer(10);
    const sent = await collect({ site: site.publicKey, answers: [answer] });
    expect(await sent.json()).toMatchObject({ accepted: 1 });
    // The copy with another score changes nothing and is refused by index (a stored answer is immutable).
    const again = await batch(site.secretKey, { answers: [answer, { ...answer, score: 0 }, npsAnswer(3)] });
    expect(await again.json()).toEqual({
      accepted: 1,
      duplicates: 1,
      rejected: [{ type: 'answer', index: 1, id: answer.id, issues: [expect.objectContaining({ path: 'id' })] }],
    });
    const third = await batch(site.secretKey, { answers: [answer] });
    expect(await third.json()).toEqual({ accepted: 0, duplicates: 1, rejected: [] });
    expect(await counts(site.id)).toEqual({ answers: 2, events: 0, rolled: 2 });
  });

  it('keeps the valid items and reports the others by index; a batch with none valid is a 400 that stores nothing', async () => {
    const site = await newSite();
    const good = event('activated', 'u1');
    const response = await batch(site.secretKey, {
      events: [{ ...event('x', 'u1'), name: 'has space' }, good, { id: 'not-a-uuid', name: 'a', userId: 'u', ts: 1 }],
    });
    const body = (await response.json()) as { accepted: number; rejected: { type: string; index: number }[] };
    expect(body.accepted).toBe(1);
    expect(body.rejected.map((r) => [r.type, r.index])).toEqual([
      ['event', 0],
      ['event', 2],
    ]);
    const none = await batch(site.secretKey, { answers: [npsAnswer(11)] });
    expect(none.status).toBe(400);
    expect(await none.json()).toMatchObject({
      error: { code: 'bad_request', rejected: [{ type: 'answer', index: 0, issues: [{ path: 'score' }] }] },
    });
    expect(await counts(site.id)).toEqual({ answers: 0, events: 1, rolled: 0 });
  });

  it('takes only a secret key: none, a public key or a revoked one is a 401 that stores nothing', async () => {
    const site = await newSite();
    const body = JSON.stringify({ answers: [npsAnswer(9)] });
    const noKey = await call('/v1/batch', { method: 'POST', body });
    expect(noKey.status).toBe(401);
    for (const key of [site.publicKey, 'sk_madeup']) {
      expect((await batch(key, body)).status, key).toBe(401);
    }
    expect(await counts(site.id)).toEqual({ answers: 0, events: 0, rolled: 0 });
  });

  it(`takes ${SERVER_LIMITS.itemsPerBatch} items and bodies past collect's 256 KiB, and refuses more with a 4xx`, async () => {
    const site = await newSite();
    const events = Array.from({ length: SERVER_LIMITS.itemsPerBatch }, (_, i) =>
      event('page_viewed', `u${i}`, { props: { padding: 'x'.repeat(480) } }),
    );
    const bodyText = JSON.stringify({ events });
    expect(bodyText.length).toBeGreaterThan(256 * 1024);
    expect(bodyText.length).toBeLessThan(SERVER_LIMITS.bodyBytes);
    const full = await batch(site.secretKey, bodyText);
    expect(await full.json()).toEqual({ accepted: SERVER_LIMITS.itemsPerBatch, duplicates: 0, rejected: [] });

    const tooMany = await batch(site.secretKey, { events: [...events.slice(0, 500), ...events.slice(0, 501)] });
    expect(tooMany.status).toBe(400);
    const tooManyCalls = await batch(site.secretKey, {
      batch: Array.from({ length: SERVER_LIMITS.itemsPerBatch + 1 }, () => ({
        type: 'track',
        event: 'a',
        userId: 'u',
      })),
    });
    expect(tooManyCalls.status).toBe(400);
    const tooBig = await batch(site.secretKey, { events, padding: 'x'.repeat(SERVER_LIMITS.bodyBytes) });
    expect(tooBig.status).toBe(413);
    expect(await counts(site.id)).toMatchObject({ events: SERVER_LIMITS.itemsPerBatch });
  });

  it('takes history up to five years old, and refuses older or future items by index', async () => {
    const site = await newSite();
    const now = Date.now();
    const old = npsAnswer(8, { ts: now - 5 * YEAR + DAY });
    const tooOld = npsAnswer(8, { ts: now - 5 * YEAR - DAY });
    const future = npsAnswer(8, { ts: now + 10 * 60_000 });
    const response = await batch(site.secretKey, { answers: [old, tooOld, future] });
    const body = (await response.json()) as { accepted: number; rejected: { index: number; issues: unknown[] }[] };
    expect(body.accepted).toBe(1);
    expect(body.rejected).toEqual([
      {
        type: 'answer',
        index: 1,
        id: tooOld.id,
        issues: [{ path: 'ts', message: expect.stringContaining('5 years') }],
      },
      {
        type: 'answer',
        index: 2,
        id: future.id,
        issues: [{ path: 'ts', message: expect.stringContaining('5 years') }],
      },
    ]);
    // Collect, the public door, still stops at 400 days.
    const viaCollect = await collect({ site: site.publicKey, answers: [npsAnswer(8, { ts: now - 2 * YEAR })] });
    expect(viaCollect.status).toBe(400);
  });

  it("still honours the site's retention period", async () => {
    const site = await newSite();
    await call('/v1/settings', {
      method: 'PATCH',
      headers: { Authorization: `Bearer ${site.secretKey}` },
      body: JSON.stringify({ retentionDays: 30 }),
    });
    const response = await batch(site.secretKey, { answers: [npsAnswer(8, { ts: Date.now() - YEAR })] });
    expect(response.status).toBe(400);
    expect(JSON.stringify(await response.json())).toContain('retention period');
  });

  it('lands trusted events, which collect refuses as server-only', async () => {
    const site = await newSite();
    const revenue = event('revenue', 'acct-owner', { value: 99, props: { kind: 'new' } });
    const churned = event('churned', 'u2');
    const refused = await collect({ site: site.publicKey, events: [revenue, churned] });
    expect(refused.status).toBe(400);
    const landed = await batch(site.secretKey, { events: [revenue, churned] });
    expect(await landed.json()).toEqual({ accepted: 2, duplicates: 0, rejected: [] });
    expect(await counts(site.id)).toMatchObject({ events: 2 });
  });

  describe("Segment's HTTP Tracking API batch", () => {
    const ts = new Date(Date.now() - DAY).toISOString();
    const segmentBatch = () => ({
      batch: [
        {
          type: 'identify',
          userId: '019mr8mf4r',
          traits: { email: 'jake@yahoo.com', name: 'Jake Peterson', plan: 'pro' },
          messageId: 'ajs-next-1a2b3c',
          timestamp: ts,
        },
        {
          type: 'track',
          userId: '019mr8mf4r',
          event: 'Order Completed',
          properties: { order_id: '50314b8e', revenue: 25, currency: 'USD', products: [{ sku: 'a' }] },
          messageId: '022bb90c-bbac-11e4-8dfc-aa07a5b093db',
          timestamp: ts,
        },
        { type: 'page', userId: '019mr8mf4r', name: 'Home', messageId: 'ajs-page-1', timestamp: ts },
        { type: 'track', anonymousId: 'anon-7', event: 'Song Played', timestamp: ts },
      ],
      context: { library: { name: 'analytics-node', version: '6.0.0' } },
      sentAt: new Date().toISOString(),
    });

    it('stores track and identify calls as events, messageId as the id, and refuses other calls by index', async () => {
      const site = await newSite();
      await storeAllEvents(site.secretKey);
      const response = await batch(site.secretKey, segmentBatch());
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({
        accepted: 3,
        duplicates: 0,
        rejected: [
          {
            type: 'event',
            index: 2,
            id: 'ajs-page-1',
            issues: [{ path: 'type', message: 'Heard takes Segment track and identify calls, not page' }],
          },
        ],
      });
      const rows = await env.DB.prepare(
        'SELECT id, name, user_id, anonymous_id, value, props FROM events WHERE site_id = ? ORDER BY name',
      )
        .bind(site.id)
        .all();
      expect(rows.results).toEqual([
        {
          id: await uuidV5('ajs-next-1a2b3c'),
          name: 'identify',
          user_id: '019mr8mf4r',
          anonymous_id: null,
          value: null,
          props: JSON.stringify({ email: 'jake@yahoo.com', name: 'Jake Peterson', plan: 'pro' }),
        },
        {
          id: '022bb90c-bbac-11e4-8dfc-aa07a5b093db',
          name: 'order_completed',
          user_id: '019mr8mf4r',
          anonymous_id: null,
          value: 25,
          props: JSON.stringify({ order_id: '50314b8e', revenue: 25, currency: 'USD' }),
        },
        expect.objectContaining({ name: 'song_played', user_id: null, anonymous_id: 'anon-7' }),
      ]);
      // identify's traits reach the user's profile, as the widget's identify() does.
      const profile = await env.DB.prepare('SELECT traits FROM user_profiles WHERE site_id = ? AND user_key = ?')
        .bind(site.id, '019mr8mf4r')
        .first<{ traits: string }>();
      expect(JSON.parse(profile?.traits ?? '{}')).toMatchObject({ plan: 'pro' });
    });

    it('dedupes a re-sent Segment batch, with or without messageIds', async () => {
      const site = await newSite();
      await batch(site.secretKey, segmentBatch());
      const again = await batch(site.secretKey, segmentBatch());
      expect(await again.json()).toMatchObject({ accepted: 0, duplicates: 3 });
      expect(await counts(site.id)).toMatchObject({ events: 3 });
    });

    it('answers a Segment batch with nothing Heard can store with a 400', async () => {
      const site = await newSite();
      const response = await batch(site.secretKey, { batch: [{ type: 'alias', previousId: 'a', userId: 'b' }] });
      expect(response.status).toBe(400);
      const notCalls = await batch(site.secretKey, { batch: 'nope' });
      expect(notCalls.status).toBe(400);
      expect(await counts(site.id)).toMatchObject({ events: 0 });
    });
  });

  it('answers hostile and malformed bodies with a 4xx in the one error shape, never a 5xx, and stores nothing', async () => {
    const site = await newSite();
    const bodies = [
      '',
      'not json',
      'null',
      '[]',
      '42',
      '"text"',
      '{"answers":"x"}',
      '{"events":[null,1,"x",[],{}]}',
      '{"batch":[null,5,"x",{"type":"track","event":5},{"type":"identify","traits":[1,2]},{"type":"track","event":"a","userId":{"a":1}}]}',
      '{"batch":{}}',
      JSON.stringify({ events: [{ id: crypto.randomUUID(), name: 'a', userId: 'u', ts: 'yesterday' }] }),
      JSON.stringify({ batch: [{ type: 'track', event: 'e', userId: 'u', timestamp: '+275760-09-13T00:00:00.000Z' }] }),
      `{"events":[${'['.repeat(5000)}${']'.repeat(5000)}]}`,
      '\uD800',
    ];
    for (const body of bodies) {
      const response = await batch(site.secretKey, body);
      expect(response.status, body.slice(0, 60)).toBeGreaterThanOrEqual(400);
      expect(response.status, body.slice(0, 60)).toBeLessThan(500);
      expect(await response.json()).toMatchObject({ error: { code: expect.any(String), message: expect.any(String) } });
    }
    expect(await counts(site.id)).toEqual({ answers: 0, events: 0, rolled: 0 });
  });

  it('is described in the OpenAPI document', async () => {
    const doc = (await (await read('/openapi.json', 'none')).json()) as {
      paths: Record<string, Record<string, unknown>>;
    };
    expect(doc.paths['/v1/batch']?.post).toMatchObject({ 'x-heard-key': 'secret' });
    expect(doc.paths['/v1/identity/secret']?.post).toMatchObject({ 'x-heard-key': 'secret' });
  });
});
