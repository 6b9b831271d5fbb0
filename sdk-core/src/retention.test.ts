import { describe, expect, it } from 'vitest';
import { accountLives, customerLost, foldLives, periodBounds, retentionReport } from './retention';

const at = (m: number, d: number) => Date.UTC(2026, m - 1, d);

describe('retentionReport', () => {
  // A: since December, stays. B: since December, lost 10 Jan. C: new 5 Jan, lost 20 Feb.
  // D: new 3 Feb, stays. E: new 7 Jan, lost 20 Jan.
  const customers = [
    { first: Date.UTC(2025, 11, 15), lost: null },
    { first: Date.UTC(2025, 11, 20), lost: at(1, 10) },
    { first: at(1, 5), lost: at(2, 20) },
    { first: at(2, 3), lost: null },
    { first: at(1, 7), lost: at(1, 20) },
  ];
  const report = retentionReport(customers, { from: at(1, 1), to: at(4, 1), interval: 'month' });

  it('counts customers at start, new and lost, with churn = lost ÷ start and retention = (end − new) ÷ start', () => {
    expect(report.periods).toEqual([
      // January: A, B at start; C, E new; B, E lost → end 2, churn 2/2, retention (2 − 2)/2.
      { period: '2026-01-01', start: 2, new: 2, lost: 2, end: 2, churnRate: 1, retention: 0 },
      // February: A, C at start; D new; C lost → end 2, churn 1/2, retention (2 − 1)/2.
      { period: '2026-02-01', start: 2, new: 1, lost: 1, end: 2, churnRate: 0.5, retention: 0.5 },
      { period: '2026-03-01', start: 2, new: 0, lost: 0, end: 2, churnRate: 0, retention: 1 },
    ]);
    expect(report.churnRate).toBe(3 / 6);
  });

  it('counts a life with n as n customers, and one with n = 0 as none', () => {
    // The same five as cells: B, C, E once each; A and D folded into one cell of 2 (both stay,
    // A's first moved to December 20, where it counts the same), plus an empty cell.
    const cells = [
      { first: Date.UTC(2025, 11, 20), lost: null, n: 1 },
      { first: at(2, 3), lost: null, n: 1 },
      { first: Date.UTC(2025, 11, 20), lost: at(1, 10), n: 1 },
      { first: at(1, 5), lost: at(2, 20), n: 1 },
      { first: at(1, 7), lost: at(1, 20), n: 1 },
      { first: at(1, 9), lost: at(1, 9), n: 0 },
    ];
    expect(retentionReport(cells, { from: at(1, 1), to: at(4, 1), interval: 'month' })).toEqual(report);
    const doubled = retentionReport(
      customers.map((c) => ({ ...c, n: 2 })),
      { from: at(1, 1), to: at(4, 1), interval: 'month' },
    );
    expect(doubled.periods[0]).toMatchObject({ start: 4, new: 4, lost: 4, end: 4, churnRate: 1, retention: 0 });
    expect(doubled.cohorts[0]).toEqual({ cohort: '2026-01-01', size: 4, retained: [0.5, 0, 0] });
    expect(
      retentionReport([{ first: at(1, 9), lost: null, n: 0 }], { from: at(1, 1), to: at(2, 1), interval: 'month' }),
    ).toEqual(retentionReport([], { from: at(1, 1), to: at(2, 1), interval: 'month' }));
  });

  it('builds a cohort table by month of first activity', () => {
    expect(report.cohorts).toEqual([
      // January cohort C, E: at the end of January only C remains, then nobody.
      { cohort: '2026-01-01', size: 2, retained: [0.5, 0, 0] },
      { cohort: '2026-02-01', size: 1, retained: [1, 1] },
    ]);
  });

  it('ends the last period at `to`: a loss after it is not in the window', () => {
    // from 1 Sep to 15 Sep (inclusive, so the window ends 16 Sep 00:00). D, E since August stay;
    // A, B, C are new 1–3 Sep; A lost 5 Sep, B lost 20 Sep (after `to`), C stays.
    // September: start 2 (D, E), new 3, lost 1 (A), end 4; churn 1/2, retention (4 − 3)/2 = 0.5;
    // the September cohort keeps B and C at 15 Sep: 2/3 (the calendar month would give 1/3).
    const sep = (d: number) => Date.UTC(2026, 8, d);
    const window = retentionReport(
      [
        { first: Date.UTC(2026, 7, 10), lost: null },
        { first: Date.UTC(2026, 7, 12), lost: null },
        { first: sep(1), lost: sep(5) },
        { first: sep(2), lost: sep(20) },
        { first: sep(3), lost: null },
      ],
      { from: sep(1), to: sep(16), interval: 'month' },
    );
    expect(window.periods).toEqual([
      { period: '2026-09-01', start: 2, new: 3, lost: 1, end: 4, churnRate: 0.5, retention: 0.5 },
    ]);
    expect(window.cohorts).toEqual([{ cohort: '2026-09-01', size: 3, retained: [2 / 3] }]);
    expect(window.churnRate).toBe(0.5);
  });

  it('leaves the pooled churn null when no period starts with a customer, even after a loss', () => {
    // One account, first active 5 Jan and lost 20 Jan: January starts with 0 customers, so
    // lost ÷ start is undefined there, and Σ lost ÷ Σ start = 1 ÷ 0. CLV (1 ÷ 12·churn) is then null too.
    const alone = retentionReport([{ first: at(1, 5), lost: at(1, 20) }], {
      from: at(1, 1),
      to: at(2, 1),
      interval: 'month',
    });
    expect(alone.periods).toEqual([
      { period: '2026-01-01', start: 0, new: 1, lost: 1, end: 0, churnRate: null, retention: null },
    ]);
    expect(alone.churnRate).toBeNull();
  });

  it('has weekly periods starting on Mondays', () => {
    expect(periodBounds(at(11, 4), at(11, 17), 'week').map((t) => new Date(t).toISOString().slice(0, 10))).toEqual([
      '2026-11-02',
      '2026-11-09',
      '2026-11-16',
      '2026-11-23',
    ]);
  });
});

describe('customerLost', () => {
  it('is the churned event when there is one', () => {
    expect(customerLost({ last: 50, churned: 20, now: 100, inactivityMs: 30 })).toBe(20);
  });
  it('is last activity + the inactivity window once that has passed, else still a customer', () => {
    expect(customerLost({ last: 50, churned: null, now: 100, inactivityMs: 30 })).toBe(80);
    expect(customerLost({ last: 80, churned: null, now: 100, inactivityMs: 30 })).toBeNull();
  });
});

describe('accountLives', () => {
  it('loses an account only when its last user is lost', () => {
    const lives = accountLives(
      [
        { account: 'acme', first: 10, last: 20, churned: null },
        { account: 'acme', first: 5, last: 90, churned: null },
        { account: 'solo', first: 30, last: 40, churned: 45 },
      ],
      { now: 100, inactivityMs: 30 },
    );
    // acme: user 1 lost at 50, user 2 still active → a customer since 5; solo churned at 45.
    expect(lives).toEqual([
      { first: 5, lost: null },
      { first: 30, lost: 45 },
    ]);
    expect(
      accountLives(
        [
          { account: 'a', first: 0, last: 10, churned: null },
          { account: 'a', first: 0, last: 20, churned: null },
        ],
        { now: 100, inactivityMs: 30 },
      ),
    ).toEqual([{ first: 0, lost: 50 }]);
  });
});

describe('foldLives', () => {
  // Months from January to a window ending at noon on 15 March; the last day (from 15 March 00:00) stays exact.
  const to = at(3, 15) + 12 * 3_600_000;
  const bounds = periodBounds(at(1, 10), to, 'month');
  const cells = [
    { first: at(1, 5), lost: at(2, 10), n: 2 },
    { first: at(1, 20), lost: at(2, 3), n: 1 },
    { first: at(1, 31), lost: at(3, 15), n: 1 },
    { first: Date.UTC(2025, 11, 20), lost: at(1, 2), n: 1 },
    { first: at(2, 1), lost: at(3, 14), n: 4 },
    { first: at(2, 2), lost: at(3, 16), n: 0 },
  ];

  it('moves each time before the cut to its period bound and sums the lives that then meet', () => {
    expect(bounds).toEqual([at(1, 1), at(2, 1), at(3, 1), at(4, 1)]);
    expect(foldLives(cells, bounds, at(3, 15))).toEqual([
      { first: at(1, 1), lost: at(2, 1), n: 3 },
      { first: at(1, 1), lost: at(3, 15), n: 1 },
      // Before the first bound: left as it is (it compares alike with every bound).
      { first: Date.UTC(2025, 11, 20), lost: at(1, 1), n: 1 },
      { first: at(2, 1), lost: at(3, 1), n: 4 },
    ]);
    expect(foldLives([], bounds, at(3, 15))).toEqual([]);
  });

  it('leaves the report as it was, by month and by week', () => {
    for (const interval of ['month', 'week'] as const) {
      const window = { from: at(1, 10), to, interval };
      const b = periodBounds(window.from, window.to, interval);
      expect(retentionReport(foldLives(cells, b, at(3, 15)), window)).toEqual(retentionReport(cells, window));
    }
  });
});
