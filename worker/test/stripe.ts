import { env } from 'cloudflare:test';
import type { MrrResponse } from '@heard/core';
import Stripe from 'stripe';
import { expect } from 'vitest';
import { call, read } from './helpers';

/** The signing secret the tests give their Stripe source. */
export const SECRET = 'whsec_test_0123456789abcdef';
const cryptoProvider = Stripe.createSubtleCryptoProvider();
export const unix = (iso: string) => Math.floor(Date.parse(iso) / 1000);

/** A subscription item as Stripe sends it, with the fields Heard reads (typed by the `stripe` package). */
export type ItemPayload = Pick<
  Stripe.SubscriptionItem,
  'id' | 'object' | 'quantity' | 'created' | 'current_period_start' | 'current_period_end' | 'subscription' | 'metadata'
> & { price: Pick<Stripe.Price, 'id' | 'object' | 'currency' | 'unit_amount' | 'recurring' | 'type' | 'active'> };
/** A subscription as Stripe sends it in `data.object`. */
export type SubscriptionPayload = Pick<
  Stripe.Subscription,
  | 'id'
  | 'object'
  | 'customer'
  | 'status'
  | 'currency'
  | 'cancel_at'
  | 'cancel_at_period_end'
  | 'metadata'
  | 'created'
  | 'start_date'
  | 'pause_collection'
> & {
  items: { object: 'list'; data: ItemPayload[]; has_more: boolean; url: string };
  discounts: (
    | string
    | (Pick<Stripe.Discount, 'id' | 'object' | 'start' | 'end'> & {
        source: {
          type: 'coupon';
          coupon: Pick<Stripe.Coupon, 'id' | 'object' | 'percent_off' | 'amount_off' | 'duration'>;
        };
      })
  )[];
};
export type EventPayload = Pick<
  Stripe.EventBase,
  'id' | 'object' | 'api_version' | 'created' | 'livemode' | 'pending_webhooks' | 'request'
> & {
  type: Stripe.Event.Type;
  data: { object: SubscriptionPayload | Record<string, unknown> };
};

export interface SubscriptionInput {
  id: string;
  customer: string;
  account?: string;
  status?: Stripe.Subscription.Status;
  currency?: string;
  unitAmount: number;
  quantity?: number;
  interval?: Stripe.Price.Recurring.Interval;
  cancelAtPeriodEnd?: boolean;
  periodEnd?: string;
  percentOff?: number;
}

/** A subscription shaped as Stripe sends it. */
export function subscription(s: SubscriptionInput): SubscriptionPayload {
  const currency = s.currency ?? 'usd';
  return {
    id: s.id,
    object: 'subscription',
    customer: s.customer,
    status: s.status ?? 'active',
    currency,
    cancel_at: null,
    cancel_at_period_end: s.cancelAtPeriodEnd ?? false,
    metadata: s.account ? { account: s.account } : {},
    created: unix('2026-01-01T00:00:00Z'),
    start_date: unix('2026-01-01T00:00:00Z'),
    pause_collection: null,
    discounts: s.percentOff
      ? [
          {
            id: `di_${s.id}`,
            object: 'discount',
            start: unix('2026-01-01T00:00:00Z'),
            end: null,
            source: {
              type: 'coupon',
              coupon: {
                id: 'co_1',
                object: 'coupon',
                percent_off: s.percentOff,
                amount_off: null,
                duration: 'forever',
              },
            },
          },
        ]
      : [],
    items: {
      object: 'list',
      has_more: false,
      url: `/v1/subscription_items?subscription=${s.id}`,
      data: [
        {
          id: `si_${s.id}`,
          object: 'subscription_item',
          quantity: s.quantity ?? 1,
          created: unix('2026-01-01T00:00:00Z'),
          current_period_start: unix('2026-01-01T00:00:00Z'),
          current_period_end: unix(s.periodEnd ?? '2027-01-01T00:00:00Z'),
          subscription: s.id,
          metadata: {},
          price: {
            id: `price_${s.id}`,
            object: 'price',
            currency,
            unit_amount: s.unitAmount,
            type: 'recurring',
            active: true,
            recurring: {
              interval: s.interval ?? 'month',
              interval_count: 1,
              meter: null,
              trial_period_days: null,
              usage_type: 'licensed',
            },
          },
        },
      ],
    },
  };
}

let sequence = 0;
/** An event as Stripe sends it, created at `at`. */
export function event(
  type: Stripe.Event.Type,
  at: string,
  object: EventPayload['data']['object'],
  id?: string,
): EventPayload {
  sequence += 1;
  return {
    id: id ?? `evt_${sequence}_${Math.random().toString(36).slice(2)}`,
    object: 'event',
    api_version: '2026-11-17.clover',
    created: unix(at),
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    type,
    data: { object },
  };
}

/** Posts an event to a site's endpoint signed as Stripe signs it (the package's own test signer). */
export async function deliver(
  siteId: string,
  payload: EventPayload | string,
  options: {
    secret?: string;
    timestamp?: number;
    header?: (signed: string) => string;
    headers?: Record<string, string>;
  } = {},
) {
  const body = typeof payload === 'string' ? payload : JSON.stringify(payload);
  const signed = await Stripe.webhooks.generateTestHeaderStringAsync({
    payload: body,
    secret: options.secret ?? SECRET,
    timestamp: options.timestamp ?? Math.floor(Date.now() / 1000),
    cryptoProvider,
  });
  return call(`/v1/sources/stripe/${siteId}`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      'Stripe-Signature': options.header ? options.header(signed) : signed,
      ...options.headers,
    },
    body,
  });
}

/** `PUT /v1/sources/stripe` with a site's secret key. */
export function put(secretKey: string, body: unknown) {
  return call('/v1/sources/stripe', {
    method: 'PUT',
    headers: { Authorization: `Bearer ${secretKey}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
}

/** Stripe rows of a site straight from D1, to prove what was and was not stored. */
export async function stored(siteId: string) {
  const row = await env.DB.prepare(
    `SELECT (SELECT COUNT(*) FROM stripe_events WHERE site_id = ?1) AS events,
            (SELECT COUNT(*) FROM stripe_subscription_states WHERE site_id = ?1) AS states`,
  )
    .bind(siteId)
    .first<{ events: number; states: number }>();
  return row;
}

/** `GET /v1/mrr?query`, which must answer 200. */
export async function mrr(secretKey: string, query: string): Promise<MrrResponse> {
  const response = await read(`/v1/mrr?${query}`, secretKey);
  expect(response.status).toBe(200);
  return response.json();
}
