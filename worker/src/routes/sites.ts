import { ZSiteCreate } from '@heard/core';
import { Hono } from 'hono';
import { createSite } from '../db/sites';
import type { AppEnv } from '../env';
import { requireAdmin } from '../middleware/auth';
import { validate } from '../middleware/validate';
import { publicKeys } from '../siteCache';

/** `POST /v1/sites` (admin): creates a site; its secret key is shown this once. */
export const sites = new Hono<AppEnv>().post('/', requireAdmin, validate('json', ZSiteCreate), async (c) => {
  const site = await createSite(c.env.DB, c.req.valid('json'));
  // Nobody can have sent a key before it existed, but a lookup that raced it must not linger.
  publicKeys.forgetKey(site.publicKey);
  return c.json(site, 201);
});
