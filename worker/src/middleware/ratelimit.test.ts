import { describe, expect, it } from 'vitest';
import { call, collect, counts, newSite, npsAnswer } from '../../test/helpers';
import { deliver, event, put, SECRET, subscription } from '../../test/stripe';

// worker/vitest.config.ts gives the bindings low limits: 5 per minute per IP, 200 per minute per site.
const IP_LIMIT = 5;
const SITE_LIMIT = 200;

let ipCounter = 0;
const freshIp = () => `198.51.100.${++ipCounter}`;

/**
 * Sends requests until the first 429. The binding's windows are aligned to the clock, so a run
 * may straddle two of them: within 2 × limit + 1 requests one window must overflow, and never
 * before `limit` requests. Returns how many went through before the first 429, and that 429.
 */
async function untilLimited(limit: number, send: () => Promise<Response>) {
  for (let passed = 0; passed <= 2 * limit; passed++) {
    const response = await send();
    if (response.status === 429) return { passed, response };
    expect(response.status).toBeLessThan(400);
  }
  throw new Error(`no 429 after ${2 * limit + 1} requests`);
}

describe('rate limits (Workers rate-limiting bindings)', () => {
  it('answers 429 with Retry-After once one client IP passes its limit, and stores nothing more', async () => {
    const site = await newSite();
    const ip = freshIp();
    const send = () =>
      collect(
        { site: site.publicKey, answers: [npsAnswer(9)] },
        { Origin: 'https://app.example.com', 'CF-Connecting-IP': ip },
      );
    const { passed, response } = await untilLimited(IP_LIMIT, send);
    expect(passed).toBeGreaterThanOrEqual(IP_LIMIT);
    expect(response.headers.get('Retry-After')).toBe('60');
    expect(await response.json()).toMatchObject({ error: { code: 'rate_limited' } });
    expect((await send()).status).toBe(429);
    expect((await counts(site.id)).answers).toBe(passed);
    // Another address is not affected.
    const other = await collect(
      { site: site.publicKey, answers: [npsAnswer(9)] },
      { Origin: 'https://app.example.com', 'CF-Connecting-IP': freshIp() },
    );
    expect(other.status).toBe(200);
  });

  it('trusts CF-Connecting-IP as sent when not behind Cloudflare: a new value escapes the per-IP limit (docs/security.md)', async () => {
    // Only Cloudflare's edge overwrites the header. Called directly (wrangler dev, workerd,
    // these tests) a client picks its own address, so there the per-site limit is what holds.
    const site = await newSite();
    const ip = freshIp();
    const send = (address: string) =>
      collect(
        { site: site.publicKey, answers: [npsAnswer(9)] },
        { Origin: 'https://app.example.com', 'CF-Connecting-IP': address },
      );
    await untilLimited(IP_LIMIT, () => send(ip));
    expect((await send(ip)).status).toBe(429);
    expect((await send(`${ip}, 203.0.113.9`)).status).toBe(200);
  });

  it('limits every /v1 route per IP, secret-key reads included', async () => {
    const site = await newSite();
    const ip = freshIp();
    const { passed } = await untilLimited(IP_LIMIT, () =>
      call('/v1/scores?metric=nps', { headers: { Authorization: `Bearer ${site.secretKey}`, 'CF-Connecting-IP': ip } }),
    );
    expect(passed).toBeGreaterThanOrEqual(IP_LIMIT);
  });

  it('answers 429 once one site passes its limit, from whatever addresses, while other sites carry on', {
    timeout: 120_000,
  }, async () => {
    const site = await newSite();
    const other = await newSite();
    const { passed, response } = await untilLimited(SITE_LIMIT, () => collect({ site: site.publicKey, events: [] }));
    expect(passed).toBeGreaterThanOrEqual(SITE_LIMIT);
    expect(response.headers.get('Retry-After')).toBe('60');
    // The secret-key routes of the same site share its budget.
    const read = await call('/v1/scores?metric=nps', { headers: { Authorization: `Bearer ${site.secretKey}` } });
    expect(read.status).toBe(429);
    expect((await collect({ site: other.publicKey, answers: [npsAnswer(9)] })).status).toBe(200);
  });

  it("limits Stripe's deliveries per site, not per address: Stripe sends every site's from a few", {
    timeout: 120_000,
  }, async () => {
    const site = await newSite();
    expect((await put(site.secretKey, { signingSecret: SECRET })).status).toBe(200);
    const stripeIp = freshIp();
    const send = () =>
      deliver(
        site.id,
        event(
          'customer.subscription.created',
          '2026-01-05T10:00:00Z',
          subscription({ id: 'sub_limit', customer: 'cus_limit', unitAmount: 100 }),
        ),
        { headers: { 'CF-Connecting-IP': stripeIp } },
      );
    const { passed, response } = await untilLimited(SITE_LIMIT, send);
    expect(passed).toBeGreaterThan(IP_LIMIT);
    // The PUT that set the source spent one of the site's requests.
    expect(passed).toBeGreaterThanOrEqual(SITE_LIMIT - 1);
    expect(response.headers.get('Retry-After')).toBe('60');
    // Another site's deliveries from the same address carry on.
    const other = await newSite();
    expect((await put(other.secretKey, { signingSecret: SECRET })).status).toBe(200);
    const delivered = await deliver(
      other.id,
      event(
        'customer.subscription.created',
        '2026-01-05T10:00:00Z',
        subscription({ id: 'sub_other', customer: 'cus_other', unitAmount: 100 }),
      ),
      { headers: { 'CF-Connecting-IP': stripeIp } },
    );
    expect(delivered.status).toBe(200);
  });
});
