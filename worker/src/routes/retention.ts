import type { CustomerLife, RetentionResponse } from '@heard/core';
import { accountLives, DAY_MS, dateWindow, retentionReport, ZRetentionQuery, ZRetentionResponse } from '@heard/core';
import { customerRows } from '../db/retention';
import { ensureRetentionRollup, retentionLives } from '../db/retentionRollup';
import { siteSettings } from '../db/settings';
import { dbFor } from '../db/site';
import { defineRoute } from '../route';

/**
 * `GET /v1/retention` (secret key): customers (accounts of identified users) at the start of
 * each month or week, new, lost (a churn event, or no activity for the site's inactivity
 * days), churn and retention rates, and a cohort table. Default: the last 365 days. Read
 * from the retention rollup (O(periods² + 31²) counts); a window ending after now (one that starts
 * in the future) reads every customer, as its lost times still ahead matter to it.
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
      const db = dbFor(c.env, c.var.site);
      const settings = await siteSettings(db, c.var.site.id);
      const now = Date.now();
      const window = dateWindow(query, now, 365);
      const key = {
        accountTrait: settings.account.trait,
        churnEvent: settings.churn.event,
        inactivityMs: settings.churn.inactivityDays * DAY_MS,
      };
      let lives: CustomerLife[];
      if (window.to <= now) {
        await ensureRetentionRollup(db, c.var.site.id, key);
        lives = await retentionLives(db, { siteId: c.var.site.id, ...window, interval: query.interval });
      } else {
        const users = await customerRows(db, { siteId: c.var.site.id, to: window.to, ...key });
        lives = accountLives(users, { now, inactivityMs: key.inactivityMs });
      }
      return c.json({
        churnEvent: settings.churn.event,
        inactivityDays: settings.churn.inactivityDays,
        ...retentionReport(lives, { ...window, interval: query.interval }),
      } satisfies RetentionResponse);
    },
  ),
];
