import { env } from 'cloudflare:test';
import type { StripeReceipt } from '@heard/core';
import type Stripe from 'stripe';
import { describe, expect, it } from 'vitest';
import { newSite } from '../../test/helpers';
import { deliver, type EventPayload, event, mrr, put, SECRET, stored, subscription } from '../../test/stripe';

/** An invoice as Stripe sends it in `data.object`, with the fields Heard reads. */
const invoice = (customer: string, amounts: { paid: number; due: number }) =>
  ({
    id: `in_${crypto.randomUUID()}`,
    object: 'invoice',
    customer,
    currency: 'usd',
    amount_paid: amounts.paid,
    amount_due: amounts.due,
    amount_remaining: amounts.due - amounts.paid,
    status: amounts.paid >= amounts.due ? 'paid' : 'open',
    attempt_count: 1,
  }) satisfies Pick<
    Stripe.Invoice,
    'id' | 'object' | 'currency' | 'amount_paid' | 'amount_due' | 'amount_remaining' | 'status' | 'attempt_count'
  > & { customer: string };

/** A charge as Stripe sends it, refunded so far by `refunded`. */
const charge = (customer: string | null, refunded: number) =>
  ({
    id: 'ch_1',
    object: 'charge',
    customer,
    currency: 'usd',
    amount: 4_900,
    amount_refunded: refunded,
    refunded: refunded >= 4_900,
  }) satisfies Pick<Stripe.Charge, 'id' | 'object' | 'currency' | 'amount' | 'amount_refunded' | 'refunded'> & {
    customer: string | null;
  };

/** `charge.refunded` with what the charge had refunded before, as Stripe's `previous_attributes` says. */
const refund = (at: string, customer: string | null, refunded: number, before: number): EventPayload => {
  const e = event('charge.refunded', at, charge(customer, refunded));
  return { ...e, data: { ...e.data, previous_attributes: { amount_refunded: before } } } as EventPayload;
};

describe('payments from Stripe beside MRR', () => {
  it('sums invoices paid and failed and charges refunded per month, once each, and leaves MRR alone', async () => {
    const site = await newSite();
    expect((await put(site.secretKey, { signingSecret: SECRET, account: 'metadata.account' })).status).toBe(200);
    const acme = { id: 'sub_acme', customer: 'cus_acme', account: 'acme', unitAmount: 4_900 };
    const retried = event('invoice.paid', '2026-02-20T09:00:00Z', invoice('cus_acme', { paid: 4_900, due: 4_900 }));
    const events = [
      event('customer.subscription.created', '2026-01-05T09:00:00Z', subscription(acme)),
      event('invoice.paid', '2026-01-05T09:00:01Z', invoice('cus_acme', { paid: 4_900, due: 4_900 })),
      // February: two failed attempts of 49, then paid.
      event('invoice.payment_failed', '2026-02-05T09:00:00Z', invoice('cus_acme', { paid: 0, due: 4_900 })),
      event('invoice.payment_failed', '2026-02-08T09:00:00Z', invoice('cus_acme', { paid: 0, due: 4_900 })),
      retried,
      retried,
      // Two partial refunds of January's charge: 10.00, then 15.00 more (25.00 refunded in all).
      refund('2026-02-21T09:00:00Z', 'cus_acme', 1_000, 0),
      refund('2026-02-22T09:00:00Z', 'cus_acme', 2_500, 1_000),
      // A guest charge has no customer, so no account: acknowledged and ignored.
      refund('2026-02-23T09:00:00Z', null, 4_900, 0),
      // A payment of a customer with no subscription Heard knows: its account is the customer.
      event('invoice.payment_failed', '2026-02-24T09:00:00Z', invoice('cus_new', { paid: 0, due: 1_000 })),
    ];
    const receipts: StripeReceipt[] = [];
    for (const e of events) {
      const response = await deliver(site.id, e);
      expect(response.status).toBe(200);
      receipts.push(await response.json());
    }
    expect(receipts.map((r) => [r.duplicate, r.outcome])).toEqual([
      [false, 'applied'],
      [false, 'applied'],
      [false, 'applied'],
      [false, 'applied'],
      [false, 'applied'],
      [true, 'applied'],
      [false, 'applied'],
      [false, 'applied'],
      [false, 'ignored'],
      [false, 'applied'],
    ]);
    const report = await mrr(site.secretKey, 'from=2026-01-01&to=2026-02-28');
    expect(report.periods.map((p) => [p.period, p.payments])).toEqual([
      ['2026-01-01', { collected: 49, failed: 0, refunded: 0, failedAccounts: 0 }],
      // 49 + 49 failed (acme) + 10 (cus_new) = 108 failed by 2 accounts; 49 collected once; 10 + 15 refunded.
      ['2026-02-01', { collected: 49, failed: 108, refunded: 25, failedAccounts: 2 }],
    ]);
    // MRR follows the subscription only: 49 from January on, no movement in February.
    expect(report.periods.map((p) => [p.start, p.new, p.end])).toEqual([
      [0, 49, 49],
      [49, 0, 49],
    ]);
    const accounts = await env.DB.prepare(
      'SELECT DISTINCT account FROM stripe_payments WHERE site_id = ? ORDER BY account',
    )
      .bind(site.id)
      .all<{ account: string }>();
    expect(accounts.results.map((r) => r.account)).toEqual(['acme', 'cus_new']);
  });

  it('refuses an invoice event whose invoice is not shaped as Stripe sends it, storing nothing', async () => {
    const site = await newSite();
    expect((await put(site.secretKey, { signingSecret: SECRET })).status).toBe(200);
    const bad = event('invoice.paid', '2026-01-05T09:00:00Z', {
      object: 'invoice',
      customer: 'cus_x',
      currency: 'usd',
    });
    const response = await deliver(site.id, bad);
    expect(response.status).toBe(400);
    expect(await stored(site.id)).toEqual({ events: 0, states: 0 });
    const rows = await env.DB.prepare('SELECT COUNT(*) AS n FROM stripe_payments WHERE site_id = ?')
      .bind(site.id)
      .first<{ n: number }>();
    expect(rows?.n).toBe(0);
  });
});
