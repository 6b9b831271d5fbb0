import { ZSiteCreate, ZSiteCreated } from '@heard/core';
import { createSite } from '../db/sites';
import { defineRoute } from '../route';
import { publicKeys } from '../siteCache';

/** `POST /v1/sites` (admin): creates a site; its secret key is shown this once. */
export const sites = [
  defineRoute(
    {
      method: 'post',
      path: '/v1/sites',
      operationId: 'createSite',
      tag: 'site',
      summary: 'Create a site; the secret key is shown once',
      auth: 'admin',
      body: { schema: ZSiteCreate, name: 'site' },
      response: { status: 201, schema: ZSiteCreated, description: 'the site, its public key and its first secret key' },
    },
    async (c, { body }) => {
      const site = await createSite(c.env.DB, body);
      // Nobody can have sent a key before it existed, but a lookup that raced it must not linger.
      publicKeys.forgetKey(site.publicKey);
      return c.json(site, 201);
    },
  ),
];
