import { ZKeyList, ZKeyRevoked, ZSecretKeyIssued } from '@heard/core';
import { z } from 'zod';
import { sha256 } from '../crypto';
import { issueSecretKey, keyId, listSecretKeys, revokeSecretKey } from '../db/keys';
import { bearer } from '../middleware/auth';
import { fail } from '../middleware/errors';
import { defineRoute } from '../route';

const currentKeyId = async (authorization: string | undefined) => keyId(await sha256(bearer(authorization) ?? ''));

/**
 * Secret-key rotation without downtime, all scoped to the caller's own site:
 * `POST /v1/keys` issues a new secret (the old one keeps working), the deploy switches to it,
 * then `DELETE /v1/keys/current` (or `/v1/keys/:id`) revokes the old one. `GET /v1/keys` lists
 * ids and dates, never keys.
 */
export const keys = [
  defineRoute(
    {
      method: 'get',
      path: '/v1/keys',
      operationId: 'listKeys',
      tag: 'site',
      summary: "The site's secret keys: ids and dates, never the keys",
      auth: 'secret',
      response: { status: 200, schema: ZKeyList, description: 'every key, and which one this request used' },
    },
    async (c) => {
      const current = await currentKeyId(c.req.header('Authorization'));
      const list = await listSecretKeys(c.env.DB, c.var.site.id);
      return c.json({ keys: list.map((k) => ({ ...k, current: k.id === current })) });
    },
  ),
  defineRoute(
    {
      method: 'post',
      path: '/v1/keys',
      operationId: 'issueKey',
      tag: 'site',
      summary: 'Issue another secret key (shown once); the others keep working',
      auth: 'secret',
      response: { status: 201, schema: ZSecretKeyIssued, description: 'the new key, shown this once' },
    },
    async (c) => c.json(await issueSecretKey(c.env.DB, c.var.site.id), 201),
  ),
  defineRoute(
    {
      method: 'delete',
      path: '/v1/keys/{id}',
      operationId: 'revokeKey',
      tag: 'site',
      summary: 'Revoke a secret key by id, or `current` for the one this request uses',
      description: 'The last active key of a site cannot be revoked (409): issue a new one first.',
      auth: 'secret',
      params: z.object({ id: z.string().max(32).describe('a key id (16 hex digits) or `current`') }),
      errors: [404, 409],
      response: { status: 200, schema: ZKeyRevoked, description: 'the key is revoked' },
    },
    async (c, { params }) => {
      const id = params.id === 'current' ? await currentKeyId(c.req.header('Authorization')) : params.id.toLowerCase();
      if (!/^[0-9a-f]{16}$/.test(id)) fail(404, 'no such key');
      const outcome = await revokeSecretKey(c.env.DB, c.var.site.id, id);
      if (outcome === 'missing') fail(404, 'no such active key for this site');
      if (outcome === 'last') fail(409, 'this is the last active key of the site; issue a new one first');
      return c.json({ id, revoked: true as const });
    },
  ),
];
