import { describe, expect, it } from 'vitest';
import type { WebhookRow } from './db/webhook';
import { WebhookAbsence } from './webhookCache';

const webhook: WebhookRow = { url: 'https://hooks.example.com/x', secret: 's', createdAt: 0, send: { answers: 'low' } };

describe('WebhookAbsence', () => {
  it('skips the read of a site seen without a webhook for ttlMs, then reads it again', () => {
    let now = 0;
    const cache = new WebhookAbsence({ ttlMs: 30_000, maxSites: 10, now: () => now });
    const first = cache.check('a');
    expect(first.read).toBe(true);
    cache.saw('a', null, first.generation);
    expect(cache.check('a').read).toBe(false);
    // A webhook set in another isolate: this one reads it again within the bound.
    now = 29_999;
    expect(cache.check('a').read).toBe(false);
    now = 30_000;
    expect(cache.check('a').read).toBe(true);
  });

  it('never skips the read of a site seen with a webhook, so a removal takes effect at once', () => {
    const cache = new WebhookAbsence({ ttlMs: 30_000, maxSites: 10, now: () => 0 });
    cache.saw('a', webhook, cache.check('a').generation);
    expect(cache.check('a').read).toBe(true);
  });

  it('reads at once after a webhook is set in this isolate, even if a read begun before lands after', () => {
    const cache = new WebhookAbsence({ ttlMs: 30_000, maxSites: 10, now: () => 0 });
    cache.saw('a', null, cache.check('a').generation);
    const racing = cache.check('b');
    cache.forget('a');
    expect(cache.check('a').read).toBe(true);
    cache.saw('b', null, racing.generation);
    expect(cache.check('b').read).toBe(true);
  });

  it('keeps at most maxSites, the oldest going first', () => {
    const cache = new WebhookAbsence({ ttlMs: 30_000, maxSites: 2, now: () => 0 });
    for (const site of ['a', 'b', 'c']) cache.saw(site, null, cache.check(site).generation);
    expect(['a', 'b', 'c'].map((site) => cache.check(site).read)).toEqual([true, false, false]);
  });
});
