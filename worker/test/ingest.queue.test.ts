import { createExecutionContext, createMessageBatch, env, getQueueResult } from 'cloudflare:test';
import { describe, expect, it, vi } from 'vitest';
import type { IngestMessage } from '../src/env';
import worker from '../src/index';
import { toMessages } from '../src/ingest';
import { consumeIngest } from '../src/queue';
import type { Transport } from '../src/webhookDelivery';
import { call, collect, counts, newSite, npsAnswer, ORIGIN } from './helpers';
import { kept, recomputed } from './stored';

// These run with INGEST_QUEUE bound (vitest.queue.config.ts): collect enqueues and the
// Worker's own queue handler writes, through miniflare's real queue.
const settled = (siteId: string, expected: Awaited<ReturnType<typeof counts>>) =>
  vi.waitFor(async () => expect(await counts(siteId)).toEqual(expected), { timeout: 15_000, interval: 100 });

/** Delivers messages straight to the consumer, as the queue would on a (re)delivery. */
async function deliver(bodies: unknown[], bindings: typeof env = env, attempts = 1) {
  const batch = createMessageBatch(
    'heard-ingest',
    bodies.map((body) => ({ id: crypto.randomUUID(), timestamp: new Date(), attempts, body })),
  );
  const ctx = createExecutionContext();
  await worker.queue(batch, bindings);
  return { ids: batch.messages.map((m) => m.id), result: await getQueueResult(batch, ctx) };
}

const message = (siteId: string, answers: Record<string, unknown>[]): IngestMessage =>
  toMessages(
    siteId,
    { answers: answers as IngestMessage['answers'], events: [], displays: [] },
    Date.now(),
  )[0] as IngestMessage;

describe('POST /v1/collect with an ingest queue', () => {
  it('answers at once with the items enqueued, and the consumer stores them', async () => {
    const site = await newSite();
    const event = { id: crypto.randomUUID(), name: 'activated', userId: 'u1', ts: Date.now() };
    const response = await collect({ site: site.publicKey, answers: [npsAnswer(9), npsAnswer(3)], events: [event] });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ accepted: 3, duplicates: 0, rejected: [], queued: true });
    await settled(site.id, { answers: 2, events: 1, rolled: 2 });
  });

  it('does not write to D1 while answering: the consumer does', async () => {
    const site = await newSite();
    let writes = 0;
    const counting = {
      ...env,
      DB: new Proxy(env.DB, {
        get: (db, key) => {
          if (key === 'batch' || key === 'exec') writes += 1;
          return (db[key as keyof D1Database] as (...a: unknown[]) => unknown).bind(db);
        },
      }),
    } as typeof env;
    const response = await worker.request(
      'https://collector.test/v1/collect',
      {
        method: 'POST',
        headers: { 'Content-Type': 'text/plain', Origin: ORIGIN },
        body: JSON.stringify({ site: site.publicKey, answers: [npsAnswer(6)] }),
      },
      counting,
    );
    expect(await response.json()).toMatchObject({ accepted: 1, queued: true });
    expect(writes).toBe(0);
    await settled(site.id, { answers: 1, events: 0, rolled: 1 });
  });

  it('stores a re-sent id once: the rollup counts it once', async () => {
    const site = await newSite();
    const answer = npsAnswer(10);
    await collect({ site: site.publicKey, answers: [answer] });
    await settled(site.id, { answers: 1, events: 0, rolled: 1 });
    // The re-send travels with a new answer in the same message, so once that one is
    // stored the duplicate has been through the consumer too.
    await collect({ site: site.publicKey, answers: [{ ...answer, score: 0 }, npsAnswer(7)] });
    await settled(site.id, { answers: 2, events: 0, rolled: 2 });
    const stored = await env.DB.prepare('SELECT score FROM answers WHERE site_id = ? AND id = ?')
      .bind(site.id, answer.id)
      .first();
    expect(stored).toEqual({ score: 10 });
  });

  it('splits a large request into messages and loses nothing', async () => {
    const site = await newSite();
    const answers = Array.from({ length: 250 }, (_, i) => npsAnswer(i % 11));
    const response = await collect({ site: site.publicKey, answers });
    expect(await response.json()).toMatchObject({ accepted: 250, duplicates: 0, queued: true });
    await settled(site.id, { answers: 250, events: 0, rolled: 250 });
  });

  it('writes directly when the queue refuses, so nothing is lost', async () => {
    const site = await newSite();
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const refusing = {
      ...env,
      INGEST_QUEUE: { sendBatch: () => Promise.reject(new Error('queue unavailable')) },
    } as unknown as typeof env;
    const response = await worker.request(
      'https://collector.test/v1/collect',
      {
        method: 'POST',
        headers: { 'Content-Type': 'text/plain', Origin: ORIGIN },
        body: JSON.stringify({ site: site.publicKey, answers: [npsAnswer(9), npsAnswer(1)] }),
      },
      refusing,
    );
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ accepted: 2, duplicates: 0, rejected: [] });
    expect(await counts(site.id)).toEqual({ answers: 2, events: 0, rolled: 2 });
  });

  it('still refuses bad input with a 400 and enqueues nothing', async () => {
    const site = await newSite();
    const response = await collect({ site: site.publicKey, answers: [{ ...npsAnswer(4), score: 42 }] });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBeDefined();
    // A valid request after it is stored alone: the refused one never reached the queue.
    await collect({ site: site.publicKey, answers: [npsAnswer(5)] });
    await settled(site.id, { answers: 1, events: 0, rolled: 1 });
  });
});

describe('the ingest queue consumer', () => {
  it('never lets a re-sent answer id rewrite the stored answer, and lets its author fill in the comment', async () => {
    const site = await newSite();
    const answer = npsAnswer(4, { userId: 'alice' });
    await deliver([message(site.id, [answer])]);
    const rewrites = [
      { ...answer, score: 10, comment: 'rewritten' },
      { ...answer, userId: 'mallory', comment: 'rewritten' },
    ];
    await deliver([message(site.id, rewrites)]);
    const row = () =>
      env.DB.prepare('SELECT score, comment, user_id AS userId FROM answers WHERE site_id = ? AND id = ?')
        .bind(site.id, answer.id)
        .first();
    expect(await row()).toEqual({ score: 4, comment: null, userId: 'alice' });
    await deliver([message(site.id, [{ ...answer, comment: 'slow' }])]);
    await deliver([
      message(site.id, [
        { ...answer, comment: '' },
        { ...answer, comment: 'rewritten' },
      ]),
    ]);
    expect(await row()).toEqual({ score: 4, comment: 'slow', userId: 'alice' });
    expect(await counts(site.id)).toEqual({ answers: 1, events: 0, rolled: 1 });
  });

  it('changes nothing when the same message is delivered again', async () => {
    const site = await newSite();
    const body = message(site.id, [npsAnswer(9), npsAnswer(6), npsAnswer(0)]);
    const first = await deliver([body]);
    expect(first.result.explicitAcks).toEqual(first.ids);
    expect(await counts(site.id)).toEqual({ answers: 3, events: 0, rolled: 3 });
    const again = await deliver([body, body], env, 2);
    expect(again.result.explicitAcks.sort()).toEqual([...again.ids].sort());
    expect(again.result.retryMessages).toEqual([]);
    expect(await counts(site.id)).toEqual({ answers: 3, events: 0, rolled: 3 });
  });

  it('retries a write that fails, and the retry stores everything once', async () => {
    const site = await newSite();
    const body = message(site.id, [npsAnswer(10), npsAnswer(8)]);
    const failing = {
      ...env,
      DB: new Proxy(env.DB, {
        get: (db, key) =>
          key === 'batch'
            ? () => Promise.reject(new Error('D1_ERROR: injected'))
            : (db[key as keyof D1Database] as (...a: unknown[]) => unknown).bind(db),
      }),
    } as typeof env;
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const failed = await deliver([body], failing);
    expect(failed.result.retryMessages.map((m) => m.msgId)).toEqual(failed.ids);
    expect(failed.result.explicitAcks).toEqual([]);
    expect(await counts(site.id)).toEqual({ answers: 0, events: 0, rolled: 0 });
    await deliver([body], env, 2);
    await deliver([body], env, 3);
    expect(await counts(site.id)).toEqual({ answers: 2, events: 0, rolled: 2 });
  });

  it('writes messages of several sites in per-site writes', async () => {
    const [a, b] = [await newSite('A'), await newSite('B')];
    const { result, ids } = await deliver([
      message(a.id, [npsAnswer(1)]),
      message(b.id, [npsAnswer(2), npsAnswer(3)]),
      message(a.id, [npsAnswer(4)]),
    ]);
    expect(result.explicitAcks.sort()).toEqual([...ids].sort());
    expect(await counts(a.id)).toEqual({ answers: 2, events: 0, rolled: 2 });
    expect(await counts(b.id)).toEqual({ answers: 2, events: 0, rolled: 2 });
  });

  it('writes a delivery with one D1 batch per site, however many items (two when some repeat), and keeps the rollups equal to the raw rows', async () => {
    const site = await newSite();
    const answers = Array.from({ length: 40 }, (_, i) => npsAnswer(i % 11, i % 4 ? {} : { comment: `c${i}` }));
    const event = { id: crypto.randomUUID(), name: 'signed_up', userId: 'u1', ts: Date.now() - 5000 };
    let batches = 0;
    let statements = 0;
    const counting = {
      ...env,
      DB: new Proxy(env.DB, {
        get: (db, key) => {
          if (key === 'batch') {
            return (list: D1PreparedStatement[]) => {
              batches += 1;
              statements += list.length;
              return db.batch(list);
            };
          }
          return (db[key as keyof D1Database] as (...a: unknown[]) => unknown).bind(db);
        },
      }),
    } as typeof env;
    // Two messages repeat ids of the first (a client re-send that was enqueued twice).
    const bodies = [
      { ...message(site.id, answers.slice(0, 30)), events: [event] },
      message(site.id, answers.slice(20, 40)),
      { ...message(site.id, answers.slice(0, 10)), events: [event] },
    ];
    const { result, ids } = await deliver(bodies, counting);
    expect(result.explicitAcks.sort()).toEqual([...ids].sort());
    // The inserts (answers, events: one statement each for all three messages); the repeated ids
    // then take the checked write: the check that this database holds the site (db/collect.ts
    // WRITABLE), answers, events, the check of re-sent answer ids and comment fill-ins.
    expect(batches).toBe(2);
    expect(statements).toBe(2 + 5);
    expect(await counts(site.id)).toEqual({ answers: 40, events: 1, rolled: 40 });
    expect(await kept(site.id)).toEqual(await recomputed(site.id));
    await deliver(bodies, env, 2);
    expect(await counts(site.id)).toEqual({ answers: 40, events: 1, rolled: 40 });
  });

  it('does not store queued items older than a retention period set after collect accepted them', async () => {
    const site = await newSite();
    const old = npsAnswer(6, { ts: Date.now() - 60 * 24 * 3600 * 1000 });
    const fresh = npsAnswer(7);
    const body = message(site.id, [old, fresh]);
    await env.DB.prepare('UPDATE sites SET settings = ? WHERE id = ?')
      .bind(JSON.stringify({ retentionDays: 30 }), site.id)
      .run();
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const { result, ids } = await deliver([body]);
    expect(result.explicitAcks).toEqual(ids);
    expect(await counts(site.id)).toEqual({ answers: 1, events: 0, rolled: 1 });
  });

  it('acknowledges and drops a message that is not an ingest message', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const { result, ids } = await deliver([{ hello: 'world' }]);
    expect(result.explicitAcks).toEqual(ids);
  });

  it("alerts the site's webhook for a low answer once the consumer has stored it, and once only", async () => {
    const site = await newSite();
    const put = await call('/v1/webhook', {
      method: 'PUT',
      headers: { Authorization: `Bearer ${site.secretKey}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ url: 'https://hooks.example.com/heard' }),
    });
    expect(put.status).toBe(200);
    const sent: string[] = [];
    const transport: Transport = {
      fetch: async (url, init) => {
        sent.push(`${url} ${JSON.parse(String(init.body)).heard.answer.score}`);
        return new Response('ok');
      },
      sleep: async () => {},
    };
    const body = message(site.id, [npsAnswer(2), npsAnswer(10)]);
    const consume = () =>
      consumeIngest(
        createMessageBatch('heard-ingest', [{ id: crypto.randomUUID(), timestamp: new Date(), attempts: 1, body }]),
        env,
        createExecutionContext(),
        transport,
      );
    await consume();
    expect(sent).toEqual(['https://hooks.example.com/heard 2']);
    await consume(); // redelivered: stored once, alerted once
    expect(sent).toHaveLength(1);
    expect(await counts(site.id)).toEqual({ answers: 2, events: 0, rolled: 2 });
  });
});
