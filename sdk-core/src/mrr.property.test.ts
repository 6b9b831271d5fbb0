import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mrrReport, type SubscriptionState } from './mrr';

const FROM = Date.parse('2026-01-01');
const TO = Date.parse('2026-07-01');
const DAY = 86_400_000;
const ACCOUNT_OF: Record<string, string> = { s1: 'a', s2: 'a', s3: 'b', s4: 'b', s5: 'c', s6: 'c' };

/** Random changes of six subscriptions (two per account) over the half year and the month before it. */
const changes = fc.array(
  fc.record({
    subscription: fc.constantFrom('s1', 's2', 's3', 's4', 's5', 's6'),
    at: fc.integer({ min: FROM - 31 * DAY, max: TO }),
    mrrMinor: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 100_000 })),
    endsAt: fc.option(fc.integer({ min: FROM - 31 * DAY, max: TO + 31 * DAY })),
  }),
  { maxLength: 40 },
);

describe('mrrReport properties', () => {
  it('movements sum to end − start, each account moves at most once a period, periods chain', () => {
    fc.assert(
      fc.property(changes, fc.constantFrom('month' as const, 'week' as const), (raw, interval) => {
        const states: SubscriptionState[] = raw.map((c) => ({
          ...c,
          account: ACCOUNT_OF[c.subscription] as string,
          currency: 'usd',
        }));
        const report = mrrReport(states, { from: FROM, to: TO, interval, currency: 'usd' });
        let previousEnd: number | null = null;
        for (const p of report.periods) {
          const moved = p.new + p.expansion - p.contraction - p.churned + p.reactivation;
          expect(Math.round((p.start + moved) * 100)).toBe(Math.round(p.end * 100));
          const accounts = p.movements.map((m) => m.account);
          expect(new Set(accounts).size).toBe(accounts.length);
          const byKind = (kind: string) => p.movements.filter((m) => m.kind === kind).reduce((s, m) => s + m.amount, 0);
          expect(Math.round(byKind('new') * 100)).toBe(Math.round(p.new * 100));
          expect(Math.round(byKind('churned') * 100)).toBe(Math.round(p.churned * 100));
          if (previousEnd !== null) expect(p.start).toBe(previousEnd);
          previousEnd = p.end;
          if (p.grr !== null) expect(p.grr).toBeLessThanOrEqual(1);
          if (p.nrr !== null && p.grr !== null) expect(p.nrr).toBeGreaterThanOrEqual(p.grr);
        }
      }),
    );
  });
});
