// The retention and revenue reports against a reference written straight from docs/metrics.md's
// "How each figure is defined", on random data: the simplest code that says the same thing,
// sharing nothing with the implementation but the inputs.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DAY_MS as DAY } from './constants';
import { accountLives, retentionReport } from './retention';
import { revenueReport } from './revenue';

const ORIGIN = Date.UTC(2025, 10, 1);

interface User {
  account: string;
  first: number;
  last: number;
  churned: number | null;
}

/** docs/metrics.md: a user is lost at their first churned event, else at last activity + inactivityDays once that has passed. */
function referenceLives(users: readonly User[], now: number, inactivityMs: number) {
  const byAccount = new Map<string, User[]>();
  for (const user of users) byAccount.set(user.account, [...(byAccount.get(user.account) ?? []), user]);
  return [...byAccount.values()].map((members) => {
    const lostAt = members.map((u) => {
      if (u.churned !== null) return u.churned;
      return u.last + inactivityMs <= now ? u.last + inactivityMs : null;
    });
    // An account starts at its first activity and is lost when its last user is.
    return {
      first: Math.min(...members.map((u) => u.first)),
      lost: lostAt.some((t) => t === null) ? null : Math.max(...(lostAt as number[])),
    };
  });
}

/** The calendar periods from the one holding `from`, each ending at the next or at `to`. */
function referencePeriods(from: number, to: number, interval: 'month' | 'week'): [number, number][] {
  const d = new Date(from);
  const first =
    interval === 'month'
      ? Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1)
      : Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() - ((d.getUTCDay() + 6) % 7));
  const periods: [number, number][] = [];
  for (let k = 0; ; k++) {
    const start =
      interval === 'month'
        ? Date.UTC(new Date(first).getUTCFullYear(), new Date(first).getUTCMonth() + k, 1)
        : first + k * 7 * DAY;
    if (start >= to) break;
    const next =
      interval === 'month'
        ? Date.UTC(new Date(first).getUTCFullYear(), new Date(first).getUTCMonth() + k + 1, 1)
        : start + 7 * DAY;
    periods.push([start, Math.min(next, to)]);
  }
  return periods;
}

type Life = { first: number; lost: number | null };

function referenceRetention(lives: readonly Life[], from: number, to: number, interval: 'month' | 'week') {
  const periods = referencePeriods(from, to, interval);
  const customerAt = (c: Life, t: number) => c.first < t && !(c.lost !== null && c.lost < t);
  const rows = periods.map(([s, e]) => {
    const start = lives.filter((c) => customerAt(c, s)).length;
    const added = lives.filter((c) => c.first >= s && c.first < e).length;
    const lost = lives.filter((c) => c.lost !== null && c.lost >= s && c.lost < e).length;
    const end = start + added - lost;
    return {
      period: new Date(s).toISOString().slice(0, 10),
      start,
      new: added,
      lost,
      end,
      churnRate: start ? lost / start : null,
      retention: start ? (end - added) / start : null,
    };
  });
  const cohorts = periods.flatMap(([s, e], i) => {
    const members = lives.filter((c) => c.first >= s && c.first < e);
    if (members.length === 0) return [];
    const retained = periods
      .slice(i)
      .map(([, end]) => members.filter((c) => c.lost === null || c.lost >= end).length / members.length);
    return [{ cohort: new Date(s).toISOString().slice(0, 10), size: members.length, retained }];
  });
  const sumStart = rows.reduce((n, r) => n + r.start, 0);
  const sumLost = rows.reduce((n, r) => n + r.lost, 0);
  return { interval, periods: rows, cohorts, churnRate: sumStart ? sumLost / sumStart : null };
}

interface Payment {
  account: string;
  ts: number;
  kind: string | null;
  value: number;
}

function referenceRevenue(events: readonly Payment[], from: number, to: number, monthlyChurn: number | null) {
  const length = to - from;
  const signed = (e: Payment) => (e.kind === 'contraction' ? -Math.abs(e.value) : e.value);
  const inWindow = events.filter((e) => e.ts >= from && e.ts < to);
  const before = events.filter((e) => e.ts >= from - length && e.ts < from);
  const sum = (list: readonly Payment[]) => list.reduce((n, e) => n + signed(e), 0);
  const net = sum(inWindow);
  const paying = new Set(inWindow.map((e) => e.account)).size;
  const baseline = new Set(before.map((e) => e.account));
  const base = sum(before);
  const kept = sum(inWindow.filter((e) => baseline.has(e.account)));
  const years = length / (365.25 * DAY);
  const averagePurchase = inWindow.length ? net / inWindow.length : null;
  const purchasesPerYear = paying && years > 0 ? inWindow.length / paying / years : null;
  const lifespanYears = monthlyChurn ? 1 / (12 * monthlyChurn) : null;
  return {
    newRevenue: inWindow.filter((e) => e.kind === 'new').reduce((n, e) => n + e.value, 0),
    expansion: inWindow.filter((e) => e.kind === 'expansion').reduce((n, e) => n + e.value, 0),
    contraction: inWindow.filter((e) => e.kind === 'contraction').reduce((n, e) => n + Math.abs(e.value), 0),
    net,
    payingAccounts: paying,
    arpa: paying ? net / paying : null,
    nrr: base > 0 ? kept / base : null,
    clv: {
      averagePurchase,
      purchasesPerYear,
      lifespanYears,
      value:
        averagePurchase !== null && purchasesPerYear !== null && lifespanYears !== null
          ? averagePurchase * purchasesPerYear * lifespanYears
          : null,
    },
  };
}

/** Equal, or both null, or within 1e-9 relative for the products of fractions. */
function close(actual: number | null, expected: number | null, what: string) {
  if (expected === null || actual === null) expect(actual, what).toBe(expected);
  else expect(Math.abs(actual - expected), what).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(expected)));
}

/** A time near a day boundary as often as not: boundaries are where the two disagree first. */
const instant = fc
  .tuple(fc.integer({ min: 0, max: 420 }), fc.constantFrom(0, 1, DAY - 1, DAY / 2, 7_777_777))
  .map(([day, offset]) => ORIGIN + day * DAY + offset);

const user = fc
  .record({
    account: fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'),
    first: instant,
    activeDays: fc.integer({ min: 0, max: 120 }),
    churnAfter: fc.option(fc.integer({ min: 0, max: 200 }), { freq: 2 }),
  })
  .map(({ account, first, activeDays, churnAfter }) => ({
    account,
    first,
    last: first + activeDays * DAY,
    // The churned event is activity too, so it is never before the first.
    churned: churnAfter === null ? null : first + churnAfter * DAY,
  }));

const payment = fc.record({
  account: fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f'),
  ts: instant,
  kind: fc.constantFrom('new', 'expansion', 'contraction', null, 'refund'),
  // Whole amounts keep every sum exact in both implementations.
  value: fc.integer({ min: 1, max: 1000 }),
});

/** A report window as the API makes it: whole UTC days, `to` inclusive (so the end is the next midnight). */
const window = fc
  .tuple(fc.integer({ min: 0, max: 300 }), fc.integer({ min: 1, max: 200 }))
  .map(([start, days]) => ({ from: ORIGIN + start * DAY, to: ORIGIN + (start + days) * DAY }));

describe('retention and revenue against docs/metrics.md, on random data', () => {
  it('retention: every period, cohort and the pooled churn rate', () => {
    fc.assert(
      fc.property(
        fc.array(user, { maxLength: 40 }),
        window,
        fc.constantFrom('month' as const, 'week' as const),
        fc.integer({ min: 1, max: 90 }),
        (users, { from, to }, interval, inactivityDays) => {
          const now = to + 30 * DAY;
          const lives = accountLives(users, { now, inactivityMs: inactivityDays * DAY });
          const reference = referenceLives(users, now, inactivityDays * DAY);
          expect([...lives].sort((x, y) => x.first - y.first)).toEqual(
            [...reference].sort((x, y) => x.first - y.first),
          );
          const report = retentionReport(lives, { from, to, interval });
          const expected = referenceRetention(reference, from, to, interval);
          expect(report.periods.map(({ churnRate, retention, ...counts }) => counts)).toEqual(
            expected.periods.map(({ churnRate, retention, ...counts }) => counts),
          );
          report.periods.forEach((p, i) => {
            close(p.churnRate, expected.periods[i]?.churnRate ?? null, `churn ${p.period}`);
            close(p.retention, expected.periods[i]?.retention ?? null, `retention ${p.period}`);
          });
          expect(report.cohorts.map((c) => [c.cohort, c.size, c.retained.length])).toEqual(
            expected.cohorts.map((c) => [c.cohort, c.size, c.retained.length]),
          );
          report.cohorts.forEach((c, i) => {
            c.retained.forEach((share, k) => {
              close(share, expected.cohorts[i]?.retained[k] ?? null, `${c.cohort}+${k}`);
            });
          });
          close(report.churnRate, expected.churnRate, 'pooled churn');
        },
      ),
      { numRuns: 300 },
    );
  });

  it('revenue: sums, ARPA, NRR and CLV with the monthly churn of the same window', () => {
    fc.assert(
      fc.property(
        fc.array(payment, { maxLength: 40 }),
        fc.array(user, { maxLength: 20 }),
        window,
        (payments, users, { from, to }) => {
          const now = to + 10 * DAY;
          const monthlyChurn = retentionReport(accountLives(users, { now, inactivityMs: 30 * DAY }), {
            from,
            to,
            interval: 'month',
          }).churnRate;
          const referenceChurn = referenceRetention(referenceLives(users, now, 30 * DAY), from, to, 'month').churnRate;
          close(monthlyChurn, referenceChurn, 'monthly churn');
          const report = revenueReport(payments, { from, to, monthlyChurn });
          const expected = referenceRevenue(payments, from, to, referenceChurn);
          expect(report).toMatchObject({
            from,
            to,
            newRevenue: expected.newRevenue,
            expansion: expected.expansion,
            contraction: expected.contraction,
            net: expected.net,
            payingAccounts: expected.payingAccounts,
          });
          close(report.arpa, expected.arpa, 'arpa');
          close(report.nrr, expected.nrr, 'nrr');
          for (const part of ['averagePurchase', 'purchasesPerYear', 'lifespanYears', 'value'] as const) {
            close(report.clv[part], expected.clv[part], `clv.${part}`);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
