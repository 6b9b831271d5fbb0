import type { DurationsReport, DurationsResponse } from '@heard/core';
import {
  dateWindow,
  durationsFromRollup,
  durationsReport,
  ROLLUP,
  ZDurationsQuery,
  ZDurationsResponse,
} from '@heard/core';
import { ensureDurationRollup, readDurationRollup } from '../db/durationRollup';
import { durationEntities } from '../db/durations';
import { siteSettings } from '../db/settings';
import { dbFor } from '../db/site';
import { defineRoute } from '../route';

/**
 * `GET /v1/durations` (secret key): per entity (e.g. a ticket id sent as `entity`), first
 * `start` → first `end` event: count, mean, p50/p75/p90 and the open backlog, optionally
 * `by` a prop of the start event or a trait of the user who started it. Read from the rollup
 * (O(days × bins)) when it can answer and at least `ROLLUP.exactBelow` entities started, else
 * exactly from the events; `exact=` forces either.
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
      const db = dbFor(c.env, c.var.site);
      const siteId = c.var.site.id;
      const settings = await siteSettings(db, siteId);
      const now = Date.now();
      const window = dateWindow({ from: query.from ?? '1970-01-01', to: query.to }, now);
      const start = query.start ?? settings.resolution.start;
      const end = query.end ?? settings.resolution.end;
      const pair = { siteId, start, end, ...window };
      // The rollup follows the site's setting, counts up to now, and knows no props or traits.
      const rollupCan =
        start === settings.resolution.start &&
        end === settings.resolution.end &&
        start !== end &&
        window.to >= now &&
        !query.by;
      let report: DurationsReport | undefined;
      if (rollupCan && query.exact !== 'true') {
        await ensureDurationRollup(db, siteId, start, end);
        const rollup = await readDurationRollup(db, pair);
        const started = [...rollup.ended, ...rollup.open].reduce((sum, row) => sum + row.n, 0);
        if (query.exact === 'false' || started >= ROLLUP.exactBelow) report = durationsFromRollup(rollup, window.to);
      }
      const exact = report === undefined;
      report ??= durationsReport(await durationEntities(db, { ...pair, by: query.by }), {
        until: window.to,
        bySegment: !!query.by,
      });
      return c.json({
        start,
        end,
        from: new Date(window.from).toISOString(),
        to: new Date(window.to).toISOString(),
        by: query.by ?? null,
        exact,
        ...report,
      } satisfies DurationsResponse);
    },
  ),
];
