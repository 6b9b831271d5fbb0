import { env } from 'cloudflare:test';
import { DAY_MS as DAY, LIMITS } from '@heard/core';
import { describe, expect, it } from 'vitest';
import { call, collect, counts, activated as event, newSite, npsAnswer, ORIGIN } from './helpers';

const manyKeys = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${i}`, i]));

describe('caps on what collect takes', () => {
  it('refuses a body over 256 KiB with 413, by its declared length and while it streams without one', async () => {
    const site = await newSite();
    const padding = 'x'.repeat(LIMITS.bodyBytes);
    const declared = await collect({ site: site.publicKey, events: [event({ props: { p: padding } })] });
    expect(declared.status).toBe(413);
    expect(await declared.json()).toMatchObject({ error: { code: 'payload_too_large' } });

    // A chunked body has no Content-Length: the collector counts bytes as they arrive.
    const chunk = new TextEncoder().encode(`{"site":"${site.publicKey}","events":[],"pad":"${'y'.repeat(64 * 1024)}`);
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        sent += 1;
        if (sent > 8) controller.close();
        else controller.enqueue(sent === 1 ? chunk : new TextEncoder().encode('y'.repeat(64 * 1024)));
      },
    });
    const streamed = await call('/v1/collect', {
      method: 'POST',
      headers: { 'Content-Type': 'text/plain', Origin: ORIGIN },
      body: stream,
    });
    expect(streamed.status).toBe(413);
    expect(sent).toBeLessThan(8);
    expect(await counts(site.id)).toEqual({ answers: 0, events: 0, rolled: 0 });
  });

  it('refuses more than 500 items per batch, counted across answers, events and displays', async () => {
    const site = await newSite();
    const ok = await collect({
      site: site.publicKey,
      answers: Array.from({ length: 250 }, () => npsAnswer(9)),
      events: Array.from({ length: 250 }, () => event()),
    });
    expect(ok.status).toBe(200);
    const over = await collect({
      site: site.publicKey,
      answers: Array.from({ length: 250 }, () => npsAnswer(9)),
      events: Array.from({ length: 251 }, () => event()),
    });
    expect(over.status).toBe(400);
    expect(JSON.stringify(await over.json())).toContain('at most 500 items');
    expect(await counts(site.id)).toEqual({ answers: 250, events: 250, rolled: 250 });
  });

  // Each case: one item just inside the cap is accepted, the same item just past it is refused.
  const cases: [string, 'answers' | 'events', (over: boolean) => Record<string, unknown>][] = [
    ['comment length', 'answers', (o) => npsAnswer(9, { comment: 'c'.repeat(LIMITS.commentChars + (o ? 1 : 0)) })],
    ['number of props', 'events', (o) => event({ props: manyKeys(LIMITS.propsKeys + (o ? 1 : 0)) })],
    ['number of traits', 'answers', (o) => npsAnswer(9, { traits: manyKeys(LIMITS.propsKeys + (o ? 1 : 0)) })],
    ['prop value length', 'events', (o) => event({ props: { plan: 'p'.repeat(LIMITS.stringChars + (o ? 1 : 0)) } })],
    [
      'trait value length',
      'answers',
      (o) => npsAnswer(9, { traits: { plan: 'p'.repeat(LIMITS.stringChars + (o ? 1 : 0)) } }),
    ],
    ['prop key length', 'events', (o) => event({ props: { ['k'.repeat(LIMITS.nameChars + (o ? 1 : 0))]: 1 } })],
    ['prop value type (no nesting)', 'events', (o) => event({ props: { plan: o ? { nested: true } : 'pro' } })],
    ['event name length', 'events', (o) => event({ name: 'n'.repeat(LIMITS.nameChars + (o ? 1 : 0)) })],
    ['user id length', 'events', (o) => event({ userId: 'u'.repeat(LIMITS.idChars + (o ? 1 : 0)) })],
    ['entity length', 'events', (o) => event({ entity: 'e'.repeat(LIMITS.idChars + (o ? 1 : 0)) })],
    [
      'url length',
      'answers',
      (o) => npsAnswer(9, { url: `https://a.test/${'u'.repeat(LIMITS.urlChars - 15 + (o ? 1 : 0))}` }),
    ],
    ['locale length', 'answers', (o) => npsAnswer(9, { locale: 'l'.repeat(35 + (o ? 1 : 0)) })],
    ['ts in the future', 'events', (o) => event({ ts: Date.now() + (o ? LIMITS.futureMs + 60_000 : 60_000) })],
    ['ts in the past', 'events', (o) => event({ ts: Date.now() - (o ? 401 : 399) * DAY })],
  ];
  for (const [cap, list, item] of cases) {
    it(`caps ${cap}`, async () => {
      const site = await newSite();
      const inside = await collect({ site: site.publicKey, [list]: [item(false)] });
      expect(inside.status, `inside the cap: ${await inside.clone().text()}`).toBe(200);
      const past = await collect({ site: site.publicKey, [list]: [item(true)] });
      expect(past.status).toBe(400);
      expect(await past.json()).toMatchObject({ error: { code: 'bad_request', rejected: [{ index: 0 }] } });
      expect((await counts(site.id))[list]).toBe(1);
    });
  }
});

describe('what collect stores', () => {
  it('drops unknown fields: the stored row holds only known ones', async () => {
    const site = await newSite();
    const answer = npsAnswer(9, {
      traits: { plan: 'pro' },
      secretField: 'UNKNOWN-1',
      ip: '203.0.113.9',
      __proto__: { polluted: 'UNKNOWN-2' },
    });
    const response = await collect({ site: site.publicKey, answers: [answer], extra: 'UNKNOWN-3' });
    expect(response.status).toBe(200);
    const row = await env.DB.prepare('SELECT * FROM answers WHERE site_id = ? AND id = ?')
      .bind(site.id, answer.id)
      .first();
    expect(JSON.stringify(row)).not.toMatch(/UNKNOWN|203\.0\.113\.9|polluted/);
    expect(row).toMatchObject({ traits: '{"plan":"pro"}', props: null, score: 9 });
  });

  it('never stores the client IP, and sets no cookie', async () => {
    const site = await newSite();
    const response = await collect(
      { site: site.publicKey, answers: [npsAnswer(9)], events: [event()] },
      { Origin: ORIGIN, 'CF-Connecting-IP': '192.0.2.77', 'X-Forwarded-For': '192.0.2.78', 'User-Agent': 'UA-MARKER' },
    );
    expect(response.status).toBe(200);
    expect(response.headers.get('Set-Cookie')).toBeNull();
    const tables = await env.DB.prepare(
      "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_cf_%' AND name NOT LIKE 'd1_%'",
    ).all<{ name: string }>();
    let dump = '';
    for (const { name } of tables.results) {
      dump += JSON.stringify((await env.DB.prepare(`SELECT * FROM "${name}"`).all()).results);
    }
    expect(dump.length).toBeGreaterThan(100);
    expect(dump).toContain(site.id);
    expect(dump).not.toMatch(/192\.0\.2\.7[78]|UA-MARKER/);
  });
});
