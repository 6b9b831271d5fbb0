// @vitest-environment node
import { createClient } from '@heard/core';
import { expect, inject, it } from 'vitest';
import { createSite } from '../../scripts/stack.mjs';
import { useWebhookReceiver, verified } from '../webhookReceiver';

const { received, statuses, url: hookUrl } = useWebhookReceiver('/slack');

const post = (collector: string, body: unknown) =>
  fetch(`${collector}/v1/collect`, {
    method: 'POST',
    headers: { 'Content-Type': 'text/plain' },
    body: JSON.stringify(body),
  });

it('the collector posts a signed Slack message for a detractor, a follow-up when its comment arrives, and retries a failing receiver', async () => {
  const { collector, adminToken } = inject('stack');
  const site = await createSite(collector, adminToken, 'Webhook Co', []);
  const heard = createClient({ endpoint: collector, secretKey: site.secretKey });
  const { secret } = await heard.setWebhook({ url: hookUrl() });
  expect(secret).toMatch(/^whsec_/);

  // The receiver fails once with a 503: the collector retries after a backoff.
  statuses.push(503);
  const detractor = { id: crypto.randomUUID(), kind: 'nps', score: 2, scale: [0, 10], userId: 'u_7', ts: Date.now() };
  const promoter = { id: crypto.randomUUID(), kind: 'nps', score: 10, scale: [0, 10], userId: 'u_8', ts: Date.now() };
  expect((await post(collector, { site: site.publicKey, answers: [detractor, promoter] })).status).toBe(200);
  await expect.poll(() => received.length, { timeout: 15_000 }).toBe(2);
  const [failed, delivered] = received as [(typeof received)[0], (typeof received)[0]];
  expect(delivered.body).toBe(failed.body);
  expect(verified(secret as string, delivered)).toBe(true);
  expect(verified('some-other-secret-value', delivered)).toBe(false);
  expect(delivered.headers['content-type']).toBe('application/json');
  const message = JSON.parse(delivered.body);
  expect(message.text).toContain('Webhook Co: NPS 2 on 0–10 from u_7');
  expect(message.blocks[0]).toMatchObject({ type: 'section', text: { type: 'mrkdwn' } });
  expect(message.heard).toMatchObject({ stage: 'answer', answer: { id: detractor.id, comment: null } });

  // The comment comes later, in a re-send of the same answer id: one follow-up, with the comment.
  await post(collector, { site: site.publicKey, answers: [{ ...detractor, comment: 'Export keeps timing out' }] });
  await expect.poll(() => received.length, { timeout: 10_000 }).toBe(3);
  const followUp = received[2] as (typeof received)[0];
  expect(verified(secret as string, followUp)).toBe(true);
  expect(JSON.parse(followUp.body)).toMatchObject({
    heard: { stage: 'comment', answer: { id: detractor.id, comment: 'Export keeps timing out' } },
  });
  expect(JSON.parse(followUp.body).text).toContain('Export keeps timing out');

  // Re-sending again alerts nobody; the deliveries are on record.
  await post(collector, { site: site.publicKey, answers: [{ ...detractor, comment: 'Export keeps timing out' }] });
  await expect
    .poll(async () => (await heard.webhook()).deliveries?.map((d) => `${d.stage}:${d.status}:${d.attempts}`).sort())
    .toEqual(['answer:delivered:2', 'comment:delivered:1']);
  expect(received).toHaveLength(3);

  // And the typed client reads the same answers back as a score.
  const report = await heard.scores({ metric: 'nps' });
  expect(report).toMatchObject({ n: 2, score: 0, breakdown: { promoters: 1, detractors: 1 } });
});
