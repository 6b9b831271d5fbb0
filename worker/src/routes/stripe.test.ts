import { env } from 'cloudflare:test';
import type { StripeReceipt, StripeSource } from '@heard/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { call, newSite, read } from '../../test/helpers';
import { deliver, event, mrr, put, SECRET, stored, subscription } from '../../test/stripe';

describe('the Stripe source', () => {
  it('gives the URL to paste, shows it without the secret, and removes it', async () => {
    const site = await newSite();
    const set = await put(site.secretKey, { signingSecret: SECRET, account: 'metadata.account' });
    expect(set.status).toBe(200);
    expect(await set.json()).toMatchObject({
      url: `https://collector.test/v1/sources/stripe/${site.id}`,
      account: 'metadata.account',
    });
    const shown = await read('/v1/sources/stripe', site.secretKey);
    const text = await shown.text();
    expect(text).not.toContain(SECRET);
    expect(JSON.parse(text)).toMatchObject({ deliveries: [], failures: { count: 0, lastAt: null } });

    const removed = await call('/v1/sources/stripe', {
      method: 'DELETE',
      headers: { Authorization: `Bearer ${site.secretKey}` },
    });
    expect(removed.status).toBe(204);
    expect((await read('/v1/sources/stripe', site.secretKey)).status).toBe(404);
    const after = await deliver(
      site.id,
      event(
        'customer.subscription.created',
        '2026-01-05T10:00:00Z',
        subscription({ id: 'sub_x', customer: 'cus_x', unitAmount: 100 }),
      ),
    );
    expect(after.status).toBe(404);
    expect(await stored(site.id)).toEqual({ events: 0, states: 0 });
  });

  it('refuses a secret that is not a signing secret and an account that is neither form', async () => {
    const site = await newSite();
    expect((await put(site.secretKey, { signingSecret: 'sk_live_oops' })).status).toBe(400);
    expect((await put(site.secretKey, { signingSecret: SECRET, account: 'email' })).status).toBe(400);
    expect((await put('sk_nope', { signingSecret: SECRET })).status).toBe(401);
  });
});

describe("Stripe's webhook", () => {
  let site: Awaited<ReturnType<typeof newSite>>;
  const created = () =>
    event(
      'customer.subscription.created',
      '2026-01-05T10:00:00Z',
      subscription({ id: 'sub_w', customer: 'cus_w', unitAmount: 5_000 }),
    );
  beforeAll(async () => {
    site = await newSite();
    expect((await put(site.secretKey, { signingSecret: SECRET })).status).toBe(200);
  });

  it('refuses a bad signature, a missing one and an old timestamp with a 400 that stores nothing', async () => {
    const before = await stored(site.id);
    const wrong = await deliver(site.id, created(), { secret: 'whsec_someone_else_entirely' });
    expect(wrong.status).toBe(400);
    expect(await wrong.json()).toMatchObject({ error: { message: expect.stringContaining('does not match') } });
    const old = await deliver(site.id, created(), { timestamp: Math.floor(Date.now() / 1000) - 301 });
    expect(old.status).toBe(400);
    expect(await old.json()).toMatchObject({ error: { message: expect.stringContaining('5 minutes') } });
    // The collector reads its clock after this line and its request, so a timestamp "301 s ahead"
    // of a floored now could be under 300 s ahead by then (it was, on a loaded machine): 305 s
    // ahead of the next whole second stays beyond the tolerance for any request under 5 s.
    const ahead = await deliver(site.id, created(), { timestamp: Math.ceil(Date.now() / 1000) + 305 });
    expect(ahead.status).toBe(400);
    const tampered = await deliver(site.id, created(), {
      header: (h) => h.replace(/v1=(.)/, (_, c) => `v1=${c === '0' ? '1' : '0'}`),
    });
    expect(tampered.status).toBe(400);
    const none = await call(`/v1/sources/stripe/${site.id}`, { method: 'POST', body: JSON.stringify(created()) });
    expect(none.status).toBe(400);
    expect(await stored(site.id)).toEqual(before);
    const source: StripeSource = await (await read('/v1/sources/stripe', site.secretKey)).json();
    expect(source.failures.count).toBe(5);
    expect(source.failures.lastMessage).toBe('no Stripe-Signature header');
  });

  it('accepts a delivery when any of several v1 signatures matches', async () => {
    const response = await deliver(site.id, created(), {
      header: (h) => h.replace(',v1=', `,v1=${'ab'.repeat(32)},v1=`),
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      received: true,
      duplicate: false,
      outcome: 'applied',
    } satisfies StripeReceipt);
  });

  it('applies a replayed event id once', async () => {
    const once = event(
      'customer.subscription.created',
      '2026-02-01T10:00:00Z',
      subscription({ id: 'sub_replay', customer: 'cus_replay', unitAmount: 7_000 }),
      'evt_replayed',
    );
    const first = await deliver(site.id, once);
    const again = await deliver(site.id, once);
    expect(await first.json()).toMatchObject({ duplicate: false, outcome: 'applied' });
    expect(await again.json()).toMatchObject({ duplicate: true });
    const { results } = await env.DB.prepare(
      "SELECT COUNT(*) AS n FROM stripe_subscription_states WHERE site_id = ? AND subscription_id = 'sub_replay'",
    )
      .bind(site.id)
      .all<{ n: number }>();
    expect(results[0]?.n).toBe(1);
    const source: StripeSource = await (await read('/v1/sources/stripe', site.secretKey)).json();
    expect(source.deliveries.filter((d) => d.eventId === 'evt_replayed')).toHaveLength(1);
  });

  it('acknowledges a type Heard does not use, and refuses a body over the cap unread', async () => {
    const other = await deliver(
      site.id,
      event('charge.succeeded', '2026-02-01T10:00:00Z', { id: 'ch_1', object: 'charge' }),
    );
    expect(other.status).toBe(200);
    expect(await other.json()).toMatchObject({ outcome: 'ignored' });
    const big = await deliver(site.id, JSON.stringify({ ...created(), padding: 'x'.repeat(300 * 1024) }));
    expect(big.status).toBe(413);
  });

  it('refuses a signed subscription event that is not shaped as Stripe sends one', async () => {
    const before = await stored(site.id);
    const broken = event('customer.subscription.updated', '2026-02-01T10:00:00Z', {
      id: 'sub_b',
      object: 'subscription',
    });
    const response = await deliver(site.id, broken);
    expect(response.status).toBe(400);
    // Numbers past what D1's integers hold (10^19 ms, 10^15 × 100,000 seats) are a 400, not a 500.
    const far = event(
      'customer.subscription.created',
      '2026-02-01T10:00:00Z',
      subscription({ id: 'sub_f', customer: 'cus_f', unitAmount: 100 }),
    );
    expect((await deliver(site.id, { ...far, created: 1e16 })).status).toBe(400);
    const dear = subscription({ id: 'sub_d', customer: 'cus_d', unitAmount: 1e15, quantity: 100_000 });
    expect((await deliver(site.id, event('customer.subscription.created', '2026-02-01T10:00:00Z', dear))).status).toBe(
      400,
    );
    expect(await stored(site.id)).toEqual(before);
  });

  it('keeps the newer state when an older update is delivered after it', async () => {
    const own = await newSite();
    expect((await put(own.secretKey, { signingSecret: SECRET })).status).toBe(200);
    const seats = (quantity: number) =>
      subscription({ id: 'sub_late', customer: 'cus_late', unitAmount: 1_000, quantity });
    const sent = [
      event('customer.subscription.created', '2026-01-02T09:00:00Z', seats(1)),
      // Feb 10's downgrade to 2 seats arrives before Feb 1's upgrade to 5 (Stripe does not promise order).
      event('customer.subscription.updated', '2026-02-10T09:00:00Z', seats(2)),
      event('customer.subscription.updated', '2026-02-01T09:00:00Z', seats(5)),
    ];
    for (const e of sent) expect((await deliver(own.id, e)).status).toBe(200);
    const report = await mrr(own.secretKey, 'from=2026-01-01&to=2026-02-28');
    // January: new 10. February: 10 → 20 (5 seats on the 1st, 2 since the 10th): expansion 10.
    expect(report.periods.map((p) => [p.start, p.new, p.expansion, p.end])).toEqual([
      [0, 10, 0, 10],
      [10, 0, 10, 20],
    ]);
  });

  it("does not let one site's signature write into another site", async () => {
    const other = await newSite('Other');
    expect((await put(other.secretKey, { signingSecret: 'whsec_other_site_secret_000' })).status).toBe(200);
    const response = await deliver(other.id, created());
    expect(response.status).toBe(400);
    expect(await stored(other.id)).toEqual({ events: 0, states: 0 });
    expect((await mrr(other.secretKey, 'from=2026-01-01&to=2026-03-31')).currency).toBeNull();
  });
});
