import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  currenciesOf,
  minorPerMajor,
  monthlyMinor,
  mrrByAccount,
  mrrReport,
  mrrSegments,
  type SubscriptionState,
  subscriptionMrrMinor,
} from './mrr';
import { OTHER_VALUE } from './report';

const at = (day: string) => Date.parse(`${day}T12:00:00Z`);
/** A state of subscription `sub` (account = sub's letter before the dash) from `day` on. */
const state = (
  sub: string,
  day: string,
  mrrMinor: number,
  extra: Partial<SubscriptionState> = {},
): SubscriptionState => ({
  subscription: sub,
  account: sub.split('-')[0] as string,
  currency: 'usd',
  at: at(day),
  mrrMinor,
  endsAt: null,
  ...extra,
});
const Q1 = {
  from: Date.parse('2026-01-01'),
  to: Date.parse('2026-04-01'),
  interval: 'month' as const,
  currency: 'usd',
};
const figures = ({ movements: _, ...rest }: Record<string, unknown>) => rest;

describe('monthly amounts from Stripe prices', () => {
  it('normalises every interval to a month', () => {
    expect(monthlyMinor({ unitAmount: 120_000, quantity: 1, interval: 'year', intervalCount: 1 })).toBe(10_000);
    expect(monthlyMinor({ unitAmount: 30_000, quantity: 1, interval: 'month', intervalCount: 3 })).toBe(10_000);
    expect(monthlyMinor({ unitAmount: 1_200, quantity: 1, interval: 'week', intervalCount: 1 })).toBe(5_200);
    expect(monthlyMinor({ unitAmount: 120, quantity: 1, interval: 'day', intervalCount: 1 })).toBe(3_650);
    expect(monthlyMinor({ unitAmount: 5_000, quantity: 3, interval: 'month', intervalCount: 1 })).toBe(15_000);
  });

  it('applies lasting discounts, counts trials and paused or ended subscriptions as 0', () => {
    const monthly = { unitAmount: 5_000, quantity: 3, interval: 'month' as const, intervalCount: 1 };
    const yearly = { unitAmount: 120_000, quantity: 1, interval: 'year' as const, intervalCount: 1 };
    expect(subscriptionMrrMinor({ status: 'active', lines: [monthly], percentOff: 20 })).toBe(12_000);
    expect(subscriptionMrrMinor({ status: 'active', lines: [monthly], amountOff: 1_000 })).toBe(14_000);
    // 12,000 off each yearly invoice is 1,000 a month.
    expect(subscriptionMrrMinor({ status: 'active', lines: [yearly], amountOff: 12_000 })).toBe(9_000);
    expect(subscriptionMrrMinor({ status: 'active', lines: [monthly], amountOff: 99_999 })).toBe(0);
    expect(subscriptionMrrMinor({ status: 'past_due', lines: [monthly] })).toBe(15_000);
    expect(subscriptionMrrMinor({ status: 'active', lines: [monthly, yearly] })).toBe(25_000);
    for (const status of ['trialing', 'canceled', 'incomplete', 'incomplete_expired', 'unpaid', 'paused']) {
      expect(subscriptionMrrMinor({ status, lines: [monthly] }), status).toBe(0);
    }
    expect(subscriptionMrrMinor({ status: 'active', lines: [monthly], paused: true })).toBe(0);
    // 1,000 a week is 4,333.33… a month: rounded to a whole cent.
    expect(
      subscriptionMrrMinor({
        status: 'active',
        lines: [{ ...monthly, unitAmount: 1_000, quantity: 1, interval: 'week' }],
      }),
    ).toBe(4_333);
  });

  it('knows zero- and three-decimal currencies', () => {
    expect([minorPerMajor('usd'), minorPerMajor('JPY'), minorPerMajor('kwd'), minorPerMajor('eur')]).toEqual([
      100, 1, 1000, 100,
    ]);
  });
});

describe('mrrReport', () => {
  it('reports zeros and no rates when there are no subscriptions', () => {
    const report = mrrReport([], Q1);
    expect(report.periods.map((p) => p.period)).toEqual(['2026-01-01', '2026-02-01', '2026-03-01']);
    expect(figures(report.periods[0] as never)).toEqual({
      period: '2026-01-01',
      start: 0,
      new: 0,
      expansion: 0,
      contraction: 0,
      churned: 0,
      reactivation: 0,
      end: 0,
      net: 0,
      customers: { start: 0, end: 0 },
      logoChurnRate: null,
      revenueChurnRate: null,
      nrr: null,
      grr: null,
      arpa: null,
    });
  });

  it('follows one customer: new in January, kept after', () => {
    const report = mrrReport([state('a', '2026-01-10', 5_000)], Q1);
    expect(report.periods.map((p) => [p.start, p.new, p.end, p.nrr, p.grr, p.logoChurnRate])).toEqual([
      [0, 50, 50, null, null, null],
      [50, 0, 50, 1, 1, 0],
      [50, 0, 50, 1, 1, 0],
    ]);
    expect(report.periods[0]?.movements).toEqual([{ account: 'a', kind: 'new', amount: 50 }]);
  });

  it('tells a reactivation from a new customer', () => {
    // a: 50 from Jan 10, cancelled Feb 5, back at 80 on Mar 3.
    const states = [
      state('a-1', '2026-01-10', 5_000),
      state('a-1', '2026-02-05', 0),
      state('a-2', '2026-03-03', 8_000),
    ];
    const [jan, feb, mar] = mrrReport(states, Q1).periods;
    expect([jan?.new, jan?.reactivation]).toEqual([50, 0]);
    expect([feb?.churned, feb?.logoChurnRate, feb?.revenueChurnRate, feb?.nrr, feb?.grr, feb?.end]).toEqual([
      50, 1, 1, 0, 0, 0,
    ]);
    expect([mar?.new, mar?.reactivation, mar?.end]).toEqual([0, 80, 80]);
  });

  it('nets plan changes inside a period per account', () => {
    // Paying since December: a 100, b 200, c 50. In January: a upgrades to 150 (expansion 50),
    // b downgrades to 120 (contraction 80), c cancels (churned 50), d starts at 30 and upgrades
    // to 60 (new 60, not expansion), e starts and cancels (nothing).
    const states = [
      state('a', '2025-12-01', 10_000),
      state('b', '2025-12-01', 20_000),
      state('c', '2025-12-01', 5_000),
      state('a', '2026-01-15', 15_000),
      state('b', '2026-01-20', 12_000),
      state('c', '2026-01-10', 0),
      state('d', '2026-01-05', 3_000),
      state('d', '2026-01-25', 6_000),
      state('e', '2026-01-03', 9_000),
      state('e', '2026-01-28', 0),
    ];
    const jan = mrrReport(states, Q1).periods[0];
    // 350 + 60 + 50 − 80 − 50 = 330.
    expect(figures(jan as never)).toEqual({
      period: '2026-01-01',
      start: 350,
      new: 60,
      expansion: 50,
      contraction: 80,
      churned: 50,
      reactivation: 0,
      end: 330,
      net: -20,
      customers: { start: 3, end: 3 },
      logoChurnRate: 1 / 3,
      revenueChurnRate: 130 / 350,
      nrr: 270 / 350,
      grr: 220 / 350,
      arpa: 110,
    });
    expect(jan?.movements).toEqual([
      { account: 'b', kind: 'contraction', amount: 80 },
      { account: 'd', kind: 'new', amount: 60 },
      { account: 'a', kind: 'expansion', amount: 50 },
      { account: 'c', kind: 'churned', amount: 50 },
    ]);
  });

  it('gives CLV from MRR as ARPA over the pooled monthly revenue churn, or why not', () => {
    // From the plan-change case: January loses 130 of 350 and ends with ARPA 110.
    const states = [
      state('a', '2025-12-01', 10_000),
      state('b', '2025-12-01', 20_000),
      state('c', '2025-12-01', 5_000),
      state('a', '2026-01-15', 15_000),
      state('b', '2026-01-20', 12_000),
      state('c', '2026-01-10', 0),
      state('d', '2026-01-05', 3_000),
      state('d', '2026-01-25', 6_000),
    ];
    const january = { ...Q1, to: Date.parse('2026-02-01') };
    expect(mrrReport(states, january).clv).toEqual({
      arpa: 110,
      monthlyRevenueChurn: 130 / 350,
      value: 110 / (130 / 350),
      reason: null,
    });
    expect(mrrReport([state('a', '2025-12-01', 5_000)], january).clv).toEqual({
      arpa: 50,
      monthlyRevenueChurn: 0,
      value: null,
      reason: 'no MRR was lost: churn is 0',
    });
    expect(mrrReport([], january).clv.reason).toBe('no MRR at the start of any period');
  });

  it('counts an annual plan at its monthly value', () => {
    const yearly = subscriptionMrrMinor({
      status: 'active',
      lines: [{ unitAmount: 120_000, quantity: 1, interval: 'year', intervalCount: 1 }],
    });
    const [jan, feb] = mrrReport([state('a', '2026-01-20', yearly)], Q1).periods;
    expect([jan?.new, jan?.end, feb?.start, feb?.end]).toEqual([100, 100, 100, 100]);
  });

  it('churns a cancellation at period end when the period ends, not when it was asked for', () => {
    const states = [
      state('a', '2025-12-01', 10_000),
      state('a', '2026-01-10', 10_000, { endsAt: Date.parse('2026-02-14T00:00:00Z') }),
    ];
    const [jan, feb, mar] = mrrReport(states, Q1).periods;
    expect([jan?.churned, jan?.end, feb?.churned, feb?.end, mar?.start]).toEqual([0, 100, 100, 0, 0]);
  });

  it('does not depend on the order states arrive in', () => {
    const states = [
      state('a', '2025-12-01', 10_000),
      state('a', '2026-01-15', 15_000),
      state('a', '2026-02-15', 5_000),
      state('b', '2026-02-01', 2_000),
    ];
    expect(mrrReport([...states].reverse(), Q1)).toEqual(mrrReport(states, Q1));
  });

  it('reports one currency and never sums others; counts a yen as a yen', () => {
    const states = [
      state('a', '2026-01-05', 5_000),
      state('b', '2026-01-05', 4_000, { currency: 'eur' }),
      state('c', '2026-01-05', 2_000, { currency: 'eur' }),
      state('d', '2026-01-05', 5_000, { currency: 'jpy' }),
    ];
    expect(currenciesOf(states)).toEqual([
      { currency: 'eur', accounts: 2 },
      { currency: 'jpy', accounts: 1 },
      { currency: 'usd', accounts: 1 },
    ]);
    expect(mrrReport(states, { ...Q1, currency: 'EUR' }).periods[0]?.end).toBe(60);
    expect(mrrReport(states, { ...Q1, currency: 'usd' }).periods[0]?.end).toBe(50);
    expect(mrrReport(states, { ...Q1, currency: 'jpy' }).periods[0]?.end).toBe(5_000);
  });

  it('cuts ISO weeks from Monday and ends a running period at `to`', () => {
    const report = mrrReport([state('a', '2026-01-07', 5_000), state('a', '2026-01-14', 7_000)], {
      ...Q1,
      interval: 'week',
      to: Date.parse('2026-01-13'),
    });
    // The weeks of Mon Dec 29 (Jan 1 falls in it), Jan 5 (a starts on the 7th) and Jan 12, cut at
    // `to` = Jan 13, before a's upgrade on the 14th.
    expect(report.periods.map((p) => [p.period, p.start, p.new, p.expansion, p.end])).toEqual([
      ['2025-12-29', 0, 0, 0, 0],
      ['2026-01-05', 0, 50, 0, 50],
      ['2026-01-12', 50, 0, 0, 50],
    ]);
  });
});

describe('mrrByAccount', () => {
  it("sums each account's subscriptions at an instant and leaves out accounts at 0", () => {
    const states = [
      state('a-1', '2026-01-05', 5_000),
      state('a-2', '2026-01-06', 2_500),
      state('b', '2026-01-05', 9_000),
      state('b', '2026-01-20', 0),
      state('c', '2026-01-05', 1_000, { currency: 'eur' }),
    ];
    expect([...mrrByAccount(states, at('2026-01-10'), 'usd')]).toEqual([
      ['a', 75],
      ['b', 90],
    ]);
    expect([...mrrByAccount(states, at('2026-02-01'), 'usd')]).toEqual([['a', 75]]);
  });
});

describe('mrrSegments', () => {
  it('is empty with no subscriptions (n = 0)', () => {
    expect(mrrSegments([], Q1, new Map([['a', 'pro']]))).toEqual([]);
  });

  it('splits the periods by the account trait, accounts without it under null, most accounts first', () => {
    // a (pro): 100 from Jan 10, 150 from Feb 5. b (pro): 50 from Jan 3, churns Mar 2.
    // c (free, no trait): 20 from Feb 1. e: paid in euros, in no segment of the dollar report.
    const states = [
      state('a-1', '2026-01-10', 10_000),
      state('a-1', '2026-02-05', 15_000),
      state('b-1', '2026-01-03', 5_000),
      state('b-1', '2026-03-02', 0),
      state('c-1', '2026-02-01', 2_000),
      state('e-1', '2026-01-01', 9_000, { currency: 'eur' }),
    ];
    const segments = mrrSegments(
      states,
      Q1,
      new Map([
        ['a', 'pro'],
        ['b', 'pro'],
        ['e', 'pro'],
      ]),
    );
    expect(segments.map((s) => [s.value, s.accounts])).toEqual([
      ['pro', 2],
      [null, 1],
    ]);
    const pro = segments[0]?.periods.map((p) => [p.period, p.start, p.new, p.expansion, p.churned, p.end]);
    expect(pro).toEqual([
      ['2026-01-01', 0, 150, 0, 0, 150],
      ['2026-02-01', 150, 0, 50, 0, 200],
      ['2026-03-01', 200, 0, 0, 50, 150],
    ]);
    // March: start 200, lost 50 → GRR = NRR = 0.75.
    expect(segments[0]?.periods[2]?.grr).toBe(0.75);
    expect(segments[1]?.periods.map((p) => [p.new, p.end])).toEqual([
      [0, 0],
      [20, 20],
      [0, 20],
    ]);
    expect(segments[0]?.periods[0]).not.toHaveProperty('movements');
  });

  it('one account is one segment (n = 1)', () => {
    const segments = mrrSegments([state('a-1', '2026-01-10', 10_000)], Q1, new Map([['a', 'pro']]));
    expect(segments).toHaveLength(1);
    expect(segments[0]?.periods.map((p) => p.end)).toEqual([100, 100, 100]);
  });

  it('folds the values past the top k into (other), ties by value', () => {
    const states = ['a', 'b', 'c', 'd'].map((x) => state(`${x}-1`, '2026-01-10', 1_000));
    const segmentOf = new Map([
      ['a', 'x'],
      ['b', 'x'],
      ['c', 'z'],
      ['d', 'y'],
    ]);
    const segments = mrrSegments(states, Q1, segmentOf, 2);
    // x has 2 accounts; y and z 1 each, y first by value; z folds into (other).
    expect(segments.map((s) => [s.value, s.accounts, s.periods[0]?.end])).toEqual([
      ['x', 2, 20],
      ['y', 1, 10],
      [OTHER_VALUE, 1, 10],
    ]);
  });

  it('segments sum to the whole report, movement by movement (property)', () => {
    const subs = ['a-1', 'a-2', 'b-1', 'c-1', 'd-1', 'e-1'];
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            sub: fc.constantFrom(...subs),
            day: fc.integer({ min: 0, max: 120 }),
            mrr: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 50_000 })),
          }),
          { maxLength: 30 },
        ),
        fc.dictionary(fc.constantFrom('a', 'b', 'c', 'd', 'e'), fc.constantFrom('pro', 'free', 'team')),
        fc.integer({ min: 1, max: 4 }),
        (raw, traits, k) => {
          const states = raw.map((r) => ({
            ...state(r.sub, '2025-12-01', r.mrr),
            at: Date.parse('2025-12-01') + r.day * 86_400_000,
          }));
          const whole = mrrReport(states, Q1).periods;
          const segments = mrrSegments(states, Q1, new Map(Object.entries(traits)), k);
          expect(segments.length).toBeLessThanOrEqual(k + 1);
          for (const key of ['start', 'new', 'expansion', 'contraction', 'churned', 'reactivation', 'end'] as const) {
            whole.forEach((p, i) => {
              const sum = segments.reduce((s, seg) => s + (seg.periods[i]?.[key] ?? 0), 0);
              expect(Math.round(sum * 100), `${p.period} ${key}`).toBe(Math.round(p[key] * 100));
            });
          }
        },
      ),
    );
  });
});
