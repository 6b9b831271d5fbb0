import { ZWebhook, ZWebhookPut } from '@heard/core';
import { Hono } from 'hono';
import { deleteWebhook, putWebhook, recentDeliveries, webhookOf } from '../db/webhooks';
import type { AppEnv } from '../env';
import { randomKey } from '../keys';
import { requireSecretKey } from '../middleware/auth';
import { parseOr400, readJson } from '../middleware/body';
import { fail } from '../middleware/errors';
import { describeRoute } from '../openapi';
import { checkTarget, targetRules } from '../webhookTarget';

describeRoute({
  method: 'get',
  path: '/v1/webhook',
  summary: "The site's webhook (without its secret) and its last deliveries (`limit`, default 20, at most 500)",
  auth: 'secret',
  response: ZWebhook,
});
describeRoute({
  method: 'put',
  path: '/v1/webhook',
  summary: 'Send low answers (NPS 0–6, the worst two points of CSAT/CES) with their comment to a URL',
  description:
    'Slack-compatible JSON (text + blocks, plus `heard` with the answer), signed: X-Heard-Signature: sha256=<hex HMAC-SHA256 of the raw body with the secret>. Omit `secret` to have one made; it is returned here. The URL must be https to a public address (a name is looked up, and looked up again before each delivery); redirects are never followed. Failed deliveries (network, 429, 5xx) are retried 4 times with backoff 1, 2, 4, 8 s.',
  auth: 'secret',
  body: ZWebhookPut,
  response: ZWebhook,
});
describeRoute({
  method: 'delete',
  path: '/v1/webhook',
  summary: 'Stop sending alerts',
  auth: 'secret',
  status: 204,
  produces: [],
});

/** `/v1/webhook` (secret key): where a site's low answers are sent. */
export const webhook = new Hono<AppEnv>()
  .use(requireSecretKey)
  .get('/', async (c) => {
    const row = await webhookOf(c.env.DB, c.var.site.id);
    if (!row) fail(404, 'no webhook is set; PUT /v1/webhook { url } sets one');
    const limit = Number(c.req.query('limit') ?? 20);
    if (!Number.isInteger(limit) || limit < 1 || limit > 500) fail(400, 'limit is a whole number from 1 to 500');
    return c.json({
      url: row.url,
      createdAt: row.createdAt,
      deliveries: await recentDeliveries(c.env.DB, c.var.site.id, limit),
    });
  })
  .put('/', async (c) => {
    const input = parseOr400(ZWebhookPut, await readJson(c), 'webhook');
    const target = await checkTarget(input.url, targetRules(c.env));
    if (!target.ok) fail(400, 'invalid webhook', { issues: [{ path: 'url', message: target.reason }] });
    const secret = input.secret ?? randomKey('whsec');
    const now = Date.now();
    await putWebhook(c.env.DB, c.var.site.id, target.url.href, secret, now);
    return c.json({ url: target.url.href, secret, createdAt: now });
  })
  .delete('/', async (c) => {
    if (!(await deleteWebhook(c.env.DB, c.var.site.id))) fail(404, 'no webhook is set');
    return c.body(null, 204);
  });
