import { SELF } from 'cloudflare:test';
import { ZCollectResult } from '@heard/core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { publicKeys } from '../src/siteCache';
import { bodyOf, counts, newSite, npsAnswer, ORIGIN } from './helpers';

type Lookup = (db: D1Database, publicKey: string) => Promise<unknown>;

/**
 * Counts what the isolate's site cache does. The Worker behind SELF runs in this isolate and
 * shares this module, so this is the cache every collect uses. With `delayMs`, each lookup
 * first waits on a timer of the request that makes it, then reads D1 for real: a slow D1 call
 * stands in, and like one it belongs to that request and dies with it.
 */
function watchCache(delayMs = 0) {
  const cache = publicKeys as unknown as { lookup: Lookup; get: typeof publicKeys.get };
  const lookup = cache.lookup;
  const get = publicKeys.get;
  const seen = { gets: 0, lookups: 0 };
  cache.lookup = async (db, key) => {
    seen.lookups += 1;
    if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
    return lookup(db, key);
  };
  cache.get = function (this: typeof publicKeys, db, key) {
    seen.gets += 1;
    return get.call(this, db, key);
  };
  restores.push(() => {
    cache.lookup = lookup;
    delete (cache as { get?: unknown }).get;
  });
  return seen;
}
const restores: (() => void)[] = [];

/** A collect of one fresh answer, through the Worker's real fetch (its own request). */
const post = (publicKey: string, signal?: AbortSignal) =>
  SELF.fetch('https://collector.test/v1/collect', {
    method: 'POST',
    headers: { 'Content-Type': 'text/plain;charset=UTF-8', Origin: ORIGIN },
    body: JSON.stringify({ site: publicKey, answers: [npsAnswer(9)] }),
    signal,
  });

/** Settles with 'late' when `promise` has not settled within `ms`. */
const within = <T>(promise: Promise<T>, ms: number) =>
  Promise.race([promise, new Promise<'late'>((resolve) => setTimeout(() => resolve('late'), ms))]);

/**
 * Issue 25: no request awaits I/O another request started. Run by `coldKeys.test.ts` (D1
 * written at once) and `coldKeys.queue.test.ts` (collect enqueues).
 */
export function describeColdKeys(mode: 'direct' | 'queue') {
  const stored = async (siteId: string, answers: number) => {
    const expected = { answers, events: 0, rolled: answers };
    if (mode === 'direct') expect(await counts(siteId)).toEqual(expected);
    else await vi.waitFor(async () => expect(await counts(siteId)).toEqual(expected), { timeout: 15_000 });
  };
  const accepted =
    mode === 'direct'
      ? { accepted: 1, duplicates: 0, rejected: [] }
      : { accepted: 1, duplicates: 0, rejected: [], queued: true };

  describe(`collects for a key this isolate has not cached (${mode})`, () => {
    afterEach(() => {
      for (const restore of restores.splice(0)) restore();
    });

    it('answers every other request promptly when the first is aborted while its lookup is in flight', async () => {
      const site = await newSite();
      const seen = watchCache(300);
      const client = new AbortController();
      const first = post(site.publicKey, client.signal);
      await vi.waitFor(() => expect(seen.lookups).toBe(1));
      const others = Array.from({ length: 5 }, () => post(site.publicKey));
      // Every other request has asked the cache before the first one's client goes away.
      await vi.waitFor(() => expect(seen.gets).toBe(6));
      client.abort();
      await expect(first).rejects.toThrow(/abort/i);
      const answered = await within(Promise.all(others), 3_000);
      expect(answered, 'the other requests hung on the aborted request’s lookup').not.toBe('late');
      for (const response of answered as Response[]) {
        expect(response.status).toBe(200);
        expect(await bodyOf(ZCollectResult, response)).toEqual(accepted);
      }
      await stored(site.id, 5);
    }, 30_000);

    it('makes at most one D1 lookup per request on a cold isolate, and none once the site is cached', async () => {
      const site = await newSite();
      const seen = watchCache();
      const burst = await Promise.all(Array.from({ length: 100 }, () => post(site.publicKey)));
      expect(burst.map((r) => r.status)).toEqual(Array(100).fill(200));
      const cold = seen.lookups;
      console.log(`heard: ${cold} D1 lookups for 100 concurrent first collects of one key (${mode})`);
      expect(cold).toBeGreaterThanOrEqual(1);
      expect(cold).toBeLessThanOrEqual(100);
      const warm = await Promise.all(Array.from({ length: 100 }, () => post(site.publicKey)));
      expect(warm.map((r) => r.status)).toEqual(Array(100).fill(200));
      expect(seen.lookups).toBe(cold);
      await stored(site.id, 200);
    }, 60_000);
  });
}
