import { ZSiteSettings, ZSiteSettingsPatch } from '@heard/core';
import { Hono } from 'hono';
import { patchSiteSettings, siteSettings } from '../db/settings';
import type { AppEnv } from '../env';
import { requireSecretKey } from '../middleware/auth';
import { parseOr400, readJson } from '../middleware/body';
import { describeRoute } from '../openapi';
import { publicKeys } from '../siteCache';

describeRoute({
  method: 'get',
  path: '/v1/settings',
  summary: "The site's customer-success settings",
  description:
    'Time-to-value and resolution events, churn event and inactivity days, revenue event, account trait, health weights and at-risk threshold.',
  auth: 'secret',
  response: ZSiteSettings,
});

describeRoute({
  method: 'patch',
  path: '/v1/settings',
  summary: 'Change any subset of the customer-success settings',
  auth: 'secret',
  body: ZSiteSettingsPatch,
  response: ZSiteSettings,
});

/**
 * `GET /v1/settings` and `PATCH /v1/settings` (secret key): the site's customer-success
 * settings (time-to-value and resolution events, churn, revenue, account trait, health weights).
 * A patch may hold any subset; unknown keys and bad values are a 400 that changes nothing.
 */
export const settings = new Hono<AppEnv>()
  .use(requireSecretKey)
  .get('/', async (c) => c.json(await siteSettings(c.env.DB, c.var.site.id)))
  .patch('/', async (c) => {
    const patch = parseOr400(ZSiteSettingsPatch, await readJson(c), 'settings');
    const next = await patchSiteSettings(c.env.DB, c.var.site.id, patch);
    // This isolate's collect and active surveys see the change at once; others within the cache's TTL.
    publicKeys.forgetSite(c.var.site.id);
    return c.json(next);
  });
