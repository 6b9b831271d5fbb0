import { LOW_ANSWERS, ZWebhook, ZWebhookPut } from '@heard/core';
import { z } from 'zod';
import { randomKey } from '../crypto';
import { dbFor } from '../db/site';
import { deleteWebhook, putWebhook, recentDeliveries, webhookOf } from '../db/webhook';
import { fail } from '../middleware/errors';
import { defineRoute } from '../route';
import { sitesWithoutWebhook } from '../webhookCache';
import { checkTarget, targetRules } from '../webhookTarget';

/** `/v1/webhook` (secret key): where a site's low answers (or every answer its `send` filter matches) are sent. */
export const webhook = [
  defineRoute(
    {
      method: 'get',
      path: '/v1/webhook',
      operationId: 'getWebhook',
      tag: 'site',
      summary: "The site's webhook (without its secret) and its last deliveries (`limit`, default 20, at most 500)",
      auth: 'secret',
      query: z.object({ limit: z.coerce.number().int().min(1).max(500).default(20) }),
      errors: [404],
      response: { status: 200, schema: ZWebhook, description: 'the webhook and its deliveries' },
    },
    async (c, { query }) => {
      const row = await webhookOf(dbFor(c.env, c.var.site), c.var.site.id);
      if (!row) fail(404, 'no webhook is set; PUT /v1/webhook { url } sets one');
      return c.json({
        url: row.url,
        send: row.send,
        createdAt: row.createdAt,
        deliveries: await recentDeliveries(dbFor(c.env, c.var.site), c.var.site.id, query.limit),
      });
    },
  ),
  defineRoute(
    {
      method: 'put',
      path: '/v1/webhook',
      operationId: 'setWebhook',
      tag: 'site',
      summary:
        'Send low answers (NPS 0–6, the worst two points of CSAT/CES), or every answer matching `send`, with their comment to a URL',
      description:
        '`send` says which answers go: `{"answers":"low"}` (the default) or `{"answers":"every"}`, narrowed by `metric`, `band`, `survey`, `segment` ({by, value}: a trait, else a prop) and `hasComment`. Slack-compatible JSON (text + blocks, plus `heard` with the answer), signed: X-Heard-Signature: sha256=<hex HMAC-SHA256 of the raw body with the secret>. Omit `secret` to have one made; it is returned here. The URL must be https to a public address (a name is looked up, and looked up again before each delivery); redirects are never followed. Failed deliveries (network, 429, 5xx) are retried 4 times with backoff 1, 2, 4, 8 s.',
      auth: 'secret',
      body: { schema: ZWebhookPut, name: 'webhook' },
      response: { status: 200, schema: ZWebhook, description: 'the webhook, with its secret this once' },
    },
    async (c, { body: input }) => {
      const target = await checkTarget(input.url, targetRules(c.env));
      if (!target.ok) fail(400, 'invalid webhook', { issues: [{ path: 'url', message: target.reason }] });
      const secret = input.secret ?? randomKey('whsec');
      const now = Date.now();
      const send = input.send ?? LOW_ANSWERS;
      await putWebhook(dbFor(c.env, c.var.site), c.var.site.id, target.url.href, secret, now, send);
      sitesWithoutWebhook.forget(c.var.site.id);
      return c.json({ url: target.url.href, secret, send, createdAt: now });
    },
  ),
  defineRoute(
    {
      method: 'delete',
      path: '/v1/webhook',
      operationId: 'deleteWebhook',
      tag: 'site',
      summary: 'Stop sending alerts',
      auth: 'secret',
      errors: [404],
      response: { status: 204, description: 'no more alerts are sent' },
    },
    async (c) => {
      if (!(await deleteWebhook(dbFor(c.env, c.var.site), c.var.site.id))) fail(404, 'no webhook is set');
      return c.body(null, 204);
    },
  ),
];
