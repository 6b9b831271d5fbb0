import {
  addDays,
  dailySeries,
  type EventsDaily,
  siteSettingsFrom,
  storesEventRaw,
  ZEventsDaily,
  ZEventsDailyQuery,
} from '@heard/core';
import { eventCountRows } from '../db/eventCounts';
import { defineRoute } from '../route';

const DEFAULT_DAYS = 30;

/**
 * `GET /v1/events/daily` (secret key): events per day and per name from the per-day counts,
 * which hold every accepted event whether or not it is stored raw (settings.events.store).
 */
export const events = [
  defineRoute(
    {
      method: 'get',
      path: '/v1/events/daily',
      operationId: 'getEventsDaily',
      tag: 'success',
      summary: 'Events per day and per name, from the daily counts',
      description:
        'Every accepted event counts once (by its id) in its UTC day, stored raw or only counted. Default: the last 30 days up to today (UTC).',
      auth: 'secret',
      query: ZEventsDailyQuery,
      response: { status: 200, schema: ZEventsDaily, description: 'events per day and per name' },
    },
    async (c, { query }) => {
      const to = query.to ?? new Date().toISOString().slice(0, 10);
      const from = query.from ?? addDays(to, 1 - DEFAULT_DAYS);
      const rows = await eventCountRows(c.var.reader, c.var.site.id, from, to, query.name);
      const settings = siteSettingsFrom(c.var.site.settings);
      const byName = new Map<string, number>();
      for (const row of rows) byName.set(row.name, (byName.get(row.name) ?? 0) + row.n);
      const names = [...byName]
        .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
        .map(([name, n]) => ({ name, n, stored: storesEventRaw(settings, name) }));
      return c.json({ from, to, ...dailySeries(rows, from, to), names } satisfies EventsDaily);
    },
  ),
];
