import { ZSiteCreate, ZSiteCreated, ZSiteMove, ZSiteMoved } from '@heard/core';
import { z } from 'zod';
import { moveSite } from '../db/move';
import { createSite, siteById } from '../db/sites';
import { fail } from '../middleware/errors';
import { defineRoute } from '../route';
import { publicKeys } from '../siteCache';

/**
 * `POST /v1/sites` (admin): creates a site; its secret key is shown this once.
 * `POST /v1/sites/{id}/move` (admin): moves a site's data to another D1 binding.
 */
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
  defineRoute(
    {
      method: 'post',
      path: '/v1/sites/{id}/move',
      operationId: 'moveSite',
      tag: 'site',
      summary: "Move a site's data to another database (admin)",
      description:
        "Copies every table of the site to the named D1 binding in pages, while collect and batch keep accepting (what arrives meanwhile is parked and replayed into the new database), checks each table's rows and count totals, switches `sites.database`, then deletes the old rows. Other writes to the site answer 503 during the move; reads keep the old database until the switch.",
      auth: 'admin',
      params: z.object({ id: z.string().describe('the site id') }),
      body: { schema: ZSiteMove, name: 'move' },
      errors: [400, 404, 409],
      response: { status: 200, schema: ZSiteMoved, description: 'rows copied and checked per table' },
    },
    async (c, { params, body }) => {
      const site = await siteById(c.env.DB, params.id);
      if (!site) fail(404, `no site ${params.id}`);
      const moved = await moveSite(c.env, site, body.database);
      publicKeys.forgetSite(site.id);
      return c.json(moved);
    },
  ),
];
