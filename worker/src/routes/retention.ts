import type { RetentionResponse } from '@heard/core';
import { accountLives, DAY_MS, dateWindow, retentionReport, ZRetentionQuery, ZRetentionResponse } from '@heard/core';
import { customerRows } from '../db/retention';
import { siteSettings } from '../db/settings';
import { dbFor } from '../db/site';
import { defineRoute } from '../route';

/**
 * `GET /v1/retention` (secret key): customers (accounts of identified users) at the start of
 * each month or week, new, lost (a churn event, or no activity for the site's inactivity
 * days), churn and retention rates, and a cohort table. Default: the last 365 days.
 */
export const retention = [
  defineRoute(
    {
      method: 'get',
      path: '/v1/retention',
      operationId: 'getRetention',
      tag: 'success',
      summary: 'Customers at start, new, lost, churn and retention per period; a cohort table',
      auth: 'secret',
      query: ZRetentionQuery,
      response: { status: 200, schema: ZRetentionResponse, description: 'the churn and retention report' },
    },
    async (c, { query }) => {
      const settings = await siteSettings(dbFor(c.env, c.var.site), c.var.site.id);
      const now = Date.now();
      const window = dateWindow(query, now, 365);
      const users = await customerRows(dbFor(c.env, c.var.site), {
        siteId: c.var.site.id,
        to: window.to,
        churnEvent: settings.churn.event,
        accountTrait: settings.account.trait,
      });
      const lives = accountLives(users, { now, inactivityMs: settings.churn.inactivityDays * DAY_MS });
      return c.json({
        churnEvent: settings.churn.event,
        inactivityDays: settings.churn.inactivityDays,
        ...retentionReport(lives, { ...window, interval: query.interval }),
      } satisfies RetentionResponse);
    },
  ),
];
