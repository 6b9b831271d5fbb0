import { env } from 'cloudflare:test';
import { signBody, ZWebhook } from '@heard/core';
import { describe, expect, it } from 'vitest';
import { bodyOf, call, collect, newSite, npsAnswer, read } from '../../test/helpers';
import { storeBatch } from '../db/collect';
import { siteBySecretKey } from '../db/sites';
import { webhookOf } from '../db/webhook';
import { alertAnswers, deliver, RETRY_DELAYS_MS, type Transport } from '../webhookDelivery';

/** Stores answers as collect does, without its after-response alert (these tests drive alerts themselves). */
const store = (siteId: string, answers: unknown[]) =>
  storeBatch(env.DB, siteId, { answers: answers as never, events: [], displays: [] });

const put = (key: string, body: unknown) =>
  call('/v1/webhook', {
    method: 'PUT',
    headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });

/** A transport that records requests and answers with the given statuses in turn (then 200). */
function recorder(statuses: (number | 'error')[] = []) {
  const sent: { url: string; body: string; signature: string | null }[] = [];
  const slept: number[] = [];
  const transport: Transport = {
    fetch: async (url, init) => {
      sent.push({ url, body: String(init.body), signature: new Headers(init.headers).get('X-Heard-Signature') });
      const status = statuses.shift() ?? 200;
      if (status === 'error') throw new TypeError('connection refused');
      return new Response('ok', { status });
    },
    sleep: async (ms) => {
      slept.push(ms);
    },
  };
  return { sent, slept, transport };
}

describe('/v1/webhook', () => {
  it('sets, shows and deletes the webhook, making a secret when none is given', async () => {
    const site = await newSite();
    expect((await read('/v1/webhook', site.secretKey)).status).toBe(404);
    const created = await put(site.secretKey, { url: 'https://hooks.slack.com/services/T/B/x' });
    expect(created.status).toBe(200);
    const body = await bodyOf(ZWebhook, created);
    expect(body.secret).toMatch(/^whsec_/);
    const shown = await bodyOf(ZWebhook, await read('/v1/webhook', site.secretKey));
    expect(shown).toMatchObject({ url: 'https://hooks.slack.com/services/T/B/x', deliveries: [] });
    expect(shown.secret).toBeUndefined();
    const removed = await call('/v1/webhook', {
      method: 'DELETE',
      headers: { Authorization: `Bearer ${site.secretKey}` },
    });
    expect(removed.status).toBe(204);
    expect((await read('/v1/webhook', site.secretKey)).status).toBe(404);
  });

  it('refuses a bad URL, a short secret and a public key, and keeps sites apart', async () => {
    const [a, b] = [await newSite('A'), await newSite('B')];
    expect((await put(a.secretKey, { url: 'ftp://x.example' })).status).toBe(400);
    expect((await put(a.secretKey, { url: 'not a url' })).status).toBe(400);
    expect((await put(a.secretKey, { url: 'https://x.example', secret: 'short' })).status).toBe(400);
    expect((await put(a.publicKey, { url: 'https://x.example' })).status).toBe(401);
    await put(a.secretKey, { url: 'https://a.example/hook' });
    expect((await read('/v1/webhook', b.secretKey)).status).toBe(404);
  });
});

describe('alertAnswers', () => {
  async function siteWithHook() {
    const site = await newSite('Acme');
    await put(site.secretKey, { url: 'https://hooks.example/heard', secret: 'a-long-enough-secret' });
    const row = await siteBySecretKey(env.DB, site.secretKey);
    if (!row) throw new Error('site');
    return { site, row };
  }

  it('alerts a detractor once, then once more when its comment arrives in a re-send', async () => {
    const { site, row } = await siteWithHook();
    const detractor = npsAnswer(3);
    const promoter = npsAnswer(10, { comment: 'love it' });
    await store(row.id, [detractor, promoter]);
    const { sent, transport } = recorder();
    await alertAnswers(env, row, [detractor as never, promoter as never], transport);
    expect(sent).toHaveLength(1);
    const first = JSON.parse(sent[0]?.body ?? '{}');
    expect(first.text).toContain('Acme: NPS 3 on 0–10');
    expect(first.heard).toMatchObject({ stage: 'answer', answer: { id: detractor.id, score: 3, comment: null } });
    expect(sent[0]?.signature).toBe(await signBody('a-long-enough-secret', sent[0]?.body ?? ''));

    await alertAnswers(env, row, [detractor as never], transport);
    expect(sent).toHaveLength(1); // a plain re-send alerts nobody

    const withComment = { ...detractor, comment: 'too slow' };
    await store(row.id, [withComment]);
    await alertAnswers(env, row, [withComment as never], transport);
    expect(sent).toHaveLength(2);
    expect(JSON.parse(sent[1]?.body ?? '{}').heard).toMatchObject({
      stage: 'comment',
      answer: { comment: 'too slow' },
    });
    expect(JSON.parse(sent[1]?.body ?? '{}').text).toContain('too slow');

    await alertAnswers(env, row, [withComment as never], transport);
    expect(sent).toHaveLength(2);
    const shown = await bodyOf(ZWebhook, await read('/v1/webhook', site.secretKey));
    expect(shown.deliveries?.map((d) => [d.stage, d.status]).sort()).toEqual([
      ['answer', 'delivered'],
      ['comment', 'delivered'],
    ]);
  });

  it('sends the comment with the first alert when it comes along, and only one message', async () => {
    const { row } = await siteWithHook();
    const low = npsAnswer(1, { kind: 'csat', scale: [1, 5], comment: 'broken checkout' });
    await store(row.id, [low]);
    const { sent, transport } = recorder();
    await alertAnswers(env, row, [low as never], transport);
    await alertAnswers(env, row, [low as never], transport);
    expect(sent).toHaveLength(1);
    expect(JSON.parse(sent[0]?.body ?? '{}').heard).toMatchObject({
      stage: 'answer',
      answer: { comment: 'broken checkout' },
    });
  });

  it('stays quiet without a webhook or without low answers', async () => {
    const site = await newSite();
    const row = await siteBySecretKey(env.DB, site.secretKey);
    const low = npsAnswer(0);
    await collect({ site: site.publicKey, answers: [low] });
    const { sent, transport } = recorder();
    await alertAnswers(env, row as never, [low as never], transport);
    const hooked = await siteWithHook();
    const fine = npsAnswer(8);
    await store(hooked.row.id, [fine]);
    await alertAnswers(env, hooked.row, [fine as never], transport);
    expect(sent).toHaveLength(0);
  });
});

describe('PUT /v1/webhook send', () => {
  it('keeps which answers are sent, shows it, and refuses a bad filter without changing anything', async () => {
    const site = await newSite();
    const plain = await bodyOf(ZWebhook, await put(site.secretKey, { url: 'https://hooks.example/a' }));
    expect(plain.send).toEqual({ answers: 'low' });
    const send = {
      answers: 'every',
      metric: ['nps', 'csat'],
      band: ['low', 'high'],
      survey: ['onboarding'],
      segment: { by: 'plan', value: 'pro' },
      hasComment: true,
    };
    const set = await bodyOf(ZWebhook, await put(site.secretKey, { url: 'https://hooks.example/b', send }));
    expect(set.send).toEqual(send);
    expect((await bodyOf(ZWebhook, await read('/v1/webhook', site.secretKey))).send).toEqual(send);
    for (const bad of [
      { answers: 'some' },
      { answers: 'every', metric: ['stars'] },
      { answers: 'every', band: [] },
      { answers: 'every', segment: { by: 'plan' } },
      { answers: 'every', hasComment: 'yes' },
      { answers: 'every', colour: 'red' },
    ]) {
      const response = await put(site.secretKey, { url: 'https://hooks.example/c', send: bad });
      expect(response.status, JSON.stringify(bad)).toBe(400);
    }
    const after = await bodyOf(ZWebhook, await read('/v1/webhook', site.secretKey));
    expect(after).toMatchObject({ url: 'https://hooks.example/b', send });
  });

  it('sends every answer, or those its filters match, each once, with traits for a CRM', async () => {
    const site = await newSite('Acme');
    const hook = (send: unknown) =>
      put(site.secretKey, { url: 'https://hooks.example/every', secret: 'a-long-enough-secret', send });
    await hook({ answers: 'every' });
    const row = await siteBySecretKey(env.DB, site.secretKey);
    if (!row) throw new Error('site');
    const promoter = npsAnswer(10, { traits: { plan: 'pro' }, survey: 'onboarding' });
    const passive = npsAnswer(7, { traits: { plan: 'free' } });
    const happy = npsAnswer(5, { kind: 'csat', scale: [1, 5], comment: 'great support', traits: { plan: 'pro' } });
    await store(row.id, [promoter, passive, happy]);
    const { sent, transport } = recorder();
    await alertAnswers(env, row, [promoter, passive, happy] as never, transport);
    expect(sent.map((s) => JSON.parse(s.body).heard.answer.id).sort()).toEqual(
      [promoter.id, passive.id, happy.id].sort(),
    );
    const first = JSON.parse(sent.find((s) => s.body.includes(promoter.id))?.body ?? '{}');
    expect(first.text).toContain('Acme: NPS 10 on 0–10');
    expect(first.heard.answer).toMatchObject({ survey: 'onboarding', traits: { plan: 'pro' } });
    for (const s of sent) expect(s.signature).toBe(await signBody('a-long-enough-secret', s.body));
    await alertAnswers(env, row, [promoter, passive, happy] as never, transport);
    expect(sent).toHaveLength(3); // each answer is sent once

    // Narrowed: pro-plan answers with a comment, of any band.
    await hook({ answers: 'every', segment: { by: 'plan', value: 'pro' }, hasComment: true });
    const narrowed = (await webhookOf(env.DB, row.id)) ?? undefined;
    const later = [
      npsAnswer(9, { traits: { plan: 'pro' }, comment: 'smooth' }),
      npsAnswer(9, { traits: { plan: 'free' }, comment: 'smooth too' }),
      npsAnswer(1, { traits: { plan: 'pro' } }),
    ];
    await store(row.id, later);
    const second = recorder();
    await alertAnswers(env, row, later as never, second.transport, narrowed);
    expect(second.sent.map((s) => JSON.parse(s.body).heard.answer.id)).toEqual([later[0]?.id]);
    const shown = await bodyOf(ZWebhook, await read('/v1/webhook?limit=50', site.secretKey));
    // One row per (answer, stage): the two commented answers also claim their comment stage.
    expect(shown.deliveries?.map((d) => `${d.answerId}:${d.stage}:${d.status}`).sort()).toEqual(
      [
        `${promoter.id}:answer:delivered`,
        `${passive.id}:answer:delivered`,
        `${happy.id}:answer:delivered`,
        `${happy.id}:comment:delivered`,
        `${later[0]?.id}:answer:delivered`,
        `${later[0]?.id}:comment:delivered`,
      ].sort(),
    );
  });
});

describe('deliver', () => {
  it('retries network errors and 5xx with backoff, then records success', async () => {
    const { sent, slept, transport } = recorder(['error', 503, 200]);
    const outcomes: string[] = [];
    const ok = await deliver(
      'https://x.example',
      's',
      '{}',
      async (o) => void outcomes.push(`${o.status}:${o.httpStatus}`),
      transport,
    );
    expect(ok).toBe(true);
    expect(sent).toHaveLength(3);
    expect(slept).toEqual(RETRY_DELAYS_MS.slice(0, 2));
    expect(outcomes).toEqual(['pending:null', 'pending:503', 'delivered:200']);
  });

  it('gives up after the last retry, and at once on a 4xx other than 429', async () => {
    const always = recorder(Array(10).fill(500));
    expect(await deliver('https://x.example', 's', '{}', async () => {}, always.transport)).toBe(false);
    expect(always.sent).toHaveLength(RETRY_DELAYS_MS.length + 1);
    const gone = recorder([410]);
    const outcomes: string[] = [];
    expect(
      await deliver('https://x.example', 's', '{}', async (o) => void outcomes.push(o.status), gone.transport),
    ).toBe(false);
    expect(outcomes).toEqual(['failed']);
  });
});
