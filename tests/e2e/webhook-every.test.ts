// @vitest-environment node
import { createClient } from '@heard/core';
import { expect, inject, it } from 'vitest';
import { createSite } from '../../scripts/stack.mjs';
import { useWebhookReceiver, verified } from '../webhookReceiver';

const { received, statuses, url: hookUrl } = useWebhookReceiver('/catch');

const post = (collector: string, body: unknown) =>
  fetch(`${collector}/v1/collect`, {
    method: 'POST',
    headers: { 'Content-Type': 'text/plain' },
    body: JSON.stringify(body),
  });

const idsOf = () => received.map((r) => JSON.parse(r.body).heard.answer.id as string).sort();

it('the collector posts every answer its filters match, signed and Slack-compatible, with retries and a delivery history', async () => {
  const { collector, adminToken } = inject('stack');
  const site = await createSite(collector, adminToken, 'Every Co', []);
  const heard = createClient({ endpoint: collector, secretKey: site.secretKey });
  // Every NPS answer of the pro plan, whatever its score.
  const { secret, send } = await heard.setWebhook({
    url: hookUrl(),
    send: { answers: 'every', metric: ['nps'], segment: { by: 'plan', value: 'pro' } },
  });
  expect(send).toEqual({ answers: 'every', metric: ['nps'], segment: { by: 'plan', value: 'pro' } });

  statuses.push(503);
  const now = Date.now();
  const answer = (score: number, plan: string, extra: Record<string, unknown> = {}) => ({
    id: crypto.randomUUID(),
    kind: 'nps',
    score,
    scale: [0, 10],
    userId: `u_${plan}_${score}`,
    traits: { plan },
    ts: now,
    ...extra,
  });
  const promoter = answer(10, 'pro', { comment: 'Love the new export' });
  const passive = answer(8, 'pro');
  const otherPlan = answer(9, 'free');
  const csat = { ...answer(5, 'pro'), kind: 'csat', scale: [1, 5] };
  expect((await post(collector, { site: site.publicKey, answers: [promoter, passive, otherPlan, csat] })).status).toBe(
    200,
  );
  // Two answers are sent; the first attempt of one of them met a 503 and was retried.
  await expect.poll(() => received.length, { timeout: 15_000 }).toBe(3);
  expect([...new Set(idsOf())]).toEqual([promoter.id, passive.id].sort());
  for (const request of received) {
    expect(verified(secret as string, request)).toBe(true);
    expect(request.headers['content-type']).toBe('application/json');
  }
  const message = JSON.parse(received.find((r) => r.body.includes(promoter.id))?.body ?? '{}');
  expect(message.text).toContain('Every Co: NPS 10 on 0–10 from u_pro_10');
  expect(message.text).toContain('Love the new export');
  expect(message.blocks[0]).toMatchObject({ type: 'section', text: { type: 'mrkdwn' } });
  expect(message.heard).toMatchObject({ stage: 'answer', answer: { id: promoter.id, traits: { plan: 'pro' } } });

  // A re-send posts nothing more; the history has each delivery and its attempts.
  await post(collector, { site: site.publicKey, answers: [promoter, passive] });
  await expect
    .poll(async () => (await heard.webhook()).deliveries?.map((d) => `${d.answerId}:${d.stage}:${d.status}`).sort())
    .toEqual(
      [`${promoter.id}:answer:delivered`, `${promoter.id}:comment:delivered`, `${passive.id}:answer:delivered`].sort(),
    );
  const attempts = (await heard.webhook()).deliveries?.reduce((n, d) => n + d.attempts, 0);
  // The promoter's two stages went out in one post, so they share its attempts.
  expect(attempts).toBeGreaterThanOrEqual(4);
  expect(received).toHaveLength(3);
});
