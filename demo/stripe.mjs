// @ts-check
// The demo's fake Stripe account: the subscriptions behind the seeded year of Tasklane
// (demo/seed.mjs) as Stripe's webhooks would have delivered them — created, trials converted
// and lapsed, seats added, plans upgraded and downgraded, pauses, cancellations now and at the
// period's end, yearly plans, discounts, customers coming back — and the money that moved with
// them: each period's invoice paid, failed attempts and their retries, refunds. Signed as
// Stripe signs them and posted to the collector's Stripe source. Each subscription's account
// is the Heard user (`metadata.account`), so MRR joins that user's scores and health.
//
// Deterministic: the history's paying users and the demo's PRNGs (seeded apart from the
// history's own stream) make the same event ids, so posting twice applies nothing new.

/** @import Stripe from 'stripe' */
import { createHmac } from 'node:crypto';
import { random } from './seed.mjs';

const DAY = 86_400_000;
const HOUR = 3_600_000;
const TRIAL_DAYS = 14;
/** @typedef {'pro' | 'enterprise' | 'starter' | 'business'} Plan */
/** Monthly list prices in cents, per plan; a yearly plan bills 12 months less 15%. */
const PRICES = /** @type {Record<Plan, number>} */ ({
  pro: 4_900,
  enterprise: 49_000,
  starter: 2_500,
  business: 24_500,
});
/** The plan a downgrade moves to. */
const DOWNGRADE = /** @type {Partial<Record<Plan, Plan>>} */ ({ pro: 'starter', enterprise: 'business' });
const YEARLY_DISCOUNT = 0.15;
/** Share of monthly subscribers who pause collection for a month or two (invoices voided meanwhile). */
const PAUSED = 0.05;
/** Share of invoices whose first attempt fails and whose retry three days later is paid. */
const FAILED_FIRST_ATTEMPT = 0.05;
/** Share of immediate cancellations that are Stripe's own: the last renewal failed every retry. */
const INVOLUNTARY = 0.3;
/** Days after a failed renewal that Stripe tries the card again. */
const RETRY_DAYS = /** @type {const} */ ([3, 5, 7]);
/** Share of paid invoices refunded a few days later, in full or in part. */
const REFUNDED = 0.02;
/** Deliveries in flight at once, and the pace kept under the collector's per-site limit (6,000 a minute). */
export const STRIPE_PARALLEL = 8;
export const STRIPE_PER_SECOND = 80;
/** The signing secret the demo gives its Stripe source. */
export const DEMO_SIGNING_SECRET = 'whsec_tasklane_demo_fake_stripe_account';

/** @typedef {'month' | 'year'} Interval */
/**
 * `ms` moved by `k` billing intervals, by calendar months (a year is 12).
 * @param {number} ms @param {Interval} interval @param {number} k
 */
const addIntervals = (ms, interval, k) => {
  const d = new Date(ms);
  d.setUTCMonth(d.getUTCMonth() + k * (interval === 'year' ? 12 : 1));
  return d.getTime();
};
/**
 * The first period end after `at` of a subscription billing from `anchor`.
 * @param {number} anchor @param {Interval} interval @param {number} at
 */
const periodEndAfter = (anchor, interval, at) => {
  let k = 1;
  while (addIntervals(anchor, interval, k) <= at) k += 1;
  return addIntervals(anchor, interval, k);
};
/** @param {number} ms */
const unix = (ms) => Math.floor(ms / 1000);

/** The event types a subscription's changes arrive as. */
export const SUBSCRIPTION_TYPES = [
  'customer.subscription.created',
  'customer.subscription.updated',
  'customer.subscription.deleted',
];
/** The event types of the money beside MRR. */
export const PAYMENT_TYPES = ['invoice.paid', 'invoice.payment_failed', 'charge.refunded'];

/**
 * A Stripe event as the demo sends it: Stripe's envelope, with a subscription, invoice or charge.
 * @typedef {Pick<Stripe.Event, 'id' | 'object' | 'api_version' | 'created' | 'livemode' | 'pending_webhooks' | 'request'> & {
 *   type: string,
 *   data: { object: DemoObject, previous_attributes?: Record<string, unknown> },
 * }} DemoEvent
 * @typedef {DemoSubscription | DemoInvoice | DemoCharge} DemoObject
 * @typedef {ReturnType<typeof subscriptionObject>} DemoSubscription
 * @typedef {ReturnType<typeof invoiceObject>} DemoInvoice
 * @typedef {ReturnType<typeof chargeObject>} DemoCharge
 */

/**
 * One subscription's state when an event shows it.
 * @typedef {{ at: number, status: 'trialing' | 'active' | 'canceled', amountMinor: number, paused: boolean, plan: Plan, quantity: number }} Snapshot
 */

/**
 * Every Stripe event of the seeded year, oldest first: `{ id, type, created, data: { object } }`
 * shaped as Stripe sends `customer.subscription.*`, `invoice.paid`, `invoice.payment_failed`
 * and `charge.refunded`. `made` is `history()`'s output.
 * @param {{ events: { name: string, userId: string, ts: number, value?: number, props?: Record<string, unknown> }[] }} made
 * @param {{ seed?: number, now?: number }} options
 * @returns {DemoEvent[]}
 */
export function stripeHistory(made, { seed = 42, now = Date.now() } = {}) {
  const rand = random((seed ^ 0x5712_beef) >>> 0);
  // Pauses and payments draw from streams of their own, so the subscriptions stay as they were.
  const pauseRand = random((seed ^ 0x0a05_e5ed) >>> 0);
  /**
   * @typedef {{ ts: number, kind: string, value?: number, resumes?: number }} Change
   * @type {Map<string, { userId: string, changes: Change[], signedUp?: number, plan?: string, churnedAt?: number }>}
   */
  const users = new Map();
  for (const e of made.events) {
    if (e.name !== 'signed_up' && e.name !== 'revenue' && e.name !== 'churned') continue;
    const user = users.get(e.userId) ?? { userId: e.userId, changes: [] };
    if (e.name === 'signed_up') Object.assign(user, { signedUp: e.ts, plan: e.props?.plan });
    else if (e.name === 'churned') user.churnedAt = e.ts;
    else if (e.props?.kind !== 'new') user.changes.push({ ts: e.ts, kind: String(e.props?.kind), value: e.value ?? 0 });
    users.set(e.userId, user);
  }
  /** @type {DemoEvent[]} */
  const events = [];
  /** @type {{ sub: ReturnType<typeof subscriptionOf>, endedAt: number, immediate: boolean }[]} */
  const billed = [];
  for (const user of [...users.values()].sort((a, b) => (a.userId < b.userId ? -1 : 1))) {
    const signedUp = user.signedUp ?? 0;
    if (user.plan === 'free') {
      // A few free users try Pro and let the trial lapse: a subscription that never paid.
      if (rand() < 0.06) {
        const sub = subscriptionOf(user.userId, 1, { plan: 'pro', interval: 'month', start: signedUp + 2 * DAY });
        sub.trialEnd = sub.start + TRIAL_DAYS * DAY;
        sub.emit(events, 'customer.subscription.created', sub.start, 'trialing');
        sub.emit(events, 'customer.subscription.deleted', sub.trialEnd, 'canceled');
      }
      continue;
    }
    const plan = /** @type {Plan} */ (user.plan);
    const yearly = rand() < (plan === 'enterprise' ? 0.3 : 0.12);
    const trial = plan === 'pro' && rand() < 0.35;
    const coupon = rand() < 0.1 ? { percent_off: 20 } : !yearly && rand() < 0.05 ? { amount_off: 1_000 } : null;
    const sub = subscriptionOf(user.userId, 1, {
      plan,
      interval: yearly ? 'year' : 'month',
      start: signedUp + 60_000,
      coupon,
    });
    if (trial) {
      sub.trialEnd = sub.start + TRIAL_DAYS * DAY;
      sub.emit(events, 'customer.subscription.created', sub.start, 'trialing');
      sub.anchor = sub.trialEnd;
      sub.emit(events, 'customer.subscription.updated', sub.trialEnd, 'active');
    } else sub.emit(events, 'customer.subscription.created', sub.start, 'active');
    const paidFrom = sub.anchor;
    const until = Math.min(user.churnedAt ?? Number.POSITIVE_INFINITY, now);
    const changes = [...user.changes];
    if (!yearly && pauseRand() < PAUSED) {
      // Paused in the portal for a month or two, collection voided, then resumed.
      const pausedAt = paidFrom + (45 + pauseRand() * 150) * DAY;
      const resumes = pausedAt + (30 + pauseRand() * 30) * DAY;
      if (resumes < until) changes.push({ ts: pausedAt, kind: 'pause', resumes }, { ts: resumes, kind: 'resume' });
    }
    for (const change of changes.sort((a, b) => a.ts - b.ts)) {
      if (change.ts <= paidFrom || change.ts >= (user.churnedAt ?? Number.POSITIVE_INFINITY)) continue;
      if (change.kind === 'pause') sub.pausedUntil = change.resumes ?? null;
      else if (change.kind === 'resume') sub.pausedUntil = null;
      else if (change.kind === 'expansion') {
        // Most upgrades add seats; some Pro teams move up to Enterprise.
        if (sub.plan === 'pro' && rand() < 0.15) Object.assign(sub, { plan: 'enterprise', quantity: 1 });
        else sub.quantity += Math.max(1, Math.round(((change.value ?? 0) * 100) / PRICES[plan]));
      } else if (change.kind === 'contraction') {
        const down = DOWNGRADE[sub.plan];
        if (sub.quantity > 1) sub.quantity -= 1;
        else if (down) sub.plan = down;
      }
      sub.emit(events, 'customer.subscription.updated', change.ts, 'active');
    }
    if (user.churnedAt === undefined || user.churnedAt <= paidFrom) {
      billed.push({ sub, endedAt: Number.POSITIVE_INFINITY, immediate: false });
      continue;
    }
    let endedAt = user.churnedAt;
    const immediate = rand() >= 0.45;
    if (!immediate) {
      // Cancelled in the portal: still paying until the period it was cancelled in ends.
      endedAt = periodEndAfter(sub.anchor, sub.interval, user.churnedAt);
      sub.cancelAtPeriodEnd = true;
      sub.emit(events, 'customer.subscription.updated', user.churnedAt, 'active');
    }
    sub.emit(events, 'customer.subscription.deleted', endedAt, 'canceled');
    billed.push({ sub, endedAt, immediate });
    // Some come back a month or three later on a fresh monthly subscription.
    if (rand() < 0.15) {
      const back = endedAt + (30 + rand() * 60) * DAY;
      const again = subscriptionOf(user.userId, 2, { plan, interval: 'month', start: back });
      again.emit(events, 'customer.subscription.created', back, 'active');
      billed.push({ sub: again, endedAt: Number.POSITIVE_INFINITY, immediate: false });
    }
  }
  const payRand = random((seed ^ 0x1a7e_5eed) >>> 0);
  for (const { sub, endedAt, immediate } of billed) invoices(events, sub, { endedAt, immediate, now, rand: payRand });
  return events.filter((e) => e.created * 1000 <= now).sort((a, b) => a.created - b.created || (a.id < b.id ? -1 : 1));
}

/**
 * The invoices of one subscription, one per billing period from its first paid one (a trial's
 * $0 invoice is left out: it moves no money and Heard ignores it) to its end, skipping paused
 * periods (voided): paid; or failed once and paid on the retry; or, for the last renewal of
 * an involuntary cancellation, failed on every retry. Some paid invoices are refunded, and a
 * yearly plan cancelled at once gets its unused months back.
 * @param {DemoEvent[]} events
 * @param {ReturnType<typeof subscriptionOf>} sub
 * @param {{ endedAt: number, immediate: boolean, now: number, rand: () => number }} options
 */
function invoices(events, sub, { endedAt, immediate, now, rand }) {
  const due = [];
  for (let k = 0; ; k += 1) {
    const at = addIntervals(sub.anchor, sub.interval, k);
    if (at >= endedAt || at > now) break;
    const state = sub.stateAt(at);
    if (state && state.status === 'active' && !state.paused && state.amountMinor > 0) due.push({ k, at, state });
  }
  const involuntary = immediate && sub.interval === 'month' && rand() < INVOLUNTARY;
  for (const [i, { k, at, state }] of due.entries()) {
    const id = `in_${sub.id}_${k}`;
    const periodEnd = addIntervals(sub.anchor, sub.interval, k + 1);
    const issued = at + (k === 0 ? 60_000 : HOUR);
    /** @type {Bill} */
    const invoice = {
      id,
      sub,
      state,
      periodStart: at,
      periodEnd,
      reason: k === 0 ? 'subscription_create' : 'subscription_cycle',
    };
    const fails = involuntary && i === due.length - 1;
    if (fails) {
      // Stripe's retries until the cancellation it ends in.
      for (const [attempt, days] of [0, ...RETRY_DAYS].entries()) {
        const tried = issued + days * DAY;
        if (tried >= endedAt) break;
        events.push(
          invoiceEvent('invoice.payment_failed', `evt_demo_${id}_failed_${attempt + 1}`, tried, invoice, attempt + 1),
        );
      }
      continue;
    }
    let paidAt = issued;
    if (rand() < FAILED_FIRST_ATTEMPT) {
      events.push(invoiceEvent('invoice.payment_failed', `evt_demo_${id}_failed_1`, issued, invoice, 1));
      paidAt = issued + RETRY_DAYS[0] * DAY;
    }
    events.push(invoiceEvent('invoice.paid', `evt_demo_${id}_paid`, paidAt, invoice, paidAt === issued ? 1 : 2));
    const last = i === due.length - 1;
    if (last && immediate && sub.interval === 'year' && endedAt < periodEnd) {
      // A yearly plan cancelled at once: the unused part of the year refunded at the cancellation.
      const unused = Math.round((state.amountMinor * (periodEnd - endedAt)) / (periodEnd - at));
      if (unused > 0)
        events.push(refundEvent(`evt_demo_ch_${sub.id}_${k}_refunded`, endedAt + 60_000, invoice, unused));
    } else if (rand() < REFUNDED) {
      // A refund in full, or a credit of a quarter or a half, sometimes followed by a second one.
      const refundedAt = paidAt + (1 + rand() * 9) * DAY;
      const charge = `evt_demo_ch_${sub.id}_${k}_refunded`;
      if (rand() < 0.5) events.push(refundEvent(charge, refundedAt, invoice, state.amountMinor));
      else {
        const part = Math.round(state.amountMinor * (rand() < 0.5 ? 0.25 : 0.5));
        events.push(refundEvent(charge, refundedAt, invoice, part));
        if (rand() < 0.4) events.push(refundEvent(`${charge}_2`, refundedAt + 2 * DAY, invoice, 2 * part, part));
      }
    }
  }
}

/**
 * @typedef {{ id: string, sub: ReturnType<typeof subscriptionOf>, state: Snapshot, periodStart: number, periodEnd: number, reason: 'subscription_create' | 'subscription_cycle' }} Bill
 */

/**
 * Stripe's envelope around `object`.
 * @param {string} type @param {string} id @param {number} at @param {DemoObject} object
 * @returns {DemoEvent}
 */
const envelope = (type, id, at, object) => ({
  id,
  object: 'event',
  api_version: '2026-11-17.clover',
  created: unix(at),
  livemode: false,
  pending_webhooks: 1,
  request: { id: null, idempotency_key: null },
  type,
  data: { object },
});

/**
 * `invoice.paid` or `invoice.payment_failed` of one period's invoice, at its `attempt`.
 * @param {'invoice.paid' | 'invoice.payment_failed'} type @param {string} eventId @param {number} at
 * @param {Bill} bill @param {number} attempt
 */
const invoiceEvent = (type, eventId, at, bill, attempt) =>
  envelope(type, eventId, at, invoiceObject(bill, type === 'invoice.paid', at, attempt));

/**
 * An invoice as Stripe sends it in `data.object`.
 * @param {Bill} bill @param {boolean} paid @param {number} at @param {number} attempt
 */
function invoiceObject({ id, sub, state, periodStart, periodEnd, reason }, paid, at, attempt) {
  const amount = state.amountMinor;
  return /** @satisfies {Pick<Stripe.Invoice, 'id' | 'object' | 'currency' | 'amount_due' | 'amount_paid' | 'amount_remaining' | 'attempt_count' | 'attempted' | 'billing_reason' | 'collection_method' | 'created' | 'livemode' | 'metadata' | 'period_start' | 'period_end' | 'status' | 'subtotal' | 'total' | 'next_payment_attempt'> & { customer: string, parent: object, lines: object }} */ ({
    id,
    object: 'invoice',
    customer: `cus_${sub.userId}`,
    currency: 'usd',
    amount_due: amount,
    amount_paid: paid ? amount : 0,
    amount_remaining: paid ? 0 : amount,
    attempt_count: attempt,
    attempted: true,
    billing_reason: reason,
    collection_method: 'charge_automatically',
    created: unix(periodStart),
    livemode: false,
    metadata: {},
    period_start: unix(periodStart),
    period_end: unix(periodEnd),
    status: paid ? 'paid' : 'open',
    subtotal: amount,
    total: amount,
    next_payment_attempt: paid ? null : unix(at + 2 * DAY),
    parent: {
      type: 'subscription_details',
      quote_details: null,
      subscription_details: { subscription: sub.id, metadata: { account: sub.userId } },
    },
    lines: {
      object: 'list',
      has_more: false,
      url: `/v1/invoices/${id}/lines`,
      data: [
        {
          id: `il_${id}`,
          object: 'line_item',
          amount,
          currency: 'usd',
          quantity: state.quantity,
          period: { start: unix(periodStart), end: unix(periodEnd) },
          pricing: { type: 'price_details', price_details: { price: `price_${state.plan}_${sub.interval}` } },
        },
      ],
    },
  });
}

/**
 * `charge.refunded` of an invoice's charge, `refunded` of it refunded so far, `before` of that
 * by earlier refunds (Stripe's `previous_attributes`).
 * @param {string} eventId @param {number} at @param {Bill} bill @param {number} refunded
 */
const refundEvent = (eventId, at, bill, refunded, before = 0) => {
  const event = envelope('charge.refunded', eventId, at, chargeObject(bill, refunded));
  return { ...event, data: { ...event.data, previous_attributes: { amount_refunded: before, refunded: false } } };
};

/**
 * The charge that paid an invoice, as Stripe sends it once `refunded` of it is refunded.
 * @param {Bill} bill @param {number} refunded
 */
function chargeObject({ id, sub, state, periodStart }, refunded) {
  return /** @satisfies {Pick<Stripe.Charge, 'id' | 'object' | 'amount' | 'amount_captured' | 'amount_refunded' | 'captured' | 'created' | 'currency' | 'livemode' | 'metadata' | 'paid' | 'refunded' | 'status'> & { customer: string }} */ ({
    id: `ch_${id.slice('in_'.length)}`,
    object: 'charge',
    amount: state.amountMinor,
    amount_captured: state.amountMinor,
    amount_refunded: refunded,
    captured: true,
    created: unix(periodStart),
    currency: 'usd',
    customer: `cus_${sub.userId}`,
    livemode: false,
    metadata: {},
    paid: true,
    refunded: refunded >= state.amountMinor,
    status: 'succeeded',
  });
}

/**
 * A subscription as Stripe sends it in `data.object` of `customer.subscription.*`.
 * @param {ReturnType<typeof subscriptionOf>} sub
 * @param {'trialing' | 'active' | 'canceled'} status @param {number} at @param {number} periodEnd
 */
function subscriptionObject(sub, status, at, periodEnd) {
  const monthly = PRICES[sub.plan];
  const unitAmount = sub.interval === 'year' ? Math.round(monthly * 12 * (1 - YEARLY_DISCOUNT) * 100) / 100 : monthly;
  const { id, coupon } = sub;
  return /** @satisfies {Pick<Stripe.Subscription, 'id' | 'object' | 'status' | 'currency' | 'created' | 'start_date' | 'trial_end' | 'cancel_at' | 'cancel_at_period_end' | 'canceled_at' | 'ended_at' | 'metadata' | 'livemode'> & { customer: string, pause_collection: Pick<Stripe.Subscription.PauseCollection, 'behavior' | 'resumes_at'> | null, discounts: object[], items: object }} */ ({
    id,
    object: 'subscription',
    customer: `cus_${sub.userId}`,
    status,
    currency: 'usd',
    created: unix(sub.start),
    start_date: unix(sub.start),
    trial_end: sub.trialEnd ? unix(sub.trialEnd) : null,
    cancel_at: null,
    cancel_at_period_end: sub.cancelAtPeriodEnd,
    canceled_at: status === 'canceled' ? unix(at) : null,
    ended_at: status === 'canceled' ? unix(at) : null,
    livemode: false,
    metadata: { account: sub.userId },
    pause_collection:
      sub.pausedUntil && status !== 'canceled'
        ? { behavior: /** @type {const} */ ('void'), resumes_at: unix(sub.pausedUntil) }
        : null,
    discounts: coupon
      ? [
          {
            id: `di_${id}`,
            object: 'discount',
            start: unix(sub.start),
            end: null,
            source: {
              type: 'coupon',
              coupon: {
                id: coupon.percent_off ? 'LAUNCH20' : 'TENOFF',
                object: 'coupon',
                percent_off: coupon.percent_off ?? null,
                amount_off: coupon.amount_off ?? null,
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
  });
}

/**
 * One subscription of a user, whose `emit` adds an event showing its state at that moment and
 * whose `stateAt` says what it billed then.
 * @param {string} userId @param {number} n
 * @param {{ plan: Plan, interval: Interval, start: number, coupon?: { percent_off?: number, amount_off?: number } | null }} terms
 */
function subscriptionOf(userId, n, { plan, interval, start, coupon = null }) {
  const id = `sub_${userId}_${n}`;
  let sequence = 0;
  /** @type {Snapshot[]} */
  const timeline = [];
  const sub = {
    id,
    userId,
    plan,
    interval,
    start,
    anchor: start,
    quantity: 1,
    coupon,
    /** @type {number | null} */
    trialEnd: null,
    cancelAtPeriodEnd: false,
    /** @type {number | null} */
    pausedUntil: null,
    /**
     * @param {DemoEvent[]} events @param {string} type @param {number} at
     * @param {'trialing' | 'active' | 'canceled'} status
     */
    emit(events, type, at, status) {
      sequence += 1;
      const periodEnd =
        status === 'trialing' && sub.trialEnd ? sub.trialEnd : periodEndAfter(sub.anchor, sub.interval, at - 1);
      const object = subscriptionObject(sub, status, at, periodEnd);
      timeline.push({
        at,
        status,
        amountMinor: invoiceAmount(object),
        paused: object.pause_collection !== null,
        plan: sub.plan,
        quantity: sub.quantity,
      });
      events.push(envelope(type, `evt_demo_${id}_${sequence}`, at, object));
    },
    /** The state in effect at `at`: the last one shown at or before it. @param {number} at */
    stateAt(at) {
      return timeline.findLast((s) => s.at <= at);
    },
  };
  return sub;
}

/**
 * What a subscription's invoice for one period comes to, in cents: price × seats, less the
 * lasting coupon (a percentage, or an amount off each invoice).
 * @param {DemoSubscription} subscription
 */
function invoiceAmount(subscription) {
  const item = subscription.items.data[0];
  if (!item) return 0;
  const gross = item.price.unit_amount * item.quantity;
  const coupon = subscription.discounts[0]?.source.coupon;
  if (coupon?.percent_off) return Math.round(gross * (1 - coupon.percent_off / 100));
  if (coupon?.amount_off) return Math.max(0, gross - coupon.amount_off);
  return gross;
}

/**
 * The `Stripe-Signature` header Stripe sends: `t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.body">`.
 * @param {string} body @param {string} secret
 */
export function stripeSignature(body, secret, t = Math.floor(Date.now() / 1000)) {
  return `t=${t},v1=${createHmac('sha256', secret).update(`${t}.${body}`).digest('hex')}`;
}

/**
 * Sets the site's Stripe source (`PUT /v1/sources/stripe`, accounts from `metadata.account`)
 * and posts the events to it, each signed at send time: every subscription event first (so the
 * MRR report is whole as soon as they are in, and each payment's customer is known when it
 * arrives), then the payments; `parallel` in flight, paced under the site's request limit.
 * `requests` counts every request sent, the PUT and any sent again after a 429 included.
 * @param {{ collector: string, secretKey: string, events: DemoEvent[], parallel?: number, perSecond?: number,
 *   secret?: string, log?: (line: string) => void }} options
 * @returns {Promise<{ events: number, applied: number, duplicates: number, ignored: number, requests: number, limited: number }>}
 */
export async function seedStripe({
  collector,
  secretKey,
  events,
  parallel = STRIPE_PARALLEL,
  perSecond = STRIPE_PER_SECOND,
  secret = DEMO_SIGNING_SECRET,
  log = () => {},
}) {
  const source = await fetch(`${collector}/v1/sources/stripe`, {
    method: 'PUT',
    headers: { Authorization: `Bearer ${secretKey}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ signingSecret: secret, account: 'metadata.account' }),
  });
  if (!source.ok) throw new Error(`stripe source: ${source.status} ${await source.text()}`);
  // The URL Stripe would be given; posted to this collector, whatever host it names.
  const endpoint = new URL(new URL((await source.json()).url).pathname, collector).href;
  const totals = { events: events.length, applied: 0, duplicates: 0, ignored: 0, requests: 1, limited: 0 };
  let slot = 0;
  /** Waits for this request's turn under the pace. */
  const paced = async () => {
    const at = Math.max(slot, Date.now());
    slot = at + 1000 / perSecond;
    if (at > Date.now()) await new Promise((r) => setTimeout(r, at - Date.now()));
  };
  /** @param {string} what @param {DemoEvent[]} list */
  const post = async (what, list) => {
    let next = 0;
    let done = 0;
    const step = Math.max(1, Math.ceil(list.length / 10));
    const worker = async () => {
      while (next < list.length) {
        const body = JSON.stringify(list[next++]);
        /** @type {Response} */
        let response;
        for (;;) {
          await paced();
          totals.requests += 1;
          response = await fetch(endpoint, {
            method: 'POST',
            headers: { 'Content-Type': 'application/json', 'Stripe-Signature': stripeSignature(body, secret) },
            body,
          });
          if (response.status !== 429) break;
          // Over the site's limit: wait as told and send again, signed anew, as Stripe retries.
          totals.limited += 1;
          await response.body?.cancel();
          await new Promise((r) => setTimeout(r, Number(response.headers.get('Retry-After') ?? 60) * 1000));
        }
        if (!response.ok) throw new Error(`stripe event: ${response.status} ${await response.text()}`);
        const receipt = await response.json();
        if (receipt.duplicate) totals.duplicates += 1;
        else if (receipt.outcome === 'ignored') totals.ignored += 1;
        else totals.applied += 1;
        done += 1;
        if (done % step === 0 || done === list.length)
          log(`stripe: ${done.toLocaleString('en-US')} of ${list.length.toLocaleString('en-US')} ${what} events`);
      }
    };
    await Promise.all(Array.from({ length: parallel }, worker));
  };
  await post(
    'subscription',
    events.filter((e) => SUBSCRIPTION_TYPES.includes(e.type)),
  );
  await post(
    'payment',
    events.filter((e) => !SUBSCRIPTION_TYPES.includes(e.type)),
  );
  return totals;
}

/**
 * The fields of `GET /v1/mrr` the demo year reads (the full shape is `MrrResponse` of @heard/core).
 * @typedef {{ currency: string | null, to: string, clv: { value: number | null }, periods: {
 *   period: string, start: number, end: number, new: number, expansion: number, contraction: number,
 *   churned: number, reactivation: number, customers: { start: number, end: number },
 *   nrr: number | null, grr: number | null, logoChurnRate: number | null,
 *   payments: { collected: number, failed: number, refunded: number },
 * }[] }} MrrReport
 */

/**
 * The demo year's figures from `GET /v1/mrr` (the last 365 days, by month): MRR at its start
 * and end, each movement summed over the months, payments summed, and the rates of the last
 * whole month (the report's last period ends now, a few days or hours into a month) and CLV as
 * the report gives them.
 * @param {{ collector: string, secretKey: string }} options
 */
export async function demoYear({ collector, secretKey }) {
  const response = await fetch(`${collector}/v1/mrr?interval=month`, {
    headers: { Authorization: `Bearer ${secretKey}` },
  });
  if (!response.ok) throw new Error(`/v1/mrr: ${response.status} ${await response.text()}`);
  /** @type {MrrReport} */
  const report = await response.json();
  const first = report.periods[0];
  const last = report.periods.at(-1);
  const monthAfter = (/** @type {string} */ day) => {
    const d = new Date(day);
    d.setUTCMonth(d.getUTCMonth() + 1);
    return d.getTime();
  };
  const whole = last && monthAfter(last.period) > Date.parse(report.to) ? (report.periods.at(-2) ?? last) : last;
  /** @param {(p: MrrReport['periods'][number]) => number} of */
  const sum = (of) => Math.round(report.periods.reduce((total, p) => total + of(p), 0) * 100) / 100;
  return {
    currency: report.currency,
    from: first?.period ?? null,
    to: last?.period ?? null,
    months: report.periods.length,
    start: first?.start ?? 0,
    end: last?.end ?? 0,
    new: sum((p) => p.new),
    expansion: sum((p) => p.expansion),
    contraction: sum((p) => p.contraction),
    churned: sum((p) => p.churned),
    reactivation: sum((p) => p.reactivation),
    customers: last?.customers.end ?? 0,
    wholeMonth: whole?.period ?? null,
    nrr: whole?.nrr ?? null,
    grr: whole?.grr ?? null,
    logoChurn: whole?.logoChurnRate ?? null,
    collected: sum((p) => p.payments.collected),
    failed: sum((p) => p.payments.failed),
    refunded: sum((p) => p.payments.refunded),
    clv: report.clv.value,
  };
}

/**
 * One line of the demo year's figures, for the end of seeding.
 * @param {Awaited<ReturnType<typeof demoYear>>} year
 */
export function demoYearLine(year) {
  const money = (/** @type {number} */ x) => Math.round(x).toLocaleString('en-US');
  const rate = (/** @type {number | null} */ x) => (x === null ? '—' : `${(x * 100).toFixed(1)}%`);
  return (
    `demo year ${year.from?.slice(0, 7)} to ${year.to?.slice(0, 7)} (${year.currency?.toUpperCase()}): ` +
    `MRR ${money(year.start)} → ${money(year.end)}, ${year.customers.toLocaleString('en-US')} customers; ` +
    `new ${money(year.new)}, expansion ${money(year.expansion)}, contraction ${money(year.contraction)}, ` +
    `churned ${money(year.churned)}, reactivation ${money(year.reactivation)}; ` +
    `${year.wholeMonth?.slice(0, 7)} NRR ${rate(year.nrr)}, GRR ${rate(year.grr)}, logo churn ${rate(year.logoChurn)}; ` +
    `payments collected ${money(year.collected)}, failed ${money(year.failed)}, refunded ${money(year.refunded)}`
  );
}
