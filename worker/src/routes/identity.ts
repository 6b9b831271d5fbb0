import { ZIdentitySecret } from '@heard/core';
import { issueIdentitySecret } from '../identity';
import { defineRoute } from '../route';
import { publicKeys } from '../siteCache';

/** `POST /v1/identity/secret` (secret key): issues the identity secret that signs user ids. */
export const identity = [
  defineRoute(
    {
      method: 'post',
      path: '/v1/identity/secret',
      operationId: 'issueIdentitySecret',
      tag: 'site',
      summary: "Issue or rotate the site's identity secret (ids_…), shown once",
      description:
        'userHash = lowercase hex HMAC-SHA256(identity secret, userId). Rotating replaces the secret at once: hashes made with the old one stop verifying. Turn verification on with PATCH /v1/settings { identity: { required: true } }. A collector deployed without its SECRETS_KEY answers 503.',
      auth: 'secret',
      errors: [503],
      response: { status: 201, schema: ZIdentitySecret, description: 'the new identity secret, shown this once' },
    },
    async (c) => {
      const issued = await issueIdentitySecret(c.env, c.var.site.id);
      // This isolate's collect verifies with the new secret at once; others within the cache's TTL.
      publicKeys.forgetSite(c.var.site.id);
      return c.json(issued, 201);
    },
  ),
];
