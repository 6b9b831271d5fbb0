import type { DurationsResponse } from '@heard/core';
import { dateWindow, durationsReport, ZDurationsQuery, ZDurationsResponse } from '@heard/core';
import { durationEntities } from '../db/durations';
import { siteSettings } from '../db/settings';
import { defineRoute } from '../route';

/**
 * `GET /v1/durations` (secret key): per entity (e.g. a ticket id sent as `entity`), first
 * `start` → first `end` event: count, mean, p50/p75/p90 and the open backlog, optionally
 * `by` a prop of the start event or a trait of the user who started it.
 */
export const durations = [
  defineRoute(
    {
      method: 'get',
      path: '/v1/durations',
      operationId: 'getDurations',
      tag: 'success',
      summary: 'Resolution time per entity: count, mean, p50/p75/p90, open backlog',
      auth: 'secret',
      query: ZDurationsQuery,
      response: { status: 200, schema: ZDurationsResponse, description: 'the resolution-time report' },
    },
    async (c, { query }) => {
      const settings = await siteSettings(c.env.DB, c.var.site.id);
      const window = dateWindow({ from: query.from ?? '1970-01-01', to: query.to }, Date.now());
      const start = query.start ?? settings.resolution.start;
      const end = query.end ?? settings.resolution.end;
      const entities = await durationEntities(c.env.DB, { siteId: c.var.site.id, start, end, ...window, by: query.by });
      return c.json({
        start,
        end,
        from: new Date(window.from).toISOString(),
        to: new Date(window.to).toISOString(),
        by: query.by ?? null,
        exact: true,
        ...durationsReport(entities, { until: window.to, bySegment: !!query.by }),
      } satisfies DurationsResponse);
    },
  ),
];
