import { z } from 'zod';
import { addDays, daysIn } from './calendar';
import { windowed, ZReportDay } from './window';

/** Query of `GET /v1/events/daily`: a UTC day range (default the last 30 days) and optionally one name. */
export const ZEventsDailyQuery = windowed(
  z.object({
    from: ZReportDay.optional(),
    to: ZReportDay.optional(),
    name: z.string().min(1).max(100).optional().describe('only this event name'),
  }),
);
export type EventsDailyQuery = z.infer<typeof ZEventsDailyQuery>;

/** The answer of `GET /v1/events/daily`, from the per-day counts (every event, stored raw or not). */
export const ZEventsDaily = z.object({
  from: z.string().describe('first UTC day'),
  to: z.string().describe('last UTC day'),
  total: z.number().int().min(0).describe('events in the range'),
  days: z
    .array(z.object({ day: z.string(), n: z.number().int().min(0) }))
    .describe('every day of the range, oldest first, with the events of that day (0 when none)'),
  names: z
    .array(
      z.object({
        name: z.string(),
        n: z.number().int().min(0),
        stored: z.boolean().describe('whether events of this name are stored raw under the settings now'),
      }),
    )
    .describe('each event name seen in the range, most frequent first'),
});
export type EventsDaily = z.infer<typeof ZEventsDaily>;

/**
 * Per-day counts as a series with every day of `from`…`to` (both inclusive), zeros where a
 * day has none, and the total.
 * @example dailySeries([{ day: '2026-01-02', n: 3 }], '2026-01-01', '2026-01-02')
 *   // { total: 3, days: [{ day: '2026-01-01', n: 0 }, { day: '2026-01-02', n: 3 }] }
 */
export function dailySeries(
  rows: readonly { day: string; n: number }[],
  from: string,
  to: string,
): { total: number; days: { day: string; n: number }[] } {
  const byDay = new Map<string, number>();
  for (const row of rows) byDay.set(row.day, (byDay.get(row.day) ?? 0) + row.n);
  const days: { day: string; n: number }[] = [];
  const count = from <= to ? daysIn(from, to) : 0;
  let total = 0;
  for (let i = 0; i < count; i++) {
    const day = addDays(from, i);
    const n = byDay.get(day) ?? 0;
    total += n;
    days.push({ day, n });
  }
  return { total, days };
}
