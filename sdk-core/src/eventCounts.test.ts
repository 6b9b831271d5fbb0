import { describe, expect, it } from 'vitest';
import { dailySeries } from './eventCounts';
import { DEFAULT_SITE_SETTINGS, eventNamesRead, mergeSettings, storesEventRaw } from './successSettings';

describe('dailySeries', () => {
  it('fills every day of the range with zeros and totals the counts (n = 0)', () => {
    expect(dailySeries([], '2026-01-30', '2026-02-01')).toEqual({
      total: 0,
      days: [
        { day: '2026-01-30', n: 0 },
        { day: '2026-01-31', n: 0 },
        { day: '2026-02-01', n: 0 },
      ],
    });
  });

  it('adds rows of one day (one per name) and keeps one day for from = to (n = 1)', () => {
    const rows = [
      { day: '2026-03-01', n: 1 },
      { day: '2026-03-01', n: 4 },
    ];
    expect(dailySeries(rows, '2026-03-01', '2026-03-01')).toEqual({ total: 5, days: [{ day: '2026-03-01', n: 5 }] });
  });

  it('leaves out rows outside the range, and crosses a leap day', () => {
    const rows = [
      { day: '2024-02-28', n: 2 },
      { day: '2024-02-29', n: 3 },
      { day: '2024-03-02', n: 9 },
    ];
    expect(dailySeries(rows, '2024-02-28', '2024-03-01')).toEqual({
      total: 5,
      days: [
        { day: '2024-02-28', n: 2 },
        { day: '2024-02-29', n: 3 },
        { day: '2024-03-01', n: 0 },
      ],
    });
  });

  it('answers nothing for a reversed range', () => {
    expect(dailySeries([{ day: '2026-01-01', n: 1 }], '2026-01-02', '2026-01-01')).toEqual({ total: 0, days: [] });
  });
});

describe('eventNamesRead / storesEventRaw', () => {
  it('names the TTV, resolution, churn, revenue, trusted and identify events of the defaults', () => {
    expect([...eventNamesRead(DEFAULT_SITE_SETTINGS)].sort()).toEqual(
      ['activated', 'churned', 'identify', 'revenue', 'signed_up', 'ticket_opened', 'ticket_resolved'].sort(),
    );
    expect(DEFAULT_SITE_SETTINGS.events).toEqual({ store: 'metrics' });
    expect(storesEventRaw(DEFAULT_SITE_SETTINGS, 'activated')).toBe(true);
    expect(storesEventRaw(DEFAULT_SITE_SETTINGS, 'page_viewed')).toBe(false);
  });

  it('follows renamed settings and extra trusted events, and stores everything with all', () => {
    const renamed = mergeSettings(DEFAULT_SITE_SETTINGS, {
      ttv: { value: 'project_created' },
      trustedEvents: ['refund'],
    });
    expect(storesEventRaw(renamed, 'project_created')).toBe(true);
    expect(storesEventRaw(renamed, 'activated')).toBe(false);
    expect(storesEventRaw(renamed, 'refund')).toBe(true);
    const all = mergeSettings(DEFAULT_SITE_SETTINGS, { events: { store: 'all' } });
    expect(storesEventRaw(all, 'page_viewed')).toBe(true);
  });
});
