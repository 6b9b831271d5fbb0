import type { SecretKeyIssued, SecretKeyList, SecretKeyRevoked } from '@heard/core';
import { Hono } from 'hono';
import { issueSecretKey, keyId, listSecretKeys, revokeSecretKey } from '../db/keys';
import type { AppEnv } from '../env';
import { sha256 } from '../keys';
import { bearer, requireSecretKey } from '../middleware/auth';
import { fail } from '../middleware/errors';

/**
 * Secret-key rotation without downtime, all scoped to the caller's own site:
 * `POST /v1/keys` issues a new secret (the old one keeps working), the deploy switches to it,
 * then `DELETE /v1/keys/current` (or `/v1/keys/:id`) revokes the old one. `GET /v1/keys` lists
 * ids and dates, never keys.
 */
export const keys = new Hono<AppEnv>()
  .use(requireSecretKey)
  .get('/', async (c) => {
    const current = keyId(await sha256(bearer(c.req.header('Authorization')) ?? ''));
    const list = await listSecretKeys(c.env.DB, c.var.site.id);
    return c.json({ keys: list.map((k) => ({ ...k, current: k.id === current })) } satisfies SecretKeyList);
  })
  .post('/', async (c) => {
    const issued = await issueSecretKey(c.env.DB, c.var.site.id);
    return c.json(issued satisfies SecretKeyIssued, 201);
  })
  .delete('/:id', async (c) => {
    const param = c.req.param('id');
    const id =
      param === 'current' ? keyId(await sha256(bearer(c.req.header('Authorization')) ?? '')) : param.toLowerCase();
    if (!/^[0-9a-f]{16}$/.test(id)) fail(404, 'no such key');
    const outcome = await revokeSecretKey(c.env.DB, c.var.site.id, id);
    if (outcome === 'missing') fail(404, 'no such active key for this site');
    if (outcome === 'last') fail(409, 'this is the last active key of the site; issue a new one first');
    return c.json({ id, revoked: true } satisfies SecretKeyRevoked);
  });
