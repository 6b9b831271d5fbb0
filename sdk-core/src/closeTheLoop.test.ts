import { describe, expect, it } from 'vitest';
import { closeTheLoop, closeTheLoopSeries } from './closeTheLoop';
import { CONTACT_WITHIN_MS } from './constants';

const H = 3_600_000;
const NOW = Date.UTC(2026, 10, 30, 12);

describe('closeTheLoop', () => {
  it('is empty with no low answers (n = 0): no share, no median', () => {
    expect(closeTheLoop([], NOW)).toEqual({
      low: 0,
      contacted: 0,
      due: 0,
      withinTarget: 0,
      waiting: 0,
      share: null,
      medianMsToContact: null,
    });
  });

  it('n = 1 contacted after an hour: share 1, median 1 h', () => {
    const figures = closeTheLoop([{ receivedAt: NOW - 10 * H, contactedAt: NOW - 9 * H }], NOW);
    expect(figures).toMatchObject({ low: 1, contacted: 1, due: 1, withinTarget: 1, waiting: 0, share: 1 });
    expect(figures.medianMsToContact).toBe(H);
  });

  it('an uncontacted answer younger than 48 h is waiting, not a miss', () => {
    const figures = closeTheLoop([{ receivedAt: NOW - 47 * H, contactedAt: null }], NOW);
    expect(figures).toMatchObject({ low: 1, due: 0, waiting: 1, share: null, medianMsToContact: null });
  });

  it('an uncontacted answer exactly 48 h old is due, and missed', () => {
    const figures = closeTheLoop([{ receivedAt: NOW - 48 * H, contactedAt: null }], NOW);
    expect(figures).toMatchObject({ low: 1, due: 1, waiting: 0, withinTarget: 0, share: 0 });
  });

  it('a contact exactly 48 h after receipt is in time; one millisecond later is not', () => {
    expect(CONTACT_WITHIN_MS).toBe(48 * H);
    const at = NOW - 100 * H;
    expect(closeTheLoop([{ receivedAt: at, contactedAt: at + 48 * H }], NOW).share).toBe(1);
    expect(closeTheLoop([{ receivedAt: at, contactedAt: at + 48 * H + 1 }], NOW).share).toBe(0);
  });

  it('mixes: 2 of 4 due in time, the median over the 3 contacted, the young one waiting', () => {
    const at = NOW - 200 * H;
    const figures = closeTheLoop(
      [
        { receivedAt: at, contactedAt: at + H },
        { receivedAt: at, contactedAt: at + 3 * H },
        { receivedAt: at, contactedAt: at + 50 * H },
        { receivedAt: at, contactedAt: null },
        { receivedAt: NOW - H, contactedAt: null },
      ],
      NOW,
    );
    // due = 5 − 1 waiting = 4; in time: 1 h and 3 h → 2 ÷ 4; median of 1, 3, 50 h = 3 h.
    expect(figures).toEqual({
      low: 5,
      contacted: 3,
      due: 4,
      withinTarget: 2,
      waiting: 1,
      share: 0.5,
      medianMsToContact: 3 * H,
    });
  });

  it('takes the mean of the middle two as the median of an even count', () => {
    const at = NOW - 100 * H;
    const figures = closeTheLoop(
      [
        { receivedAt: at, contactedAt: at + H },
        { receivedAt: at, contactedAt: at + 3 * H },
      ],
      NOW,
    );
    expect(figures.medianMsToContact).toBe(2 * H);
  });

  it('counts a contact stamped before the receipt as immediate', () => {
    const figures = closeTheLoop([{ receivedAt: NOW - 10 * H, contactedAt: NOW - 11 * H }], NOW);
    expect(figures.medianMsToContact).toBe(0);
    expect(figures.share).toBe(1);
  });
});

describe('closeTheLoopSeries', () => {
  it('cuts by the UTC day of receipt into ISO weeks, clipped to the range, and leaves out the rest', () => {
    // 2026-11-16 is a Monday (W47); 2026-11-23 starts W48.
    const mon16 = Date.UTC(2026, 10, 16, 9);
    const sun22 = Date.UTC(2026, 10, 22, 23, 59);
    const mon23 = Date.UTC(2026, 10, 23, 0, 0);
    const series = closeTheLoopSeries(
      [
        { receivedAt: mon16, contactedAt: mon16 + 2 * H },
        { receivedAt: sun22, contactedAt: null },
        { receivedAt: mon23, contactedAt: mon23 + 60 * H },
        { receivedAt: Date.UTC(2026, 10, 10), contactedAt: null },
      ],
      '2026-11-18',
      '2026-11-24',
      'week',
      NOW,
    );
    expect(series.map((p) => [p.label, p.from, p.to, p.low, p.due, p.withinTarget, p.share])).toEqual([
      // mon16 is before the range's first day: only sun22, uncontacted and past 48 h.
      ['2026-W47', '2026-11-18', '2026-11-22', 1, 1, 0, 0],
      ['2026-W48', '2026-11-23', '2026-11-24', 1, 1, 0, 0],
    ]);
    expect(series[1]?.medianMsToContact).toBe(60 * H);
  });

  it('has every period of the range, empty ones with null figures', () => {
    const series = closeTheLoopSeries([], '2026-11-01', '2026-11-03', 'day', NOW);
    expect(series.map((p) => [p.label, p.low, p.share])).toEqual([
      ['2026-11-01', 0, null],
      ['2026-11-02', 0, null],
      ['2026-11-03', 0, null],
    ]);
  });
});
