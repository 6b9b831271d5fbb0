import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { HealthResponse, MrrResponse, ResponsesPage } from '@heard/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { history } from '../../demo/seed.mjs';
import { type DemoEvent, demoYear, SUBSCRIPTION_TYPES, seedStripe, stripeHistory } from '../../demo/stripe.mjs';
import { startDev } from '../../scripts/dev.mjs';
import { freePort } from '../../scripts/stack.mjs';

const USERS = 800;
const SEED = 7;
/**
 * The bound on the fake Stripe account's seeding, as a count of requests: one PUT of the source,
 * then each event once (no re-sends, no 429), and at most 6 events per subscription (its
 * lifecycle, one invoice per billed period, failed attempts, refunds).
 */
const MAX_EVENTS_PER_SUBSCRIPTION = 6;

/** `pnpm dev`'s own start-up (scripts/dev.mjs) on free ports and a fresh D1, seeding a smaller Tasklane. */
let dev: Awaited<ReturnType<typeof startDev>>;
let year: NonNullable<Awaited<Awaited<ReturnType<typeof startDev>>['stripe']>>;
/** What the stack showed as soon as `startDev` resolved. */
let early: { demo: number; answers: number; stripeDone: boolean };
let events: DemoEvent[];

async function api<T>(path: string): Promise<T> {
  const response = await fetch(`${dev.collector.url}${path}`, {
    headers: { Authorization: `Bearer ${dev.site.secretKey}` },
  });
  if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
  return response.json() as Promise<T>;
}

type Subscription = Extract<DemoEvent['data']['object'], { object: 'subscription' }>;
const isSubscription = (o: DemoEvent['data']['object']): o is Subscription => o.object === 'subscription';
const subscriptionEvents = () =>
  events.flatMap((e) => (isSubscription(e.data.object) ? [{ ...e, sub: e.data.object }] : []));

/**
 * MRR in cents at `t`, recomputed from the events posted, apart from @heard/core: each
 * subscription's latest state by Stripe's `created`; nothing unless active and not paused,
 * nothing once a cancellation at period end has reached its end; price × seats per month (a
 * year is 12), less the lasting coupon.
 */
function mrrAt(t: number): number {
  const latest = new Map<string, Subscription>();
  for (const { created, sub } of subscriptionEvents()) if (created * 1000 <= t) latest.set(sub.id, sub);
  let total = 0;
  for (const sub of latest.values()) {
    const item = sub.items.data[0];
    if (sub.status !== 'active' || !item || sub.pause_collection) continue;
    if (sub.cancel_at_period_end && item.current_period_end * 1000 <= t) continue;
    let monthly = (item.price.unit_amount * item.quantity) / (item.price.recurring.interval === 'year' ? 12 : 1);
    const coupon = sub.discounts[0]?.source.coupon;
    if (coupon?.amount_off) monthly -= coupon.amount_off;
    if (coupon?.percent_off) monthly *= 1 - coupon.percent_off / 100;
    total += Math.max(0, Math.round(monthly));
  }
  return total;
}

/** Cents an event moved: an invoice paid or a failed attempt, or the newly refunded part of a charge. */
function moneyOf(e: DemoEvent): { kind: 'collected' | 'failed' | 'refunded'; cents: number } | null {
  const o = e.data.object;
  if (o.object === 'invoice')
    return e.type === 'invoice.paid'
      ? { kind: 'collected', cents: o.amount_paid }
      : { kind: 'failed', cents: o.amount_due };
  if (o.object === 'charge') {
    const before = Number(e.data.previous_attributes?.amount_refunded ?? 0);
    return { kind: 'refunded', cents: o.amount_refunded - before };
  }
  return null;
}

beforeAll(async () => {
  const dir = await mkdtemp(join(tmpdir(), 'heard-demo-dev-'));
  dev = await startDev({
    collectorPort: await freePort(),
    demoPort: await freePort(),
    persistTo: join(dir, 'd1'),
    siteFile: join(dir, 'site.json'),
    users: USERS,
    seed: SEED,
    log: () => {},
  });
  let stripeDone = false;
  dev.stripe.then(
    () => (stripeDone = true),
    () => (stripeDone = true),
  );
  // The moment `pnpm dev` prints its banner: the demo and the seeded answers are there already.
  const page = await fetch(dev.demo.url);
  await page.arrayBuffer();
  const scores = await api<{ n: number }>('/v1/scores?metric=nps');
  early = { demo: page.status, answers: scores.n, stripeDone };
  const done = await dev.stripe;
  if (!done) throw new Error('startDev posted no Stripe year for a fresh site');
  year = done;
  const now = dev.site.seed.now;
  events = stripeHistory(history({ users: USERS, seed: SEED, now }), { seed: SEED, now });
}, 900_000);

afterAll(async () => {
  await dev?.stop();
});

describe("the demo's fake Stripe account, as `pnpm dev` seeds it", () => {
  it('serves the demo and its answers before the Stripe year is in, then posts it in a bounded count of requests', () => {
    expect(early).toEqual({ demo: 200, answers: expect.any(Number), stripeDone: false });
    expect(early.answers).toBeGreaterThan(100);
    // Each event once, every one signed, verified and applied: no re-sends, no 429.
    expect(year.totals).toEqual({
      events: events.length,
      applied: events.length,
      duplicates: 0,
      ignored: 0,
      requests: events.length + 1,
      limited: 0,
    });
    const subscriptions = new Set(subscriptionEvents().map((e) => e.sub.id)).size;
    expect(year.totals.requests).toBeLessThanOrEqual(1 + MAX_EVENTS_PER_SUBSCRIPTION * subscriptions);
  });

  it('sends every kind of subscription change and payment', async () => {
    const bySubscription = new Map<string, { type: string; sub: Subscription }[]>();
    for (const e of subscriptionEvents()) bySubscription.set(e.sub.id, [...(bySubscription.get(e.sub.id) ?? []), e]);
    const kinds = {
      ...{ created: 0, trialConverted: 0, trialLapsed: 0, upgraded: 0, downgraded: 0, paused: 0, resumed: 0 },
      ...{ cancelled: 0, cancelAtPeriodEnd: 0, yearly: 0, discounted: 0, reactivated: 0 },
    };
    const value = (s: Subscription) => (s.items.data[0]?.price.unit_amount ?? 0) * (s.items.data[0]?.quantity ?? 0);
    for (const [id, list] of bySubscription) {
      const first = list[0]?.sub;
      if (!first) continue;
      kinds.created += first.status === 'active' ? 1 : 0;
      if (first.items.data[0]?.price.recurring.interval === 'year') kinds.yearly += 1;
      if (first.discounts.length > 0) kinds.discounted += 1;
      if (id.endsWith('_2')) kinds.reactivated += 1;
      list.forEach((e, i) => {
        const before = list[i - 1]?.sub;
        if (!before) return;
        if (before.status === 'trialing' && e.sub.status === 'active') kinds.trialConverted += 1;
        if (before.status === 'trialing' && e.sub.status === 'canceled') kinds.trialLapsed += 1;
        if (before.status !== 'active' || e.sub.status !== 'active') {
          if (e.type === 'customer.subscription.deleted' && before.status === 'active' && !before.cancel_at_period_end)
            kinds.cancelled += 1;
          return;
        }
        if (value(e.sub) > value(before)) kinds.upgraded += 1;
        if (value(e.sub) < value(before)) kinds.downgraded += 1;
        if (!before.pause_collection && e.sub.pause_collection) kinds.paused += 1;
        if (before.pause_collection && !e.sub.pause_collection) kinds.resumed += 1;
        if (!before.cancel_at_period_end && e.sub.cancel_at_period_end) kinds.cancelAtPeriodEnd += 1;
      });
    }
    for (const [kind, n] of Object.entries(kinds)) expect(n, kind).toBeGreaterThan(0);
    const types = new Map<string, number>();
    for (const e of events) types.set(e.type, (types.get(e.type) ?? 0) + 1);
    for (const type of [...SUBSCRIPTION_TYPES, 'invoice.paid', 'invoice.payment_failed', 'charge.refunded'])
      expect(types.get(type), type).toBeGreaterThan(0);
    // A failed renewal retried and paid, and a yearly plan's unused months refunded.
    const retried = events.filter((e) => e.type === 'invoice.paid' && e.data.object.object === 'invoice');
    expect(retried.some((e) => e.data.object.object === 'invoice' && e.data.object.attempt_count === 2)).toBe(true);
    // Refunds in full and in part, and a second partial refund of a charge (Stripe's previous_attributes).
    const refunds = events.flatMap((e) => (e.data.object.object === 'charge' ? [e] : []));
    expect(refunds.some((e) => e.data.object.object === 'charge' && !e.data.object.refunded)).toBe(true);
    expect(refunds.some((e) => e.data.object.object === 'charge' && e.data.object.refunded)).toBe(true);
    expect(refunds.some((e) => Number(e.data.previous_attributes?.amount_refunded) > 0)).toBe(true);
    // Posting again is Stripe retrying: the same ids, applied never twice.
    const again = events.slice(0, 50);
    expect(await seedStripe({ collector: dev.collector.url, secretKey: dev.site.secretKey, events: again })).toEqual({
      events: again.length,
      applied: 0,
      duplicates: again.length,
      ignored: 0,
      requests: again.length + 1,
      limited: 0,
    });
  });

  it("gives /v1/mrr a year whose movements sum to each month's change and whose ends match the events", async () => {
    const report = await api<MrrResponse>('/v1/mrr?interval=month');
    expect(report.currency).toBe('usd');
    expect(report.periods.length).toBeGreaterThanOrEqual(12);
    const totals = { new: 0, expansion: 0, contraction: 0, churned: 0, reactivation: 0 };
    report.periods.forEach((p, i) => {
      expect(p.end - p.start).toBeCloseTo(p.new + p.expansion + p.reactivation - p.contraction - p.churned, 2);
      const next = report.periods[i + 1];
      if (next) expect(next.start).toBeCloseTo(p.end, 2);
      const endsAt = next ? Date.parse(next.period) : Date.parse(report.to);
      expect(p.end).toBeCloseTo(mrrAt(endsAt) / 100, 2);
      // Each account moves at most once a period, and the movements are the period's figures.
      expect(new Set(p.movements.map((m) => m.account)).size).toBe(p.movements.length);
      for (const kind of Object.keys(totals) as (keyof typeof totals)[]) {
        const listed = p.movements.filter((m) => m.kind === kind).reduce((sum, m) => sum + m.amount, 0);
        expect(listed).toBeCloseTo(p[kind], 2);
        totals[kind] += p[kind];
      }
      for (const m of p.movements) expect(m.account).toMatch(/^u_\d{5}$/);
    });
    // Not a flat line: a year of a growing SaaS, with every movement there.
    expect(report.periods.at(-1)?.end).toBeGreaterThan(5_000);
    for (const kind of Object.keys(totals) as (keyof typeof totals)[]) expect(totals[kind]).toBeGreaterThan(0);
    const last = report.periods.at(-1);
    expect(last?.nrr).toBeGreaterThan(0.5);
    expect(last?.grr).toBeLessThanOrEqual(1);
  });

  it('fills the payments beside MRR in every paying month, each equal to the events posted in it', async () => {
    const report = await api<MrrResponse>('/v1/mrr?interval=month');
    report.periods.forEach((p, i) => {
      const from = Date.parse(p.period);
      const to =
        i + 1 < report.periods.length ? Date.parse(report.periods[i + 1]?.period ?? '') : Date.parse(report.to);
      const cents = { collected: 0, failed: 0, refunded: 0 };
      const failing = new Set<string>();
      for (const e of events) {
        const money = moneyOf(e);
        if (!money || e.created * 1000 < from || e.created * 1000 >= to) continue;
        cents[money.kind] += money.cents;
        if (money.kind === 'failed' && e.data.object.object === 'invoice') failing.add(e.data.object.customer);
      }
      expect(p.payments.collected).toBeCloseTo(cents.collected / 100, 2);
      expect(p.payments.failed).toBeCloseTo(cents.failed / 100, 2);
      expect(p.payments.refunded).toBeCloseTo(cents.refunded / 100, 2);
      expect(p.payments.failedAccounts).toBe(failing.size);
      if (p.start > 0) expect(p.payments.collected).toBeGreaterThan(0);
    });
    // The demo year's summary line reads these figures: none of them zero.
    expect(year.year).toEqual(await demoYear({ collector: dev.collector.url, secretKey: dev.site.secretKey }));
    for (const figure of [
      'end',
      'new',
      'expansion',
      'contraction',
      'churned',
      'collected',
      'failed',
      'refunded',
    ] as const)
      expect(year.year[figure], figure).toBeGreaterThan(0);
    expect(year.year.collected).toBeCloseTo(
      report.periods.reduce((sum, p) => sum + p.payments.collected, 0),
      2,
    );
  });

  it("weighs the demo's accounts in /v1/health by their MRR", async () => {
    const health = await api<HealthResponse>('/v1/health?limit=50');
    expect(health.mrr?.currency).toBe('usd');
    expect(health.mrr?.total).toBeCloseTo(mrrAt(Date.now()) / 100, 2);
    const weighed = Object.keys(health.mrr?.byAccount ?? {});
    expect(weighed.length).toBeGreaterThan(0);
    for (const account of weighed) expect(account).toMatch(/^u_\d{5}$/);
  });

  it('joins the churned accounts of /v1/mrr to their answers and comments: the same account ids', async () => {
    const report = await api<MrrResponse>('/v1/mrr?interval=month');
    const churned = new Set(
      report.periods.flatMap((p) => p.movements.filter((m) => m.kind === 'churned')).map((m) => m.account),
    );
    const commented = new Map<string, string[]>();
    let cursor: string | null = null;
    do {
      const page: ResponsesPage = await api<ResponsesPage>(
        `/v1/responses?limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      );
      for (const r of page.responses)
        if (r.account && r.comment && (r.kind === 'nps' || r.kind === 'csat'))
          commented.set(r.account, [...(commented.get(r.account) ?? []), r.comment]);
      cursor = page.next;
    } while (cursor);
    const heard = [...churned].filter((account) => commented.has(account));
    // The churned-MRR list has feedback to show beside most of its rows.
    expect(churned.size).toBeGreaterThan(10);
    expect(heard.length).toBeGreaterThan(churned.size / 4);
  });
});
