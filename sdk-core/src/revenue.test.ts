import { describe, expect, it } from 'vitest';
import { lifetimeValue, revenueReport } from './revenue';

const DAY = 86_400_000;

describe('revenueReport', () => {
  // Window [100 d, 200 d); the previous window [0, 100 d) is NRR's baseline.
  // a: new 100 before, then expansion 50 and contraction 20. b: new 200 before, nothing since
  // (churned). c: new 300 in the window.
  const events = [
    { account: 'a', ts: 50 * DAY, kind: 'new', value: 100 },
    { account: 'a', ts: 150 * DAY, kind: 'expansion', value: 50 },
    { account: 'a', ts: 160 * DAY, kind: 'contraction', value: 20 },
    { account: 'b', ts: 60 * DAY, kind: 'new', value: 200 },
    { account: 'c', ts: 120 * DAY, kind: 'new', value: 300 },
  ];
  const report = revenueReport(events, { from: 100 * DAY, to: 200 * DAY, monthlyChurn: 0.05 });

  it('sums new, expansion and contraction revenue and ARPA', () => {
    expect(report).toMatchObject({
      newRevenue: 300,
      expansion: 50,
      contraction: 20,
      net: 330,
      payingAccounts: 2,
      arpa: 165,
    });
  });

  it('computes net revenue retention of the accounts that paid in the previous window', () => {
    // a brought 100 then 50 − 20 = 30; b brought 200 then 0: (30 + 0) ÷ (100 + 200).
    expect(report.nrr).toBeCloseTo(0.1, 12);
  });

  it('computes CLV = average purchase × purchases per year × lifespan', () => {
    // Purchases 50 and 300 → average 175; 2 purchases ÷ 2 accounts ÷ (100/365.25 years) = 3.6525
    // a year; lifespan 1 ÷ (12 × 0.05) = 1.6667 years; 175 × 3.6525 × 1.6667 = 1065.3125.
    expect(report.clv.averagePurchase).toBe(175);
    expect(report.clv.purchasesPerYear).toBeCloseTo(3.6525, 10);
    expect(report.clv.lifespanYears).toBeCloseTo(5 / 3, 10);
    expect(report.clv.value).toBeCloseTo(1065.3125, 6);
  });

  it('leaves CLV unknown without churn, and NRR unknown without a baseline', () => {
    expect(lifetimeValue({ averagePurchase: 10, purchasesPerYear: 2, monthlyChurn: 0 }).value).toBeNull();
    expect(revenueReport([], { from: 0, to: DAY, monthlyChurn: 0.1 })).toMatchObject({
      net: 0,
      arpa: null,
      nrr: null,
    });
  });
});
