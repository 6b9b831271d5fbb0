import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mrrReport, mrrSegments, type SubscriptionState } from './mrr';
import { OTHER_VALUE } from './report';

const at = (day: string) => Date.parse(`${day}T12:00:00Z`);
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
