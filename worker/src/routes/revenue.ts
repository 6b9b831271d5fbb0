import type { RevenueResponse } from '@heard/core';
import {
  accountLives,
  DAY_MS,
  dateWindow,
  retentionReport,
  revenueReport,
  ZRevenueQuery,
  ZRevenueResponse,
} from '@heard/core';
import { customerRows } from '../db/retention';
import { revenueRows } from '../db/revenue';
import { siteSettings } from '../db/settings';
import { dbFor } from '../db/site';
import { defineRoute } from '../route';

/**
 * `GET /v1/revenue` (secret key): from `track('revenue', { kind }, { value })` events in
 * `[from, to]` (default: the last 365 days): new, expansion and contraction revenue, ARPA,
 * net revenue retention against the previous window of the same length, and CLV, whose
 * lifespan comes from the monthly churn rate of the retention report over the same window.
 */
export const revenue = [
  defineRoute(
    {
      method: 'get',
      path: '/v1/revenue',
      operationId: 'getRevenue',
      tag: 'success',
      summary: 'Expansion and contraction revenue, ARPA, net revenue retention and CLV',
      auth: 'secret',
      query: ZRevenueQuery,
      response: { status: 200, schema: ZRevenueResponse, description: 'the revenue report' },
    },
    async (c, { query }) => {
      const settings = await siteSettings(dbFor(c.env, c.var.site), c.var.site.id);
      const now = Date.now();
      const window = dateWindow(query, now, 365);
      const siteId = c.var.site.id;
      const [events, users] = await Promise.all([
        revenueRows(dbFor(c.env, c.var.site), {
          siteId,
          event: settings.revenue.event,
          from: window.from - (window.to - window.from),
          to: window.to,
          accountTrait: settings.account.trait,
        }),
        customerRows(dbFor(c.env, c.var.site), {
          siteId,
          to: window.to,
          churnEvent: settings.churn.event,
          accountTrait: settings.account.trait,
        }),
      ]);
      const lives = accountLives(users, { now, inactivityMs: settings.churn.inactivityDays * DAY_MS });
      const monthlyChurn = retentionReport(lives, { ...window, interval: 'month' }).churnRate;
      const report = revenueReport(events, { ...window, monthlyChurn });
      return c.json({
        event: settings.revenue.event,
        ...report,
        from: new Date(report.from).toISOString(),
        to: new Date(report.to).toISOString(),
        monthlyChurn,
      } satisfies RevenueResponse);
    },
  ),
];
