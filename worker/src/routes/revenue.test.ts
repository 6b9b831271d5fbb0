import { ZRevenueResponse } from '@heard/core';
import { describe, expect, it } from 'vitest';
import { DAY, event, track } from '../../test/events';
import { bodyOf, newSite, read } from '../../test/helpers';

describe('GET /v1/revenue', () => {
  it('reports expansion, contraction, ARPA, NRR and CLV with its parts', async () => {
    const site = await newSite();
    const now = Date.now();
    const day = (d: number) => new Date(now - d * DAY).toISOString().slice(0, 10);
    // Window: the last 60 days (from = 59 days ago, through today); baseline: the 60 before.
    await track(site.secretKey, [
      event('identify', 'alice', now - 100 * DAY, { props: { account: 'acme' } }),
      event('revenue', 'alice', now - 90 * DAY, { props: { kind: 'new' }, value: 100 }),
      event('revenue', 'bob', now - 80 * DAY, { props: { kind: 'new', account: 'acme' }, value: 100 }),
      event('revenue', 'alice', now - 30 * DAY, { props: { kind: 'expansion' }, value: 50 }),
      event('revenue', 'carol', now - 20 * DAY, { props: { kind: 'new' }, value: 300 }),
      event('revenue', 'carol', now - 10 * DAY, { props: { kind: 'contraction' }, value: 100 }),
      event('revenue', 'dave', now - 90 * DAY, { props: { kind: 'new' }, value: 200 }),
      event('churned', 'dave', now - 70 * DAY),
    ]);
    const response = await read(`/v1/revenue?from=${day(59)}`, site.secretKey);
    expect(response.status).toBe(200);
    const body = await bodyOf(ZRevenueResponse, response);
    expect(body).toMatchObject({
      newRevenue: 300,
      expansion: 50,
      contraction: 100,
      net: 250,
      payingAccounts: 2,
      arpa: 125,
    });
    // Baseline: acme 200 (alice and bob share the account), dave 200; since: acme 50, dave 0.
    expect(body.nrr).toBeCloseTo(50 / 400, 10);
    // Purchases 50, 300 and −100 (a contraction counts against it, as in net): 250 ÷ 3.
    expect(body.clv.averagePurchase).toBeCloseTo(250 / 3, 10);
    if (body.monthlyChurn) expect(body.clv.lifespanYears).toBeCloseTo(1 / (12 * body.monthlyChurn), 10);
    expect((await read('/v1/revenue?to=soon', site.secretKey)).status).toBe(400);
  });
});
