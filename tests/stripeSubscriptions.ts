// Stripe, for the browser tests: a site's Stripe source and subscription events posted to it
// as Stripe posts them, each signed with the source's secret (the scheme of `stripeSignature`).
import { stripeSignature } from './api/calls';

const DAY = 86_400_000;

/** A subscription of one monthly price, as the tests describe it. */
export interface TestSubscription {
  id: string;
  unitAmount: number;
  quantity: number;
  status?: string;
  customer?: string;
}

/** Sets the site's Stripe source with `secret`; resolves to the webhook URL Stripe would post to. */
export async function stripeSource(collector: string, secretKey: string, secret: string): Promise<string> {
  const response = await fetch(`${collector}/v1/sources/stripe`, {
    method: 'PUT',
    headers: { Authorization: `Bearer ${secretKey}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ signingSecret: secret }),
  });
  if (!response.ok) throw new Error(`stripe source: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { url: string }).url;
}

/** Posts a `customer.subscription.*` event created `daysAgo` days ago, signed with `secret`. */
export async function postSubscription(
  url: string,
  secret: string,
  type: string,
  daysAgo: number,
  sub: TestSubscription,
) {
  const body = JSON.stringify({
    id: `evt_${crypto.randomUUID()}`,
    object: 'event',
    type,
    created: Math.floor((Date.now() - daysAgo * DAY) / 1000),
    data: {
      object: {
        id: sub.id,
        object: 'subscription',
        customer: sub.customer ?? `cus_${sub.id}`,
        status: sub.status ?? 'active',
        currency: 'usd',
        cancel_at: null,
        cancel_at_period_end: false,
        metadata: {},
        items: {
          object: 'list',
          data: [
            {
              id: `si_${sub.id}`,
              object: 'subscription_item',
              quantity: sub.quantity,
              price: {
                id: 'price_1',
                object: 'price',
                unit_amount: sub.unitAmount,
                recurring: { interval: 'month', interval_count: 1 },
              },
            },
          ],
        },
      },
    },
  });
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'Stripe-Signature': await stripeSignature(body, secret) },
    body,
  });
  if (!response.ok) throw new Error(`stripe event: ${response.status} ${await response.text()}`);
}
