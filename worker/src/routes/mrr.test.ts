import type { HealthResponse } from '@heard/core';
import { describe, expect, it } from 'vitest';
import { DAY, track, event as trackEvent } from '../../test/events';
import { collect, newSite, npsAnswer, read } from '../../test/helpers';
import { deliver, type EventPayload, event, mrr, put, SECRET, subscription } from '../../test/stripe';

describe('GET /v1/mrr from Stripe events', () => {
  it('equals the hand-computed table for a quarter of upgrades, a trial, a yearly plan, a discount, cancellations and a comeback', async () => {
    const site = await newSite();
    expect((await put(site.secretKey, { signingSecret: SECRET, account: 'metadata.account' })).status).toBe(200);
    const acme = { id: 'sub_acme', customer: 'cus_acme', account: 'acme', unitAmount: 5_000 };
    const globex = {
      id: 'sub_globex',
      customer: 'cus_globex',
      account: 'globex',
      unitAmount: 120_000,
      interval: 'year' as const,
      percentOff: 25,
    };
    const initech = { id: 'sub_initech', customer: 'cus_initech', account: 'initech', unitAmount: 3_000 };
    const umbrella = { id: 'sub_umbrella', customer: 'cus_umbrella', account: 'umbrella', unitAmount: 4_000 };
    const events = [
      // acme's upgrade (2 → 3 seats) arrives before its creation: out of order.
      event('customer.subscription.updated', '2026-01-20T09:00:00Z', subscription({ ...acme, quantity: 3 })),
      event('customer.subscription.created', '2026-01-05T09:00:00Z', subscription({ ...acme, quantity: 2 })),
      // globex: 1,200 a year with 25% off forever = 75 a month; cancels at the period's end (Mar 10).
      event('customer.subscription.created', '2026-01-10T09:00:00Z', subscription(globex)),
      event(
        'customer.subscription.updated',
        '2026-02-15T09:00:00Z',
        subscription({ ...globex, cancelAtPeriodEnd: true, periodEnd: '2026-03-10T00:00:00Z' }),
      ),
      // initech: a trial (0) from Jan 12, converted on Feb 12.
      event('customer.subscription.created', '2026-01-12T09:00:00Z', subscription({ ...initech, status: 'trialing' })),
      event('customer.subscription.updated', '2026-02-12T09:00:00Z', subscription(initech)),
      // umbrella: 40 from Jan 3, cancelled Feb 2, back on a new subscription at 60 on Mar 5.
      event('customer.subscription.created', '2026-01-03T09:00:00Z', subscription(umbrella)),
      event('customer.subscription.deleted', '2026-02-02T09:00:00Z', subscription({ ...umbrella, status: 'canceled' })),
      event(
        'customer.subscription.created',
        '2026-03-05T09:00:00Z',
        subscription({ ...umbrella, id: 'sub_umbrella_2', unitAmount: 6_000 }),
      ),
      // acme downgrades to 1 seat on Mar 20.
      event('customer.subscription.updated', '2026-03-20T09:00:00Z', subscription({ ...acme, quantity: 1 })),
      // hooli bills in euros: listed, never summed with dollars.
      event(
        'customer.subscription.created',
        '2026-01-08T09:00:00Z',
        subscription({ id: 'sub_hooli', customer: 'cus_hooli', account: 'hooli', currency: 'eur', unitAmount: 9_000 }),
      ),
    ];
    for (const e of events) expect((await deliver(site.id, e)).status).toBe(200);
    // Stripe retries one delivery: nothing changes.
    expect(await (await deliver(site.id, events[0] as EventPayload)).json()).toMatchObject({ duplicate: true });

    const report = await mrr(site.secretKey, 'from=2026-01-01&to=2026-03-31');
    expect(report.currency).toBe('usd');
    expect(report.currencies).toEqual([
      { currency: 'usd', accounts: 4 },
      { currency: 'eur', accounts: 1 },
    ]);
    const table = report.periods.map((p) => [
      p.period,
      p.start,
      p.new,
      p.expansion,
      p.contraction,
      p.churned,
      p.reactivation,
      p.end,
    ]);
    expect(table).toEqual([
      // Jan: acme 150 (its upgrade falls inside its first month: all new), globex 75, umbrella 40.
      ['2026-01-01', 0, 265, 0, 0, 0, 0, 265],
      // Feb: initech's trial converts (new 30), umbrella churns (40); globex still pays until Mar 10.
      ['2026-02-01', 265, 30, 0, 0, 40, 0, 255],
      // Mar: globex churns (75), umbrella comes back (60), acme 150 → 50 (contraction 100).
      ['2026-03-01', 255, 0, 0, 100, 75, 60, 140],
    ]);
    const [jan, feb, mar] = report.periods;
    expect(jan?.customers).toEqual({ start: 0, end: 3 });
    expect([feb?.logoChurnRate, feb?.revenueChurnRate, feb?.nrr, feb?.grr]).toEqual([
      1 / 3,
      40 / 265,
      225 / 265,
      225 / 265,
    ]);
    expect([mar?.logoChurnRate, mar?.revenueChurnRate, mar?.nrr, mar?.grr, mar?.arpa]).toEqual([
      1 / 3,
      175 / 255,
      80 / 255,
      80 / 255,
      140 / 3,
    ]);
    expect(mar?.movements).toEqual([
      { account: 'acme', kind: 'contraction', amount: 100 },
      { account: 'globex', kind: 'churned', amount: 75 },
      { account: 'umbrella', kind: 'reactivation', amount: 60 },
    ]);

    // CLV from MRR: ARPA 140/3 over the quarter's pooled churn, (40 + 175) of (265 + 255) a month.
    expect(report.clv).toEqual({
      arpa: 140 / 3,
      monthlyRevenueChurn: 215 / 520,
      value: 140 / 3 / (215 / 520),
      reason: null,
    });

    const euros = await mrr(site.secretKey, 'from=2026-01-01&to=2026-01-31&currency=EUR');
    expect(euros.currency).toBe('eur');
    expect(euros.periods.map((p) => [p.new, p.end])).toEqual([[90, 90]]);
  });

  it('refuses a bad window or currency with a 400', async () => {
    const site = await newSite();
    expect((await read('/v1/mrr?from=2026-03-01&to=2026-01-01', site.secretKey)).status).toBe(400);
    expect((await read('/v1/mrr?currency=dollars', site.secretKey)).status).toBe(400);
    expect((await read('/v1/mrr?interval=day', site.secretKey)).status).toBe(400);
    const empty = await mrr(site.secretKey, 'from=2026-01-01&to=2026-01-31&interval=week');
    expect(empty.currency).toBeNull();
    expect(empty.periods.every((p) => p.end === 0)).toBe(true);
  });
});

describe('GET /v1/health weighs accounts by their MRR from Stripe', () => {
  it('gives the MRR at risk beside the at-risk accounts', async () => {
    const site = await newSite();
    const now = Date.now();
    await track(site.publicKey, [
      // acme: active today, reached value, a promoter. r1: quiet, a detractor, two open tickets.
      trackEvent('identify', 'h1', now - 9 * DAY, { props: { account: 'acme' } }),
      trackEvent('signed_up', 'h1', now - 9 * DAY),
      trackEvent('activated', 'h1', now - 8 * DAY),
      trackEvent('page_viewed', 'h1', now - 1000),
      trackEvent('signed_up', 'r1', now - 20 * DAY),
      trackEvent('ticket_opened', 'r1', now - 16 * DAY, { entity: 'T-1' }),
      trackEvent('ticket_opened', 'r1', now - 15 * DAY, { entity: 'T-2' }),
    ]);
    await collect({ site: site.publicKey, answers: [npsAnswer(10, { userId: 'h1' }), npsAnswer(2, { userId: 'r1' })] });
    expect((await put(site.secretKey, { signingSecret: SECRET, account: 'metadata.account' })).status).toBe(200);
    const twoDaysAgo = new Date(now - 2 * DAY).toISOString();
    const paying = [
      { id: 'sub_acme', customer: 'cus_acme', account: 'acme', unitAmount: 5_000, quantity: 3 },
      { id: 'sub_r1', customer: 'cus_r1', account: 'r1', unitAmount: 4_000 },
      { id: 'sub_elsewhere', customer: 'cus_elsewhere', account: 'elsewhere', unitAmount: 1_000 },
    ];
    for (const s of paying) {
      expect((await deliver(site.id, event('customer.subscription.created', twoDaysAgo, subscription(s)))).status).toBe(
        200,
      );
    }
    const health = (await (await read('/v1/health', site.secretKey)).json()) as HealthResponse;
    expect(health.atRisk.map((a) => a.account)).toEqual(['r1']);
    expect(health.mrr).toEqual({
      currency: 'usd',
      total: 200,
      atRisk: 40,
      atRiskAccounts: 1,
      byAccount: { r1: 40, acme: 150 },
    });
  });
});
