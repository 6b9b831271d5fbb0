import { ZHealthResponse } from '@heard/core';
import { describe, expect, it } from 'vitest';
import { DAY, event, track } from '../../test/events';
import { bodyOf, call, collect, newSite, npsAnswer, read } from '../../test/helpers';

describe('GET /v1/health', () => {
  it('scores each account from its parts and lists the at-risk ones worst first', async () => {
    const site = await newSite();
    const now = Date.now();
    await track(site.publicKey, [
      // happy: account acme (two users), active today, reached value, promoter.
      event('identify', 'h1', now - 9 * DAY, { props: { account: 'acme' } }),
      event('identify', 'h2', now - 9 * DAY, { props: { account: 'acme' } }),
      event('signed_up', 'h1', now - 9 * DAY),
      event('activated', 'h2', now - 8 * DAY),
      event('page_viewed', 'h2', now - 1000),
      // risky: quiet for 15 of 30 days, never reached value, a detractor, two open tickets.
      event('signed_up', 'r1', now - 20 * DAY),
      event('ticket_opened', 'r1', now - 16 * DAY, { entity: 'T-1' }),
      event('ticket_opened', 'r1', now - 15 * DAY, { entity: 'T-2' }),
      // gone: quiet for 40 days.
      event('signed_up', 'g1', now - 40 * DAY),
      event('activated', 'g1', now - 40 * DAY),
    ]);
    await collect({
      site: site.publicKey,
      answers: [npsAnswer(10, { userId: 'h1' }), npsAnswer(2, { userId: 'r1' })],
    });
    const response = await read('/v1/health', site.secretKey);
    expect(response.status).toBe(200);
    const body = await bodyOf(ZHealthResponse, response);
    expect(body.total).toBe(3);
    const byName = Object.fromEntries(body.accounts.map((a) => [a.account, a]));
    expect(byName.acme?.parts.nps.value).toBe(100);
    expect(byName.acme?.parts.ttv.value).toBe(100);
    expect(byName.acme?.parts.recency.value).toBeGreaterThan(99);
    expect(byName.r1?.parts).toMatchObject({ nps: { value: 20 }, ttv: { value: 0 }, tickets: { value: 50 } });
    expect(byName.r1?.parts.recency.value).toBeCloseTo(50, 0);
    // r1: (20·25 + 50·25 + 0·15 + 50·15) ÷ (25 + 25 + 15 + 15) = 2500 ÷ 80.
    expect(byName.r1?.score).toBeCloseTo(31.25, 1);
    // g1: recency 0, ttv 100, tickets 100 → (0·25 + 100·15 + 100·15) ÷ 55.
    expect(byName.g1?.score).toBeCloseTo(3000 / 55, 1);
    expect(body.atRisk.map((a) => a.account)).toEqual(['r1']);
    expect(body.accounts.map((a) => a.account)).toEqual(['r1', 'g1', 'acme']);
  });

  it('uses the weights and threshold from the site settings', async () => {
    const site = await newSite();
    await call('/v1/settings', {
      method: 'PATCH',
      headers: { Authorization: `Bearer ${site.secretKey}` },
      body: JSON.stringify({ health: { weights: { recency: 0, tickets: 0, ttv: 0 }, atRisk: 90 } }),
    });
    await track(site.publicKey, [event('signed_up', 'x', Date.now() - DAY)]);
    await collect({ site: site.publicKey, answers: [npsAnswer(8, { userId: 'x' })] });
    const body = await bodyOf(ZHealthResponse, await read('/v1/health', site.secretKey));
    expect(body.accounts[0]?.score).toBe(80);
    expect(body.atRisk.map((a) => a.account)).toEqual(['x']);
    expect((await read('/v1/health?limit=0', site.secretKey)).status).toBe(400);
  });

  it('gives the same accounts from the per-account rollup as per user (exact=true), kept live after the first read', async () => {
    const site = await newSite();
    const now = Date.now();
    await track(site.publicKey, [
      event('identify', 'a1', now - 9 * DAY, { props: { account: 'acme' } }),
      event('identify', 'a2', now - 9 * DAY, { props: { account: 'acme' } }),
      event('signed_up', 'a1', now - 9 * DAY),
      event('signed_up', 'b1', now - 5 * DAY),
      event('ticket_opened', 'a2', now - 2 * DAY, { entity: 'T-9' }),
      event('ticket_opened', 'b1', now - 2 * DAY, { entity: 'T-10', props: { account: 'zeta' } }),
    ]);
    await collect({ site: site.publicKey, answers: [npsAnswer(3, { userId: 'a1' }), npsAnswer(9, { userId: 'b1' })] });
    const same = async () => {
      const rolled = await bodyOf(ZHealthResponse, await read('/v1/health', site.secretKey));
      const exact = await bodyOf(ZHealthResponse, await read('/v1/health?exact=true', site.secretKey));
      // Only the clock moves between the two reads: recency (and so the score) by a few ms in 30 days.
      const strip = (b: typeof rolled) =>
        b.accounts.map((a) => ({
          ...a,
          score: a.score?.toFixed(3),
          parts: { ...a.parts, recency: a.parts.recency.value?.toFixed(3) },
        }));
      expect(strip(rolled)).toEqual(strip(exact));
      expect({ ...rolled, accounts: [], atRisk: rolled.atRisk.map((a) => a.account) }).toEqual({
        ...exact,
        accounts: [],
        atRisk: exact.atRisk.map((a) => a.account),
      });
      return rolled;
    };
    const first = await same();
    expect(first.accounts.map((a) => a.account).sort()).toEqual(['acme', 'b1', 'zeta']);
    expect(first.openTickets).toBe(2);
    // After the first read the triggers keep it: a1 reaches value, b1 joins acme, a2 answers last.
    await track(site.publicKey, [
      event('activated', 'a1', now - DAY),
      event('identify', 'b1', now - 1000, { props: { account: 'acme' } }),
    ]);
    await collect({ site: site.publicKey, answers: [npsAnswer(6, { userId: 'a2' })] });
    const second = await same();
    expect(second.accounts.find((a) => a.account === 'acme')?.parts).toMatchObject({
      nps: { value: 60 },
      ttv: { value: 100 },
      // T-10 counts for its own account (zeta), T-9 for its starter a2.
      tickets: { value: 75 },
    });
  });
});
