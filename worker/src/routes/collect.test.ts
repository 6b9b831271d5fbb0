import { env } from 'cloudflare:test';
import { ZCollectResult, ZError } from '@heard/core';
import { describe, expect, it } from 'vitest';
import { bodyOf, call, collect, counts, newSite, npsAnswer, ORIGIN, recordedDb } from '../../test/helpers';
import app from '../index';

describe('POST /v1/collect', () => {
  it('stores answers and events and reports them accepted', async () => {
    const site = await newSite();
    const event = { id: crypto.randomUUID(), name: 'activated', userId: 'u1', ts: Date.now() };
    const response = await collect({ site: site.publicKey, answers: [npsAnswer(9), npsAnswer(3)], events: [event] });
    expect(response.status).toBe(200);
    expect(await bodyOf(ZCollectResult, response)).toEqual({ accepted: 3, duplicates: 0, rejected: [] });
    expect(await counts(site.id)).toEqual({ answers: 2, events: 1, rolled: 2 });
  });

  it('stores displays, once per id', async () => {
    const site = await newSite();
    const display = { id: crypto.randomUUID(), kind: 'nps', action: 'shown', anonymousId: 'a1', ts: Date.now() };
    const first = await collect({
      site: site.publicKey,
      displays: [display, { ...display, id: crypto.randomUUID(), action: 'dismissed' }],
    });
    expect(await bodyOf(ZCollectResult, first)).toEqual({ accepted: 2, duplicates: 0, rejected: [] });
    const again = await collect({ site: site.publicKey, displays: [display] });
    expect(await bodyOf(ZCollectResult, again)).toEqual({ accepted: 0, duplicates: 1, rejected: [] });
    const bad = await collect({
      site: site.publicKey,
      displays: [{ ...display, id: crypto.randomUUID(), action: 'clicked' }],
    });
    expect(bad.status).toBe(400);
    const rows = await env.DB.prepare('SELECT action FROM displays WHERE site_id = ? ORDER BY action')
      .bind(site.id)
      .all();
    expect(rows.results).toEqual([{ action: 'dismissed' }, { action: 'shown' }]);
  });

  it('treats a re-sent id as a no-op that does not touch the rollup', async () => {
    const site = await newSite();
    const answer = npsAnswer(10);
    await collect({ site: site.publicKey, answers: [answer] });
    const again = await collect({ site: site.publicKey, answers: [answer, { ...answer, score: 0 }] });
    // The copy with another score is refused by index (see collect.immutable.test.ts), not counted.
    expect(await bodyOf(ZCollectResult, again)).toMatchObject({
      accepted: 0,
      duplicates: 1,
      rejected: [{ index: 1, id: answer.id }],
    });
    expect(await counts(site.id)).toEqual({ answers: 1, events: 0, rolled: 1 });
  });

  it('answers the allowed origin with CORS headers and needs no preflight for text/plain', async () => {
    const site = await newSite();
    const response = await collect({ site: site.publicKey, answers: [npsAnswer(8)] });
    expect(response.headers.get('Access-Control-Allow-Origin')).toBe('https://app.example.com');
  });

  it('refuses a missing, unknown or secret key with 401 and stores nothing', async () => {
    const site = await newSite();
    for (const key of [undefined, 'pk_unknown', site.secretKey]) {
      const response = await collect({ site: key, answers: [npsAnswer(9)] });
      expect(response.status, String(key)).toBe(key === undefined ? 400 : 401);
    }
    expect(await counts(site.id)).toEqual({ answers: 0, events: 0, rolled: 0 });
  });

  it('refuses a public key used from an origin the site does not allow', async () => {
    const site = await newSite();
    const response = await collect({ site: site.publicKey, answers: [npsAnswer(9)] }, { Origin: 'https://evil.test' });
    expect(response.status).toBe(403);
    expect(await counts(site.id)).toEqual({ answers: 0, events: 0, rolled: 0 });
  });

  it('refuses malformed JSON with 400 and stores nothing', async () => {
    const site = await newSite();
    const response = await collect(`{"site":"${site.publicKey}","answers":[`);
    expect(response.status).toBe(400);
    expect(await bodyOf(ZError, response)).toMatchObject({
      error: { code: 'bad_request', message: 'the body is not valid JSON' },
    });
    expect(await counts(site.id)).toEqual({ answers: 0, events: 0, rolled: 0 });
  });

  it('refuses out-of-range scores with 400 and stores nothing', async () => {
    const site = await newSite();
    const response = await collect({ site: site.publicKey, answers: [npsAnswer(11), npsAnswer(-1)] });
    expect(response.status).toBe(400);
    const body = await bodyOf(ZError, response);
    expect(body.error.rejected?.map((r) => [r.index, r.issues[0]?.path])).toEqual([
      [0, 'score'],
      [1, 'score'],
    ]);
    expect(await counts(site.id)).toEqual({ answers: 0, events: 0, rolled: 0 });
  });

  it('keeps the valid items of a mixed batch and reports the invalid ones by index', async () => {
    const site = await newSite();
    const tooOld = npsAnswer(9, { ts: Date.now() - 401 * 86_400_000 });
    const future = npsAnswer(9, { ts: Date.now() + 10 * 60_000 });
    const response = await collect({ site: site.publicKey, answers: [npsAnswer(9), tooOld, future] });
    expect(response.status).toBe(200);
    const body = await bodyOf(ZCollectResult, response);
    expect(body.accepted).toBe(1);
    expect(body.rejected.map((r) => [r.index, r.id])).toEqual([
      [1, tooOld.id],
      [2, future.id],
    ]);
    expect(await counts(site.id)).toEqual({ answers: 1, events: 0, rolled: 1 });
  });

  it('refuses a body over 256 KiB with 413', async () => {
    const site = await newSite();
    const response = await collect({ site: site.publicKey, padding: 'x'.repeat(300 * 1024) });
    expect(response.status).toBe(413);
  });

  it("keeps one site's ids apart from another's", async () => {
    const [a, b] = [await newSite('A'), await newSite('B')];
    const answer = npsAnswer(9);
    await collect({ site: a.publicKey, answers: [answer] });
    const response = await collect({ site: b.publicKey, answers: [{ ...answer, score: 0 }] });
    expect(await bodyOf(ZCollectResult, response)).toMatchObject({ accepted: 1, duplicates: 0 });
    expect(await counts(a.id)).toEqual({ answers: 1, events: 0, rolled: 1 });
    expect(await counts(b.id)).toEqual({ answers: 1, events: 0, rolled: 1 });
  });

  it('costs one D1 round trip once the site is cached, the webhook read included, and nothing after the response', async () => {
    const site = await newSite();
    const { db, calls, batches } = recordedDb();
    const later: Promise<unknown>[] = [];
    // Without the R2 archive, whose write is the one thing that would run after the response.
    const counting = { ...env, DB: db, ARCHIVE: undefined } as typeof env;
    const ctx = { waitUntil: (p: Promise<unknown>) => later.push(p), passThroughOnException: () => {}, props: {} };
    const post = (score: number) =>
      app.request(
        'https://collector.test/v1/collect',
        {
          method: 'POST',
          headers: { 'Content-Type': 'text/plain', Origin: ORIGIN },
          body: JSON.stringify({ site: site.publicKey, answers: [npsAnswer(score)] }),
        },
        counting,
        ctx as unknown as ExecutionContext,
      );
    expect((await post(9)).status).toBe(200);
    calls.length = 0;
    // A detractor: alerts need the site's webhook, read in the same round trip as the write.
    expect(await bodyOf(ZCollectResult, await post(2))).toEqual({ accepted: 1, duplicates: 0, rejected: [] });
    expect(calls).toEqual(['batch']);
    // One statement: the answer's insert, its guards inside. The first request read the webhook
    // alongside and found none, so this isolate skips that read for 30 s (webhookCache.ts).
    expect(batches).toEqual([2, 1]);
    // No webhook is set: nothing runs after the response (tests/e2e/webhook.test.ts covers one that is).
    expect(later).toEqual([]);
    // A webhook set through the API is read with the very next write, and alerts.
    const put = await call('/v1/webhook', {
      method: 'PUT',
      headers: { Authorization: `Bearer ${site.secretKey}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ url: 'https://hooks.slack.com/services/T/B/x' }),
    });
    expect(put.status).toBe(200);
    expect((await post(1)).status).toBe(200);
    expect(batches.slice(-1)).toEqual([2]);
    expect(later).toHaveLength(1);
  });
});
