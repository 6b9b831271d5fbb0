import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MRR_BANDS, mrrBand } from './constants';
import { mrrReport, type SubscriptionState } from './mrr';
import { churnedMrrList, lostMrr, npsByMrrBand } from './mrrFeedback';
import { nps } from './nps';

const ACCOUNTS = ['a', 'b', 'c', 'd', 'e', 'f'];
const amount = fc.oneof(
  fc.constant(0),
  fc.constantFrom(99.99, 100, 999.99, 1000),
  fc.double({ min: 0.01, max: 5000, noNaN: true }),
);

describe('npsByMrrBand, for random accounts, answers and MRR', () => {
  it('puts every account in exactly one band, and each band’s NPS is nps() of its members’ answers', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            account: fc.constantFrom(...ACCOUNTS),
            nps: fc.option(fc.record({ score: fc.integer({ min: 0, max: 10 }) })),
          }),
          { maxLength: 12 },
        ),
        fc.dictionary(fc.constantFrom(...ACCOUNTS, 'stripeOnly'), amount),
        (accounts, mrrs) => {
          const mrr = new Map(Object.entries(mrrs));
          const bands = npsByMrrBand(accounts, mrr);
          expect(bands.map((b) => b.band)).toEqual(MRR_BANDS.map((b) => b.band));
          const distinct = new Set([...accounts.map((a) => a.account), ...mrr.keys()]);
          expect(bands.reduce((sum, b) => sum + b.accounts, 0)).toBe(distinct.size);
          // The first entry of an account is its answer; expected from scratch, band by band.
          const first = new Map<string, { score: number } | null>();
          for (const a of accounts) if (!first.has(a.account)) first.set(a.account, a.nps);
          for (const b of bands) {
            const members = [...distinct].filter((account) => mrrBand(mrr.get(account) ?? 0) === b.band);
            expect(b.accounts).toBe(members.length);
            const counts: Record<number, number> = {};
            for (const m of members) {
              const answer = first.get(m);
              if (answer) counts[answer.score] = (counts[answer.score] ?? 0) + 1;
            }
            const expected = nps(counts);
            expect([b.n, b.score, b.ci95]).toEqual([expected.n, expected.score, expected.ci95]);
            expect(b.n).toBeLessThanOrEqual(b.accounts);
          }
        },
      ),
    );
  });
});

describe('the churned-MRR list, for random subscription changes', () => {
  it('holds every churned and contraction movement once, most lost first, and total and lost count them all', () => {
    const FROM = Date.parse('2026-01-01');
    const TO = Date.parse('2026-05-01');
    const DAY = 86_400_000;
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            subscription: fc.constantFrom('s1', 's2', 's3', 's4'),
            at: fc.integer({ min: FROM - 31 * DAY, max: TO }),
            mrrMinor: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 100_000 })),
          }),
          { maxLength: 30 },
        ),
        fc.integer({ min: 0, max: 10 }),
        (changes, limit) => {
          const states: SubscriptionState[] = changes.map((c) => ({
            ...c,
            account: c.subscription === 's4' ? 'a' : c.subscription,
            currency: 'usd',
            endsAt: null,
          }));
          const report = mrrReport(states, { from: FROM, to: TO, interval: 'month', currency: 'usd' });
          const lost = lostMrr(report.periods);
          const losing = report.periods.flatMap((p) =>
            p.movements
              .filter((m) => m.kind === 'churned' || m.kind === 'contraction')
              .map((m) => `${p.period}:${m.account}`),
          );
          expect(lost.map((l) => `${l.period}:${l.account}`).sort()).toEqual(losing.sort());
          for (let i = 1; i < lost.length; i += 1) expect(lost[i - 1]?.lost).toBeGreaterThanOrEqual(lost[i]?.lost ?? 0);
          const expectedLost = report.periods.reduce((sum, p) => sum + p.churned + p.contraction, 0);
          const list = churnedMrrList(lost, { latest: new Map(), comments: new Map() }, limit);
          expect(list.total).toBe(losing.length);
          expect(list.lost).toBeCloseTo(expectedLost, 6);
          expect(list.accounts.length).toBe(Math.min(limit, losing.length));
        },
      ),
    );
  });
});
