// @vitest-environment node
import { createHmac, timingSafeEqual } from 'node:crypto';
import { once } from 'node:events';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createClient, DAY_MS, digestWindow, startOfDay } from '@heard/core';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { createSite } from '../../scripts/stack.mjs';

/** A webhook receiver on loopback: records every request and answers 200. */
const received: { headers: IncomingHttpHeaders; body: string }[] = [];
const receiver = createServer((req, res) => {
  let body = '';
  req.on('data', (chunk) => (body += chunk));
  req.on('end', () => {
    received.push({ headers: req.headers, body });
    res.writeHead(200).end('ok');
  });
});
let hookUrl = '';

beforeAll(async () => {
  receiver.listen(0, '127.0.0.1');
  await once(receiver, 'listening');
  hookUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/digest`;
});
afterAll(() => {
  receiver.close();
});

const TZ = 'Asia/Tokyo';

it("the hourly cron posts yesterday's digest (Tokyo time) once, signed and Slack-shaped, however often it fires", async () => {
  const { collector, adminToken } = inject('stack');
  const site = await createSite(collector, adminToken, 'Digest Receiver Co', []);
  const heard = createClient({ endpoint: collector, secretKey: site.secretKey });
  const { secret } = await heard.setWebhook({ url: hookUrl });
  await heard.updateSettings({ timeZone: TZ, digest: { period: 'day', changeAlerts: 'off' } });

  const now = Date.now();
  const window = digestWindow('day', now, TZ);
  const noon = startOfDay(window.from, TZ) + DAY_MS / 2;
  const answers = [10, 9, 9, 3, 8].map((score, i) => ({
    id: crypto.randomUUID(),
    kind: 'nps',
    score,
    scale: [0, 10],
    userId: `digest-u${i}`,
    comment: score <= 6 ? 'Export is slow' : 'Nice',
    ts: noon + i * 1000,
  }));
  const stored = await fetch(`${collector}/v1/batch`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${site.secretKey}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ answers }),
  });
  expect(stored.status).toBe(200);

  // Fire the digest cron twice, as a retried or doubled trigger would.
  const fire = () => fetch(`${collector}/__scheduled?cron=${encodeURIComponent('7 * * * *')}&time=${now}`);
  expect((await fire()).status).toBe(200);
  await expect.poll(() => received.length, { timeout: 20_000 }).toBe(1);
  expect((await fire()).status).toBe(200);
  // Give a second post every chance to arrive: it must not.
  await new Promise((resolve) => setTimeout(resolve, 3000));
  expect(received).toHaveLength(1);

  const post = received[0] as (typeof received)[0];
  const expected = Buffer.from(
    `sha256=${createHmac('sha256', secret as string)
      .update(post.body)
      .digest('hex')}`,
  );
  const given = Buffer.from(String(post.headers['x-heard-signature'] ?? ''));
  expect(given.length === expected.length && timingSafeEqual(given, expected)).toBe(true);
  const message = JSON.parse(post.body);
  expect(message.text).toContain(`Digest Receiver Co: your daily digest, ${window.key}`);
  expect(message.blocks.map((b: { type: string }) => b.type)).toEqual([
    'header',
    'context',
    'divider',
    'section',
    'context',
  ]);
  const digest = await heard.digest({ period: 'day' });
  expect(message.heard.digest.key).toBe(digest.key);
  expect(message.heard.digest.scores[0].current).toEqual(digest.scores[0]?.current);
  expect(digest.scores[0]?.current).toMatchObject({ n: 5, score: 40 });
  expect(digest.scores[0]?.low.n).toBe(1);
});
