import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { call, newSite, npsAnswer, read } from '../test/helpers';
import { storeBatch } from './db/collect';
import { siteBySecretKey } from './db/sites';
import { ALERTS_PER_MINUTE, alertAnswers, type Transport } from './webhookDelivery';

/** A transport that records each post's parsed body and answers 200. */
function recorder() {
  const sent: { text: string; heard: { stage: string; answers?: string[]; answer?: { id: string } } }[] = [];
  const transport: Transport = {
    fetch: async (_url, init) => {
      sent.push(JSON.parse(String(init.body)));
      return new Response('ok');
    },
    sleep: async () => {},
  };
  return { sent, transport };
}

async function hookedSite() {
  const site = await newSite('Acme');
  const response = await call('/v1/webhook', {
    method: 'PUT',
    headers: { Authorization: `Bearer ${site.secretKey}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ url: 'https://hooks.example.com/heard' }),
  });
  expect(response.status).toBe(200);
  const row = await siteBySecretKey(env.DB, site.secretKey);
  if (!row) throw new Error('site');
  return { site, row };
}

/** Low answers stored as collect stores them (its own alert left out: the test sends it). */
async function detractors(siteId: string, n: number, extra: Record<string, unknown> = {}) {
  const answers = Array.from({ length: n }, () => npsAnswer(1, extra));
  await storeBatch(env.DB, siteId, { answers: answers as never, events: [], displays: [] });
  return answers;
}

// The middle of a minute, so a test never straddles the alert window.
const minute = Math.floor(Date.now() / 60_000) * 60_000 + 30_000;

describe('a burst of low answers', () => {
  it('makes at most the per-minute alerts plus one summary, and every answer stays in the history', async () => {
    const { site, row } = await hookedSite();
    const answers = await detractors(row.id, 500);
    const { sent, transport } = recorder();
    await alertAnswers(env, row, answers as never, transport, undefined, minute);
    expect(sent).toHaveLength(ALERTS_PER_MINUTE + 1);
    const summary = sent.find((m) => m.heard.stage === 'summary');
    expect(summary?.heard.answers).toHaveLength(500 - ALERTS_PER_MINUTE);
    expect(summary?.text).toContain(`${500 - ALERTS_PER_MINUTE} more low answers`);
    const history = (await (await read('/v1/webhook?limit=500', site.secretKey)).json()) as {
      deliveries: { answerId: string; status: string }[];
    };
    const recorded = new Set(history.deliveries.map((d) => d.answerId));
    expect(answers.every((a) => recorded.has(a.id))).toBe(true);
    expect(
      history.deliveries.filter((d) => answers.some((a) => a.id === d.answerId)).every((d) => d.status === 'delivered'),
    ).toBe(true);
  });

  it('counts the rate per site across requests, not per request', async () => {
    const { site, row } = await hookedSite();
    const { sent, transport } = recorder();
    const first = await detractors(row.id, ALERTS_PER_MINUTE - 2);
    await alertAnswers(env, row, first as never, transport, undefined, minute);
    expect(sent).toHaveLength(ALERTS_PER_MINUTE - 2);
    // The next request has two posts left this minute; the rest go in the minute's one summary.
    const second = await detractors(row.id, 6);
    await alertAnswers(env, row, second as never, transport, undefined, minute);
    expect(sent.slice(ALERTS_PER_MINUTE - 2).map((m) => m.heard.stage)).toEqual(['answer', 'answer', 'summary']);
    // Past the summary, nothing more is posted this minute, and the answers are still on record.
    const third = await detractors(row.id, 5);
    await Promise.all(third.map((a) => alertAnswers(env, row, [a] as never, transport, undefined, minute)));
    expect(sent).toHaveLength(ALERTS_PER_MINUTE + 1);
    const history = (await (await read('/v1/webhook?limit=500', site.secretKey)).json()) as {
      deliveries: { answerId: string; status: string; attempts: number }[];
    };
    const ids = new Set(history.deliveries.map((d) => d.answerId));
    expect([...first, ...second, ...third].every((a) => ids.has(a.id))).toBe(true);
    // A minute later the site gets single alerts again.
    const later = await detractors(row.id, 1);
    await alertAnswers(env, row, later as never, transport, undefined, minute + 60_000);
    expect(sent.at(-1)?.heard).toMatchObject({ stage: 'answer', answer: { id: later[0]?.id } });
  });

  it('escapes Slack markup from visitors in the posts it makes', async () => {
    const { row } = await hookedSite();
    const { sent, transport } = recorder();
    const hostile = '<!channel> <https://evil.example|reset your password> @here';
    const answers = await detractors(row.id, ALERTS_PER_MINUTE + 3, { comment: hostile, userId: '<!everyone>' });
    await alertAnswers(env, row, answers as never, transport, undefined, minute);
    for (const message of sent) {
      const strings = JSON.stringify({ text: message.text, blocks: (message as { blocks?: unknown }).blocks });
      expect(strings).not.toMatch(/<[!@#]|<https?:|@(here|channel|everyone)/);
    }
  });
});
