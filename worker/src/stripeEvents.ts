import { type BillingInterval, type PriceLine, subscriptionMrrMinor } from '@heard/core';
import type Stripe from 'stripe';
import { z } from 'zod';
import type { StoredSubscriptionState } from './db/stripe';

const idOf = (value: string | { id: string } | null | undefined) =>
  typeof value === 'string' ? value : (value?.id ?? '');

/** A subscription's account: its customer, or `metadata.<key>` of the subscription when set and present. */
export function accountOf(subscription: Stripe.Subscription, setting: string): string {
  const customer = idOf(subscription.customer);
  if (!setting.startsWith('metadata.')) return customer;
  const value = subscription.metadata?.[setting.slice('metadata.'.length)];
  return typeof value === 'string' && value !== '' ? value : customer;
}

/**
 * A subscription's lasting (forever or repeating) discounts, when Stripe sent them expanded (ids
 * alone carry no terms); one that ends changes the subscription, and its event the state.
 */
function lastingDiscount(subscription: Stripe.Subscription) {
  let percentOff = 0;
  let amountOff = 0;
  for (const discount of subscription.discounts ?? []) {
    if (typeof discount === 'string') continue;
    const coupon = discount.source?.coupon;
    if (!coupon || typeof coupon === 'string' || coupon.duration === 'once') continue;
    percentOff = Math.max(percentOff, coupon.percent_off ?? 0);
    amountOff += coupon.amount_off ?? 0;
  }
  return { percentOff, amountOff };
}

const isInterval = (interval: string): interval is BillingInterval =>
  interval === 'day' || interval === 'week' || interval === 'month' || interval === 'year';

/** A subscription's recurring items as price lines (one-off and metered prices carry no fixed MRR). */
function linesOf(subscription: Stripe.Subscription): PriceLine[] {
  return (subscription.items?.data ?? []).flatMap((item) => {
    const recurring = item.price?.recurring;
    if (!recurring || recurring.usage_type === 'metered' || !isInterval(recurring.interval)) return [];
    return [
      {
        unitAmount: item.price.unit_amount ?? 0,
        quantity: item.quantity ?? 1,
        interval: recurring.interval,
        intervalCount: recurring.interval_count,
      },
    ];
  });
}

/** When a cancellation set in advance ends the subscription's value: `cancel_at`, else the period's end. */
function endsAt(subscription: Stripe.Subscription): number | null {
  if (subscription.cancel_at) return subscription.cancel_at * 1000;
  if (!subscription.cancel_at_period_end) return null;
  const ends = (subscription.items?.data ?? []).map((item) => item.current_period_end ?? 0);
  return ends.length ? Math.max(...ends) * 1000 : null;
}

/**
 * The state a `customer.subscription.*` event shows, from the event's `created` time (Stripe's
 * clock, not arrival order).
 */
export function subscriptionState(
  event: Stripe.Event,
  subscription: Stripe.Subscription,
  accountSetting: string,
): StoredSubscriptionState {
  const ended = subscription.status === 'canceled' || subscription.status === 'incomplete_expired';
  const { percentOff, amountOff } = lastingDiscount(subscription);
  return {
    subscription: subscription.id,
    account: accountOf(subscription, accountSetting),
    customer: idOf(subscription.customer),
    currency: (subscription.currency ?? '').toLowerCase(),
    at: event.created * 1000,
    eventId: event.id,
    status: subscription.status,
    final: ended,
    mrrMinor: subscriptionMrrMinor({
      status: subscription.status,
      lines: linesOf(subscription),
      percentOff,
      amountOff,
      paused: subscription.pause_collection !== null && subscription.pause_collection !== undefined,
    }),
    endsAt: ended ? null : endsAt(subscription),
  };
}

/** A Stripe time (unix seconds) before the year 2286, so every instant Heard stores fits D1's integers. */
export const STRIPE_TIME = z.number().int().nonnegative().max(9_999_999_999);

/**
 * The fields of a subscription Heard reads, checked before they are read: a signed body that
 * is not shaped as Stripe sends subscriptions is a 400, never a crash. The rest of the object
 * passes through as the `stripe` package types it.
 */
export const ZSubscriptionShape = z.looseObject({
  id: z.string().min(1).max(255),
  object: z.literal('subscription'),
  customer: z.union([z.string().min(1).max(255), z.looseObject({ id: z.string().min(1).max(255) })]),
  status: z.string().max(40),
  currency: z.string().regex(/^[a-zA-Z]{3}$/),
  metadata: z.record(z.string(), z.string()).nullish(),
  cancel_at: STRIPE_TIME.nullish(),
  cancel_at_period_end: z.boolean().nullish(),
  items: z.looseObject({
    data: z.array(
      z.looseObject({
        quantity: z.number().int().nonnegative().max(1_000_000).nullish(),
        current_period_end: STRIPE_TIME.nullish(),
        price: z.looseObject({
          unit_amount: z.number().int().nonnegative().max(100_000_000_000).nullish(),
          recurring: z
            .looseObject({
              interval: z.enum(['day', 'week', 'month', 'year']),
              interval_count: z.number().int().positive().max(1000),
            })
            .nullish(),
        }),
      }),
    ),
  }),
});

/** Whether Heard uses an event type: every `customer.subscription.*` event carries the subscription's state. */
export const isSubscriptionEvent = (type: string) => type.startsWith('customer.subscription.');

/** The payment events Heard records beside MRR (none of them moves MRR). */
export const PAYMENT_EVENTS = ['invoice.paid', 'invoice.payment_failed', 'charge.refunded'] as const;
export const isPaymentEvent = (type: string): type is (typeof PAYMENT_EVENTS)[number] =>
  (PAYMENT_EVENTS as readonly string[]).includes(type);

const ZAmount = z.number().int().nonnegative().max(100_000_000_000);
const ZCustomer = z.union([z.string().min(1).max(255), z.looseObject({ id: z.string().min(1).max(255) })]);

/** The fields of an invoice Heard reads, checked before they are read. */
export const ZInvoiceShape = z.looseObject({
  object: z.literal('invoice'),
  customer: ZCustomer,
  currency: z.string().regex(/^[a-zA-Z]{3}$/),
  amount_paid: ZAmount,
  amount_due: ZAmount,
});

/** The fields of a charge Heard reads; a charge without a customer has no account and is ignored. */
export const ZChargeShape = z.looseObject({
  object: z.literal('charge'),
  customer: ZCustomer.nullable(),
  currency: z.string().regex(/^[a-zA-Z]{3}$/),
  amount_refunded: ZAmount,
});

/** A payment as an event shows it, before its customer is matched to an account. */
export interface PaymentFromEvent {
  customer: string;
  currency: string;
  at: number;
  kind: 'paid' | 'failed' | 'refunded';
  amountMinor: number;
}

/**
 * The payment an `invoice.paid` (amount paid), `invoice.payment_failed` (amount due, each
 * attempt) or `charge.refunded` (the amount newly refunded: `amount_refunded` less the
 * `previous_attributes` value, so a second partial refund is not counted twice) shows; null
 * when there is nothing to record. Throws a ZodError when the object is not shaped as Stripe sends it.
 */
export function paymentOf(event: Stripe.Event): PaymentFromEvent | null {
  const at = event.created * 1000;
  if (event.type === 'charge.refunded') {
    const charge = ZChargeShape.parse(event.data.object);
    if (!charge.customer) return null;
    const before = (event.data as { previous_attributes?: { amount_refunded?: unknown } }).previous_attributes
      ?.amount_refunded;
    const amountMinor = charge.amount_refunded - (typeof before === 'number' ? before : 0);
    if (amountMinor <= 0) return null;
    return {
      customer: idOf(charge.customer),
      currency: charge.currency.toLowerCase(),
      at,
      kind: 'refunded',
      amountMinor,
    };
  }
  const invoice = ZInvoiceShape.parse(event.data.object);
  const paid = event.type === 'invoice.paid';
  const amountMinor = paid ? invoice.amount_paid : invoice.amount_due;
  if (amountMinor <= 0) return null;
  return {
    customer: idOf(invoice.customer),
    currency: invoice.currency.toLowerCase(),
    at,
    kind: paid ? 'paid' : 'failed',
    amountMinor,
  };
}
