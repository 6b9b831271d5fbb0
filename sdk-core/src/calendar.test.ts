import { describe, expect, it } from 'vitest';
import {
  addDays,
  bucketStart,
  buckets,
  dayIn,
  daysIn,
  isoWeek,
  isTimeZone,
  previousPeriod,
  startOfDay,
} from './calendar';

describe('ISO weeks', () => {
  it('starts weeks on Monday and gives the year of their Thursday', () => {
    expect(bucketStart('2026-11-22', 'week')).toBe('2026-11-16'); // a Sunday
    expect(bucketStart('2026-11-23', 'week')).toBe('2026-11-23'); // a Monday
    expect(isoWeek('2026-01-01')).toBe('2026-W01'); // Thursday
    expect(isoWeek('2021-01-03')).toBe('2020-W53'); // Sunday of 2020's last week
    expect(isoWeek('2027-01-01')).toBe('2026-W53'); // 2026 has 53 weeks
    expect(isoWeek('2024-12-30')).toBe('2025-W01');
  });
});

describe('buckets', () => {
  it('clips the first and last bucket to the range', () => {
    expect(buckets('2026-11-20', '2026-11-24', 'week')).toEqual([
      { label: '2026-W47', from: '2026-11-20', to: '2026-11-22' },
      { label: '2026-W48', from: '2026-11-23', to: '2026-11-24' },
    ]);
    expect(buckets('2026-01-30', '2026-03-02', 'month').map((b) => [b.label, b.from, b.to])).toEqual([
      ['2026-01', '2026-01-30', '2026-01-31'],
      ['2026-02', '2026-02-01', '2026-02-28'],
      ['2026-03', '2026-03-01', '2026-03-02'],
    ]);
    expect(buckets('2026-12-31', '2027-01-01', 'day').map((b) => b.label)).toEqual(['2026-12-31', '2027-01-01']);
  });
});

describe('time zones', () => {
  it('finds local midnight across daylight saving time', () => {
    expect(startOfDay('2026-07-01', 'Europe/Berlin')).toBe(Date.parse('2026-06-30T22:00:00Z'));
    expect(startOfDay('2026-01-15', 'Europe/Berlin')).toBe(Date.parse('2026-01-14T23:00:00Z'));
    expect(startOfDay('2026-03-29', 'Europe/Berlin')).toBe(Date.parse('2026-03-28T23:00:00Z')); // DST starts at 02:00
    expect(startOfDay('2026-03-30', 'Europe/Berlin')).toBe(Date.parse('2026-03-29T22:00:00Z'));
    expect(startOfDay('2026-11-01', 'Asia/Kolkata')).toBe(Date.parse('2026-10-31T18:30:00Z'));
    expect(startOfDay('2026-11-01', 'America/Los_Angeles')).toBe(Date.parse('2026-11-01T07:00:00Z'));
    expect(startOfDay('2026-11-02', 'America/Los_Angeles')).toBe(Date.parse('2026-11-02T08:00:00Z'));
    expect(startOfDay('2026-11-01', 'UTC')).toBe(Date.parse('2026-11-01T00:00:00Z'));
  });

  it('tells the local day of an instant', () => {
    expect(dayIn(Date.parse('2026-11-01T23:30:00Z'), 'Europe/Berlin')).toBe('2026-11-02');
    expect(dayIn(Date.parse('2026-11-01T03:30:00Z'), 'America/New_York')).toBe('2026-10-31');
    expect(isTimeZone('Europe/Berlin')).toBe(true);
    expect(isTimeZone('Mars/Olympus')).toBe(false);
  });
});

describe('periods', () => {
  it('gives the previous period of equal length', () => {
    expect(previousPeriod('2026-11-01', '2026-11-30')).toEqual({ from: '2026-10-02', to: '2026-10-31' });
    expect(previousPeriod('2026-03-01', '2026-03-01')).toEqual({ from: '2026-02-28', to: '2026-02-28' });
    expect(daysIn('2026-02-01', '2026-03-01')).toBe(29);
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
  });
});
