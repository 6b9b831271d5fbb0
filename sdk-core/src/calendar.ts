import { DAY_MS } from './constants';

/** How a report's series is cut: calendar days, ISO weeks (Monday first) or calendar months. */
export type Interval = 'day' | 'week' | 'month';

/** One bucket of a series: its first and last calendar day inside the report's range. */
export interface Bucket {
  /** `2026-11-16` (day), `2026-W47` (ISO week) or `2026-11` (month). */
  label: string;
  from: string;
  to: string;
}

const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const msOf = (day: string) => Date.parse(`${day}T00:00:00Z`);

/** A calendar day plus (or minus) some days. */
export function addDays(day: string, days: number): string {
  return dayOf(msOf(day) + days * DAY_MS);
}

/** Days from `from` to `to` inclusive (1 for the same day). */
export function daysIn(from: string, to: string): number {
  return Math.round((msOf(to) - msOf(from)) / DAY_MS) + 1;
}

/** Whether a string names an IANA time zone this runtime knows. */
export function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function partsIn(ms: number, tz: string) {
  let format = formatters.get(tz);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone: tz,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
    });
    formatters.set(tz, format);
  }
  const parts: Record<string, number> = {};
  for (const p of format.formatToParts(ms)) if (p.type !== 'literal') parts[p.type] = Number(p.value);
  return parts as { year: number; month: number; day: number; hour: number; minute: number };
}

/** The calendar day an instant falls on in a time zone. */
export function dayIn(ms: number, tz: string): string {
  if (tz === 'UTC') return dayOf(ms);
  const p = partsIn(ms, tz);
  return `${String(p.year).padStart(4, '0')}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`;
}

/** Minutes a zone is ahead of UTC at an instant (e.g. +60 for Berlin in winter). */
function offsetMs(ms: number, tz: string): number {
  const p = partsIn(ms, tz);
  return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute) - Math.floor(ms / 60_000) * 60_000;
}

/**
 * The instant a calendar day starts in a time zone, in UTC milliseconds (DST-aware: the
 * offset is read at the instant itself, then re-checked once).
 * @example startOfDay('2026-07-01', 'Europe/Berlin') // Date.parse('2026-06-30T22:00:00Z')
 */
export function startOfDay(day: string, tz: string): number {
  const wall = msOf(day);
  if (tz === 'UTC') return wall;
  const first = wall - offsetMs(wall, tz);
  const second = wall - offsetMs(first, tz);
  return second;
}

/** The first day of the bucket a day belongs to: itself, the Monday of its ISO week, or the 1st of its month. */
export function bucketStart(day: string, interval: Interval): string {
  if (interval === 'day') return day;
  if (interval === 'month') return `${day.slice(0, 7)}-01`;
  const weekday = (new Date(msOf(day)).getUTCDay() + 6) % 7; // Monday = 0
  return addDays(day, -weekday);
}

/** ISO 8601 week label of a day, `2026-W01` … `2026-W53` (the week belongs to the year of its Thursday). */
export function isoWeek(day: string): string {
  const thursday = addDays(bucketStart(day, 'week'), 3);
  const year = thursday.slice(0, 4);
  const week = Math.floor((daysIn(`${year}-01-01`, thursday) - 1) / 7) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}

function labelOf(day: string, interval: Interval): string {
  if (interval === 'day') return day;
  if (interval === 'month') return day.slice(0, 7);
  return isoWeek(day);
}

/**
 * The buckets covering `from`…`to` (inclusive days), clipped to the range at both ends.
 * @example buckets('2026-11-20', '2026-11-24', 'week') // 2026-W47 (20–22), 2026-W48 (23–24)
 */
export function buckets(from: string, to: string, interval: Interval): Bucket[] {
  const out: Bucket[] = [];
  let start = bucketStart(from, interval);
  while (start <= to) {
    const next =
      interval === 'day'
        ? addDays(start, 1)
        : interval === 'week'
          ? addDays(start, 7)
          : `${dayOf(Date.UTC(Number(start.slice(0, 4)), Number(start.slice(5, 7)), 1))}`;
    const last = addDays(next, -1);
    out.push({ label: labelOf(start, interval), from: start < from ? from : start, to: last > to ? to : last });
    start = next;
  }
  return out;
}

/**
 * The period of equal length just before `from`…`to`.
 * @example previousPeriod('2026-11-01', '2026-11-30') // { from: '2026-10-02', to: '2026-10-31' }
 */
export function previousPeriod(from: string, to: string): { from: string; to: string } {
  const length = daysIn(from, to);
  return { from: addDays(from, -length), to: addDays(from, -1) };
}
