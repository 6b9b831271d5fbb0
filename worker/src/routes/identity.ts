import { ZIdentitySecret } from '@heard/core';
import { Hono } from 'hono';
import type { AppEnv } from '../env';
import { issueIdentitySecret } from '../identity';
import { requireSecretKey } from '../middleware/auth';
import { describeRoute } from '../openapi';
import { publicKeys } from '../siteCache';

describeRoute({
  method: 'post',
  path: '/v1/identity/secret',
  summary: "Issue or rotate the site's identity secret (ids_…), shown once",
  description:
    'userHash = lowercase hex HMAC-SHA256(identity secret, userId). Rotating replaces the secret at once: hashes made with the old one stop verifying. Turn verification on with PATCH /v1/settings { identity: { required: true } }.',
  auth: 'secret',
  response: ZIdentitySecret,
  status: 201,
});

/** `POST /v1/identity/secret` (secret key): issues the identity secret that signs user ids. */
export const identity = new Hono<AppEnv>().use(requireSecretKey).post('/secret', async (c) => {
  const issued = await issueIdentitySecret(c.env, c.var.site.id);
  // This isolate's collect verifies with the new secret at once; others within the cache's TTL.
  publicKeys.forgetSite(c.var.site.id);
  return c.json(issued, 201);
});
