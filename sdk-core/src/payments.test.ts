import { describe, expect, it } from 'vitest';
import { paymentsByPeriod, type StripePayment } from './payments';

const at = (iso: string) => Date.parse(iso);
const month = { from: at('2026-01-01T00:00:00Z'), to: at('2026-03-01T00:00:00Z'), interval: 'month' as const };

describe('paymentsByPeriod', () => {
  it('is zeros for every period without payments (n = 0)', () => {
    expect(paymentsByPeriod([], { ...month, currency: 'usd' })).toEqual([
      { collected: 0, failed: 0, refunded: 0, failedAccounts: 0 },
      { collected: 0, failed: 0, refunded: 0, failedAccounts: 0 },
    ]);
  });

  it('sums each kind per month in major units; an instant at a month start belongs to that month', () => {
    const payments: StripePayment[] = [
      { account: 'a', currency: 'usd', at: at('2026-01-05T00:00:00Z'), kind: 'paid', amountMinor: 4_900 },
      { account: 'b', currency: 'usd', at: at('2026-01-20T00:00:00Z'), kind: 'failed', amountMinor: 49_000 },
      { account: 'b', currency: 'usd', at: at('2026-01-23T00:00:00Z'), kind: 'failed', amountMinor: 49_000 },
      { account: 'a', currency: 'usd', at: at('2026-02-01T00:00:00Z'), kind: 'paid', amountMinor: 4_900 },
      { account: 'b', currency: 'usd', at: at('2026-02-02T00:00:00Z'), kind: 'paid', amountMinor: 49_000 },
      { account: 'a', currency: 'usd', at: at('2026-02-10T00:00:00Z'), kind: 'refunded', amountMinor: 1_250 },
      { account: 'c', currency: 'usd', at: at('2026-02-11T00:00:00Z'), kind: 'failed', amountMinor: 100 },
    ];
    // January: 49 paid; b failed twice (980), one account. February: 49 + 490 paid, 12.50 refunded, c failed 1.
    expect(paymentsByPeriod(payments, { ...month, currency: 'usd' })).toEqual([
      { collected: 49, failed: 980, refunded: 0, failedAccounts: 1 },
      { collected: 539, failed: 1, refunded: 12.5, failedAccounts: 1 },
    ]);
  });

  it('leaves out other currencies and what falls outside [from, to), and uses the minor unit of the currency', () => {
    const payments: StripePayment[] = [
      { account: 'a', currency: 'eur', at: at('2026-01-05T00:00:00Z'), kind: 'paid', amountMinor: 4_900 },
      { account: 'a', currency: 'usd', at: at('2025-12-31T23:59:59Z'), kind: 'paid', amountMinor: 100 },
      { account: 'a', currency: 'usd', at: at('2026-03-01T00:00:00Z'), kind: 'paid', amountMinor: 100 },
    ];
    expect(paymentsByPeriod(payments, { ...month, currency: 'usd' }).map((p) => p.collected)).toEqual([0, 0]);
    const yen: StripePayment[] = [
      { account: 'j', currency: 'jpy', at: at('2026-01-05T00:00:00Z'), kind: 'paid', amountMinor: 5_000 },
    ];
    expect(paymentsByPeriod(yen, { ...month, currency: 'JPY' })[0]?.collected).toBe(5_000);
  });

  it('has no periods for an empty window', () => {
    expect(paymentsByPeriod([], { from: month.from, to: month.from, interval: 'week', currency: 'usd' })).toEqual([]);
  });
});
