import { ZSiteSettings, ZSiteSettingsPatch } from '@heard/core';
import { copySettingsToPrimary, patchSiteSettings, siteSettings } from '../db/settings';
import { dbFor } from '../db/site';
import { defineRoute } from '../route';
import { publicKeys } from '../siteCache';

/**
 * `GET /v1/settings` and `PATCH /v1/settings` (secret key): the site's customer-success
 * settings (time-to-value and resolution events, churn, revenue, account trait, health weights).
 * A patch may hold any subset; unknown keys and bad values are a 400 that changes nothing.
 */
export const settings = [
  defineRoute(
    {
      method: 'get',
      path: '/v1/settings',
      operationId: 'getSettings',
      tag: 'site',
      summary: "The site's customer-success settings",
      description:
        'Time-to-value and resolution events, churn event and inactivity days, revenue event, account trait, health weights and at-risk threshold.',
      auth: 'secret',
      response: { status: 200, schema: ZSiteSettings, description: 'every setting, defaults filled in' },
    },
    async (c) => c.json(await siteSettings(dbFor(c.env, c.var.site), c.var.site.id)),
  ),
  defineRoute(
    {
      method: 'patch',
      path: '/v1/settings',
      operationId: 'updateSettings',
      tag: 'site',
      summary: 'Change any subset of the customer-success settings',
      auth: 'secret',
      body: { schema: ZSiteSettingsPatch, name: 'settings' },
      response: { status: 200, schema: ZSiteSettings, description: 'every setting after the change' },
    },
    async (c, { body: patch }) => {
      const db = dbFor(c.env, c.var.site);
      const next = await patchSiteSettings(db, c.var.site.id, patch);
      await copySettingsToPrimary(c.env.DB, db, c.var.site.id);
      // This isolate's collect and active surveys see the change at once; others within the cache's TTL.
      publicKeys.forgetSite(c.var.site.id);
      return c.json(next);
    },
  ),
];
