import { describe, expect, it } from 'vitest';
import { DAY_MS as DAY } from './constants';
import { lifetimeValue, revenueReport } from './revenue';

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
    // Events 50, −20 and 300 → net 330 over 3 purchases = 110; 3 ÷ 2 accounts ÷ (100/365.25 years)
    // = 5.47875 a year; lifespan 1 ÷ (12 × 0.05) = 1.6667 years; 110 × 5.47875 × 1.6667 = 1004.4375.
    expect(report.clv.averagePurchase).toBe(110);
    expect(report.clv.purchasesPerYear).toBeCloseTo(5.47875, 10);
    expect(report.clv.lifespanYears).toBeCloseTo(5 / 3, 10);
    expect(report.clv.value).toBeCloseTo(1004.4375, 6);
  });

  it('counts a contraction against the average purchase, as ARPA and net do', () => {
    // a: new 100, contraction 60; b: new 100, over one year. Net 140 over 3 events = 46.667 (not
    // the 100 of the two payments alone); 3 ÷ 2 accounts ÷ 1 year = 1.5 a year; lifespan 5/3 years:
    // CLV = 46.667 × 1.5 × 5/3 = 116.667 = ARPA 70 a year × 5/3.
    const year = 365.25 * DAY;
    const r = revenueReport(
      [
        { account: 'a', ts: 10 * DAY, kind: 'new', value: 100 },
        { account: 'a', ts: 20 * DAY, kind: 'contraction', value: 60 },
        { account: 'b', ts: 30 * DAY, kind: 'new', value: 100 },
      ],
      { from: 0, to: year, monthlyChurn: 0.05 },
    );
    expect(r.net).toBe(140);
    expect(r.arpa).toBe(70);
    expect(r.clv.averagePurchase).toBeCloseTo(140 / 3, 12);
    expect(r.clv.purchasesPerYear).toBeCloseTo(1.5, 12);
    expect(r.clv.value).toBeCloseTo(350 / 3, 9);
  });

  it('leaves CLV unknown without churn, and NRR unknown without a baseline', () => {
    expect(lifetimeValue({ averagePurchase: 10, purchasesPerYear: 2, monthlyChurn: 0 }).value).toBeNull();
    expect(revenueReport([], { from: 0, to: DAY, monthlyChurn: 0.1 })).toMatchObject({
      net: 0,
      arpa: null,
      nrr: null,
    });
  });

  it('leaves NRR unknown when the baseline is too small for the ratio to be a number', () => {
    // Previous window: 5e-324 (the smallest double); this one: −1 from the same account.
    // −1 ÷ 5e-324 overflows to −Infinity, which is no retention rate.
    const r = revenueReport(
      [
        { account: 'a', ts: 0.5 * DAY, kind: 'new', value: 5e-324 },
        { account: 'a', ts: 1.5 * DAY, kind: 'new', value: -1 },
      ],
      { from: DAY, to: 2 * DAY, monthlyChurn: null },
    );
    expect(r.net).toBe(-1);
    expect(r.nrr).toBeNull();
  });
});
