import type { HealthResponse, MrrResponse } from '@heard/core';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { history, seed } from '../../demo/seed.mjs';
import { seedStripe, stripeHistory } from '../../demo/stripe.mjs';
import { createSite } from '../../scripts/stack.mjs';

const stack = inject('stack');
const USERS = 800;
const SEED = 7;
const now = Date.now();

/** A site of its own seeded as `pnpm dev` seeds the demo, its fake Stripe account included. */
let site: { publicKey: string; secretKey: string };
let seeded: Awaited<ReturnType<typeof seed>>;
const events = stripeHistory(history({ users: USERS, seed: SEED, now }), { seed: SEED, now });

async function api<T>(path: string): Promise<T> {
  const response = await fetch(`${stack.collector}${path}`, { headers: { Authorization: `Bearer ${site.secretKey}` } });
  if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
  return response.json() as Promise<T>;
}

type Subscription = (typeof events)[number]['data']['object'];

/**
 * MRR in cents at `t`, recomputed from the events posted, apart from @heard/core: each
 * subscription's latest state by Stripe's `created`; nothing unless active, nothing once a
 * cancellation at period end has reached its end; price × seats per month (a year is 12),
 * less the lasting coupon.
 */
function mrrAt(t: number): number {
  const latest = new Map<string, Subscription>();
  for (const e of events) if (e.created * 1000 <= t) latest.set(e.data.object.id, e.data.object);
  let total = 0;
  for (const sub of latest.values()) {
    const item = sub.items.data[0];
    if (sub.status !== 'active' || !item) continue;
    if (sub.cancel_at_period_end && item.current_period_end * 1000 <= t) continue;
    let monthly = (item.price.unit_amount * item.quantity) / (item.price.recurring.interval === 'year' ? 12 : 1);
    const coupon = sub.discounts[0]?.source.coupon;
    if (coupon?.amount_off) monthly -= coupon.amount_off;
    if (coupon?.percent_off) monthly *= 1 - coupon.percent_off / 100;
    total += Math.max(0, Math.round(monthly));
  }
  return total;
}

beforeAll(async () => {
  site = await createSite(stack.collector, stack.adminToken, 'Tasklane (demo Stripe test)', []);
  seeded = await seed({
    collector: stack.collector,
    publicKey: site.publicKey,
    secretKey: site.secretKey,
    users: USERS,
    seed: SEED,
    now,
    stripe: true,
  });
}, 300_000);

describe("the demo's fake Stripe account", () => {
  it('posts every kind of subscription change, each event signed and applied once', async () => {
    expect(seeded.stripe).toEqual({ events: events.length, applied: events.length, duplicates: 0, ignored: 0 });
    const kinds = (predicate: (s: Subscription, type: string) => boolean) =>
      new Set(events.filter((e) => predicate(e.data.object, e.type)).map((e) => e.data.object.id)).size;
    expect(kinds((s) => s.status === 'trialing')).toBeGreaterThan(10);
    expect(kinds((s) => s.items.data[0]?.price.recurring.interval === 'year')).toBeGreaterThan(10);
    expect(kinds((s) => s.discounts.length > 0)).toBeGreaterThan(10);
    expect(kinds((s) => s.cancel_at_period_end)).toBeGreaterThan(2);
    expect(kinds((_s, type) => type === 'customer.subscription.deleted')).toBeGreaterThan(10);
    // The same seed again is the same events: Stripe's retries, applied never twice.
    const retried = events.slice(0, 100);
    const again = await seedStripe({ collector: stack.collector, secretKey: site.secretKey, events: retried });
    expect(again).toEqual({ events: retried.length, applied: 0, duplicates: retried.length, ignored: 0 });
    expect(kinds((s) => s.id.endsWith('_2'))).toBeGreaterThan(0);
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

  it("weighs the demo's accounts in /v1/health by their MRR", async () => {
    const health = await api<HealthResponse>('/v1/health?limit=50');
    expect(health.mrr?.currency).toBe('usd');
    expect(health.mrr?.total).toBeCloseTo(mrrAt(Date.now()) / 100, 2);
    const weighed = Object.keys(health.mrr?.byAccount ?? {});
    expect(weighed.length).toBeGreaterThan(0);
    for (const account of weighed) expect(account).toMatch(/^u_\d{5}$/);
  });
});
