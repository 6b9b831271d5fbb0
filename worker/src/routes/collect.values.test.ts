import { LIMITS } from '@heard/core';
import { describe, expect, it } from 'vitest';
import { DAY, event, track } from '../../test/events';
import { collect, newSite, npsAnswer, read } from '../../test/helpers';

describe('numbers a visitor sends are bounded', () => {
  it('refuses event values and numeric props outside the documented bounds, by index', async () => {
    const site = await newSite();
    const now = Date.now() - 1000;
    // Revenue is a trusted event (server-only); any event a page may send carries a bounded value.
    const events = [
      event('checkout', 'u1', now, { value: 1e300 }),
      event('checkout', 'u1', now, { value: Number.MAX_VALUE }),
      event('checkout', 'u1', now, { value: -Number.MAX_VALUE }),
      event('checkout', 'u1', now, { value: LIMITS.valueAbs * 10 }),
      event('checkout', 'u1', now, { props: { seats: 1e300 } }),
      event('checkout', 'u1', now, { value: LIMITS.valueAbs, props: { seats: LIMITS.numberAbs } }),
    ];
    const answers = [npsAnswer(9, { traits: { mrr: 1e300 } })];
    const response = await collect({ site: site.publicKey, events, answers });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { accepted: number; rejected: { type: string; index: number }[] };
    expect(body.accepted).toBe(1);
    expect(body.rejected.map((r) => `${r.type}:${r.index}`)).toEqual([
      'answer:0',
      'event:0',
      'event:1',
      'event:2',
      'event:3',
      'event:4',
    ]);
  });

  it('keeps every revenue sum finite at the largest values allowed', async () => {
    const site = await newSite();
    const now = Date.now();
    const events = Array.from({ length: 1000 }, (_, i) =>
      event('revenue', `u${i}`, now - DAY - i, {
        value: LIMITS.valueAbs,
        props: { kind: i % 2 ? 'new' : 'expansion' },
      }),
    );
    // Revenue comes through the server door (trusted events), under the same bounds.
    await track(site.secretKey, events);
    const response = await read('/v1/revenue', site.secretKey);
    expect(response.status).toBe(200);
    const text = await response.text();
    const report = JSON.parse(text) as { newRevenue: number; expansion: number; net: number };
    expect(report.newRevenue).toBe(500 * LIMITS.valueAbs);
    expect(report.expansion).toBe(500 * LIMITS.valueAbs);
    expect(Number.isFinite(report.net)).toBe(true);
  });
});
