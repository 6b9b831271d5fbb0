// Money that moved, beside MRR: invoices paid and failed, charges refunded, per period. None of
// them moves MRR (as in ChartMogul and Baremetrics): MRR follows the subscriptions, and a
// subscription Stripe cancels after failed retries churns when its cancellation arrives.
import { minorPerMajor } from './mrr';
import { periodBounds } from './retention';

/** One payment outcome from Stripe, in the currency's minor unit. */
export interface StripePayment {
  account: string;
  currency: string;
  /** The Stripe event's `created`, epoch ms. */
  at: number;
  /** `paid`: an invoice paid (`amount_paid`); `failed`: a payment attempt failed (`amount_due`); `refunded`: a charge's newly refunded amount. */
  kind: 'paid' | 'failed' | 'refunded';
  amountMinor: number;
}

/** One period's payments in major units, and the accounts with a failed payment in it. */
export interface PeriodPayments {
  collected: number;
  failed: number;
  refunded: number;
  failedAccounts: number;
}

/**
 * Payments per period of the MRR report (the same calendar months or ISO weeks, the last one
 * ending at `to`), in one currency; other currencies are left out, never converted.
 * @example paymentsByPeriod([{ account: 'a', currency: 'usd', at: Date.parse('2026-01-10'), kind: 'paid', amountMinor: 4900 }], { from: Date.parse('2026-01-01'), to: Date.parse('2026-02-01'), interval: 'month', currency: 'usd' }) // [{ collected: 49, failed: 0, refunded: 0, failedAccounts: 0 }]
 */
export function paymentsByPeriod(
  payments: readonly StripePayment[],
  options: { from: number; to: number; interval: 'month' | 'week'; currency: string },
): PeriodPayments[] {
  const currency = options.currency.toLowerCase();
  const unit = minorPerMajor(currency);
  const bounds = options.from < options.to ? periodBounds(options.from, options.to, options.interval) : [];
  const out: PeriodPayments[] = [];
  for (let i = 0; i + 1 < bounds.length; i += 1) {
    const start = bounds[i] as number;
    const end = Math.min(bounds[i + 1] as number, options.to);
    const minor = { paid: 0, failed: 0, refunded: 0 };
    const failing = new Set<string>();
    for (const p of payments) {
      if (p.currency.toLowerCase() !== currency || p.at < start || p.at >= end) continue;
      minor[p.kind] += p.amountMinor;
      if (p.kind === 'failed') failing.add(p.account);
    }
    out.push({
      collected: minor.paid / unit,
      failed: minor.failed / unit,
      refunded: minor.refunded / unit,
      failedAccounts: failing.size,
    });
  }
  return out;
}
