import { z } from 'zod';
import { daysIn } from './calendar';

/** The longest range one report may span, in days (about three years). */
export const MAX_REPORT_DAYS = 1100;

/** A report day: an ISO date between 1970 and 2999, so every boundary is a real instant. */
export const ZReportDay = z.iso
  .date()
  .refine((day) => day >= '1970-01-01' && day <= '2999-12-31', 'a date from 1970 to 2999');

const today = () => new Date().toISOString().slice(0, 10);

/**
 * The one check of a report's window, shared by every report query: `from` ≤ `to`, and
 * `from`…`to` (today when `to` is omitted) spans at most {@link MAX_REPORT_DAYS} days.
 * @example export const ZRevenueQuery = windowed(z.object({ from: ZReportDay.optional(), to: ZReportDay.optional() }))
 */
export function windowed<S extends z.ZodType<{ from?: string | undefined; to?: string | undefined }>>(schema: S) {
  return schema.superRefine((query, ctx) => {
    const { from, to } = query;
    if (from && to && from > to) {
      ctx.addIssue({ code: 'custom', message: 'from must not be after to', path: ['from'] });
      return;
    }
    if (from && daysIn(from, to ?? today()) > MAX_REPORT_DAYS) {
      ctx.addIssue({
        code: 'custom',
        message: `from…to may span at most ${MAX_REPORT_DAYS} days`,
        path: ['from'],
      });
    }
  });
}
