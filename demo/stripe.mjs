// The demo's fake Stripe account: the subscriptions behind the seeded year of Tasklane
// (demo/seed.mjs) as Stripe's webhooks would have delivered them — created, trials converted
// and lapsed, seats added, plans upgraded and downgraded, cancellations now and at the
// period's end, yearly plans, discounts, customers coming back — signed as Stripe signs them
// and posted to the collector's Stripe source. Each subscription's account is the Heard user
// (`metadata.account`), so MRR joins that user's scores and health.
//
// Deterministic: the history's paying users and the demo's PRNG (seeded apart from the
// history's own stream) make the same event ids, so posting twice applies nothing new.

import { createHmac } from 'node:crypto';
import { random } from './seed.mjs';

const DAY = 86_400_000;
const TRIAL_DAYS = 14;
/** Monthly list prices in cents, per plan; a yearly plan bills 12 months less 15%. */
const PRICES = { pro: 4_900, enterprise: 49_000, starter: 2_500, business: 24_500 };
/** The plan a downgrade moves to. */
const DOWNGRADE = { pro: 'starter', enterprise: 'business' };
const YEARLY_DISCOUNT = 0.15;
/** The signing secret the demo gives its Stripe source. */
export const DEMO_SIGNING_SECRET = 'whsec_tasklane_demo_fake_stripe_account';

/** `ms` moved by `k` billing intervals, by calendar months (a year is 12). */
const addIntervals = (ms, interval, k) => {
  const d = new Date(ms);
  d.setUTCMonth(d.getUTCMonth() + k * (interval === 'year' ? 12 : 1));
  return d.getTime();
};
/** The first period end after `at` of a subscription billing from `anchor`. */
const periodEndAfter = (anchor, interval, at) => {
  let k = 1;
  while (addIntervals(anchor, interval, k) <= at) k += 1;
  return addIntervals(anchor, interval, k);
};
const unix = (ms) => Math.floor(ms / 1000);

/**
 * Every Stripe event of the seeded year, oldest first: `{ id, type, created, data: { object } }`
 * shaped as Stripe sends `customer.subscription.*`. `made` is `history()`'s output.
 * @param {{ events: { name: string, userId: string, ts: number, value?: number, props?: Record<string, unknown> }[] }} made
 * @param {{ seed?: number, now?: number }} options
 */
export function stripeHistory(made, { seed = 42, now = Date.now() } = {}) {
  const rand = random((seed ^ 0x5712_beef) >>> 0);
  const users = new Map();
  for (const e of made.events) {
    if (e.name !== 'signed_up' && e.name !== 'revenue' && e.name !== 'churned') continue;
    const user = users.get(e.userId) ?? { userId: e.userId, changes: [] };
    if (e.name === 'signed_up') Object.assign(user, { signedUp: e.ts, plan: e.props?.plan });
    else if (e.name === 'churned') user.churnedAt = e.ts;
    else if (e.props?.kind !== 'new') user.changes.push({ ts: e.ts, kind: e.props?.kind, value: e.value });
    users.set(e.userId, user);
  }
  const events = [];
  for (const user of [...users.values()].sort((a, b) => (a.userId < b.userId ? -1 : 1))) {
    if (user.plan === 'free') {
      // A few free users try Pro and let the trial lapse: a subscription that never paid.
      if (rand() < 0.06) {
        const sub = subscriptionOf(user, 1, { plan: 'pro', interval: 'month', start: user.signedUp + 2 * DAY });
        sub.trialEnd = sub.start + TRIAL_DAYS * DAY;
        sub.emit(events, 'customer.subscription.created', sub.start, 'trialing');
        sub.emit(events, 'customer.subscription.deleted', sub.trialEnd, 'canceled');
      }
      continue;
    }
    const yearly = rand() < (user.plan === 'enterprise' ? 0.3 : 0.12);
    const trial = user.plan === 'pro' && rand() < 0.35;
    const coupon = rand() < 0.1 ? { percent_off: 20 } : !yearly && rand() < 0.05 ? { amount_off: 1_000 } : null;
    const sub = subscriptionOf(user, 1, {
      plan: user.plan,
      interval: yearly ? 'year' : 'month',
      start: user.signedUp + 60_000,
      coupon,
    });
    if (trial) {
      sub.trialEnd = sub.start + TRIAL_DAYS * DAY;
      sub.emit(events, 'customer.subscription.created', sub.start, 'trialing');
      sub.anchor = sub.trialEnd;
      sub.emit(events, 'customer.subscription.updated', sub.trialEnd, 'active');
    } else sub.emit(events, 'customer.subscription.created', sub.start, 'active');
    const paidFrom = sub.anchor;
    for (const change of user.changes.sort((a, b) => a.ts - b.ts)) {
      if (change.ts <= paidFrom || change.ts >= (user.churnedAt ?? Infinity)) continue;
      if (change.kind === 'expansion') {
        // Most upgrades add seats; some Pro teams move up to Enterprise.
        if (sub.plan === 'pro' && rand() < 0.15) Object.assign(sub, { plan: 'enterprise', quantity: 1 });
        else sub.quantity += Math.max(1, Math.round((change.value * 100) / PRICES[user.plan]));
      } else if (change.kind === 'contraction') {
        if (sub.quantity > 1) sub.quantity -= 1;
        else if (DOWNGRADE[sub.plan]) sub.plan = DOWNGRADE[sub.plan];
      }
      sub.emit(events, 'customer.subscription.updated', change.ts, 'active');
    }
    if (user.churnedAt === undefined || user.churnedAt <= paidFrom) continue;
    let endedAt = user.churnedAt;
    if (rand() < 0.45) {
      // Cancelled in the portal: still paying until the period it was cancelled in ends.
      endedAt = periodEndAfter(sub.anchor, sub.interval, user.churnedAt);
      sub.cancelAtPeriodEnd = true;
      sub.emit(events, 'customer.subscription.updated', user.churnedAt, 'active');
    }
    sub.emit(events, 'customer.subscription.deleted', endedAt, 'canceled');
    // Some come back a month or three later on a fresh monthly subscription.
    if (rand() < 0.15) {
      const back = endedAt + (30 + rand() * 60) * DAY;
      const again = subscriptionOf(user, 2, { plan: user.plan, interval: 'month', start: back });
      again.emit(events, 'customer.subscription.created', back, 'active');
    }
  }
  return events.filter((e) => e.created * 1000 <= now).sort((a, b) => a.created - b.created || (a.id < b.id ? -1 : 1));
}

/** One subscription of a user, whose `emit` adds an event showing its state at that moment. */
function subscriptionOf(user, n, { plan, interval, start, coupon = null }) {
  const id = `sub_${user.userId}_${n}`;
  let sequence = 0;
  const sub = {
    id,
    plan,
    interval,
    start,
    anchor: start,
    quantity: 1,
    coupon,
    trialEnd: null,
    cancelAtPeriodEnd: false,
    emit(events, type, at, status) {
      sequence += 1;
      const monthly = PRICES[sub.plan];
      const unitAmount =
        sub.interval === 'year' ? Math.round(monthly * 12 * (1 - YEARLY_DISCOUNT) * 100) / 100 : monthly;
      const periodEnd =
        status === 'trialing' && sub.trialEnd ? sub.trialEnd : periodEndAfter(sub.anchor, sub.interval, at - 1);
      events.push({
        id: `evt_demo_${id}_${sequence}`,
        object: 'event',
        api_version: '2026-11-17.clover',
        created: unix(at),
        livemode: false,
        pending_webhooks: 1,
        request: { id: null, idempotency_key: null },
        type,
        data: {
          object: {
            id,
            object: 'subscription',
            customer: `cus_${user.userId}`,
            status,
            currency: 'usd',
            created: unix(sub.start),
            start_date: unix(sub.start),
            trial_end: sub.trialEnd ? unix(sub.trialEnd) : null,
            cancel_at: null,
            cancel_at_period_end: sub.cancelAtPeriodEnd,
            canceled_at: status === 'canceled' ? unix(at) : null,
            ended_at: status === 'canceled' ? unix(at) : null,
            metadata: { account: user.userId },
            pause_collection: null,
            discounts: sub.coupon
              ? [
                  {
                    id: `di_${id}`,
                    object: 'discount',
                    start: unix(sub.start),
                    end: null,
                    source: {
                      type: 'coupon',
                      coupon: {
                        id: sub.coupon.percent_off ? 'LAUNCH20' : 'TENOFF',
                        object: 'coupon',
                        percent_off: sub.coupon.percent_off ?? null,
                        amount_off: sub.coupon.amount_off ?? null,
                        duration: 'forever',
                      },
                    },
                  },
                ]
              : [],
            items: {
              object: 'list',
              has_more: false,
              url: `/v1/subscription_items?subscription=${id}`,
              data: [
                {
                  id: `si_${id}`,
                  object: 'subscription_item',
                  quantity: sub.quantity,
                  created: unix(sub.start),
                  current_period_start: unix(
                    periodEnd === sub.trialEnd ? sub.start : addIntervals(periodEnd, sub.interval, -1),
                  ),
                  current_period_end: unix(periodEnd),
                  subscription: id,
                  metadata: {},
                  price: {
                    id: `price_${sub.plan}_${sub.interval}`,
                    object: 'price',
                    currency: 'usd',
                    unit_amount: Math.round(unitAmount),
                    type: 'recurring',
                    active: true,
                    recurring: { interval: sub.interval, interval_count: 1, usage_type: 'licensed' },
                  },
                },
              ],
            },
          },
        },
      });
    },
  };
  return sub;
}

/** The `Stripe-Signature` header Stripe sends: `t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.body">`. */
export function stripeSignature(body, secret, t = Math.floor(Date.now() / 1000)) {
  return `t=${t},v1=${createHmac('sha256', secret).update(`${t}.${body}`).digest('hex')}`;
}

/**
 * Sets the site's Stripe source (`PUT /v1/sources/stripe`, accounts from `metadata.account`)
 * and posts the events to it, each signed at send time, a few at a time.
 * @returns {Promise<{ events: number, applied: number, duplicates: number, ignored: number }>}
 */
export async function seedStripe({ collector, secretKey, events, parallel = 4, secret = DEMO_SIGNING_SECRET }) {
  const source = await fetch(`${collector}/v1/sources/stripe`, {
    method: 'PUT',
    headers: { Authorization: `Bearer ${secretKey}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ signingSecret: secret, account: 'metadata.account' }),
  });
  if (!source.ok) throw new Error(`stripe source: ${source.status} ${await source.text()}`);
  // The URL Stripe would be given; posted to this collector, whatever host it names.
  const endpoint = new URL(new URL((await source.json()).url).pathname, collector).href;
  const totals = { events: events.length, applied: 0, duplicates: 0, ignored: 0 };
  let next = 0;
  const worker = async () => {
    while (next < events.length) {
      const body = JSON.stringify(events[next++]);
      let response;
      for (;;) {
        response = await fetch(endpoint, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', 'Stripe-Signature': stripeSignature(body, secret) },
          body,
        });
        if (response.status !== 429) break;
        // Over the site's limit: wait as told and send again, signed anew, as Stripe retries.
        await response.body?.cancel();
        await new Promise((r) => setTimeout(r, Number(response.headers.get('Retry-After') ?? 60) * 1000));
      }
      if (!response.ok) throw new Error(`stripe event: ${response.status} ${await response.text()}`);
      const receipt = await response.json();
      if (receipt.duplicate) totals.duplicates += 1;
      else if (receipt.outcome === 'ignored') totals.ignored += 1;
      else totals.applied += 1;
    }
  };
  await Promise.all(Array.from({ length: parallel }, worker));
  return totals;
}
