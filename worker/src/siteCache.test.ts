import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { collect, counts, newSite, npsAnswer, ORIGIN, recordedDb } from '../test/helpers';
import { type SiteRow, siteByPublicKey } from './db/sites';
import app from './index';
import { SiteCache, type SiteCacheOptions } from './siteCache';

const TTL = 30_000;
const MISS_TTL = 5_000;

/** A cache over the real sites table, with a clock the test moves and a count of D1 lookups. */
function cacheWith(options: Partial<SiteCacheOptions> = {}) {
  const clock = { now: 1_000_000 };
  const looked: string[] = [];
  const cache = new SiteCache(
    (db, key) => {
      looked.push(key);
      return siteByPublicKey(db, key);
    },
    { ttlMs: TTL, missTtlMs: MISS_TTL, maxSites: 100, maxMisses: 100, now: () => clock.now, ...options },
  );
  return { cache, clock, looked };
}

const setOrigins = (siteId: string, origins: string[]) =>
  env.DB.prepare('UPDATE sites SET origins = ? WHERE id = ?').bind(JSON.stringify(origins), siteId).run();

/** Inserts a site with a public key the test chooses (the API only makes random ones). */
async function insertSite(publicKey: string) {
  const id = `site_${crypto.randomUUID()}`;
  await env.DB.prepare('INSERT INTO sites (id, name, public_key, origins, created_at) VALUES (?, ?, ?, ?, ?)')
    .bind(id, 'Late', publicKey, JSON.stringify([ORIGIN]), Date.now())
    .run();
  return id;
}

describe('SiteCache', () => {
  it('sees an allowed-origins change once the TTL has passed, not before', async () => {
    const site = await newSite();
    const { cache, clock, looked } = cacheWith();
    expect((await cache.get(env.DB, site.publicKey))?.origins).toEqual([ORIGIN]);
    await setOrigins(site.id, ['https://new.example.com']);
    clock.now += TTL - 1;
    expect((await cache.get(env.DB, site.publicKey))?.origins).toEqual([ORIGIN]);
    expect(looked).toHaveLength(1);
    clock.now += 1;
    expect((await cache.get(env.DB, site.publicKey))?.origins).toEqual(['https://new.example.com']);
    expect(looked).toHaveLength(2);
  });

  it('answers null for an unknown key, and finds a site created with it within the short miss TTL', async () => {
    const key = `pk_${crypto.randomUUID()}`;
    const { cache, clock } = cacheWith();
    expect(await cache.get(env.DB, key)).toBeNull();
    const id = await insertSite(key);
    clock.now += MISS_TTL - 1;
    expect(await cache.get(env.DB, key)).toBeNull();
    clock.now += 1;
    expect((await cache.get(env.DB, key))?.id).toBe(id);
  });

  it('finds a site at once when the key is forgotten (as creating a site does)', async () => {
    const key = `pk_${crypto.randomUUID()}`;
    const { cache } = cacheWith();
    expect(await cache.get(env.DB, key)).toBeNull();
    const id = await insertSite(key);
    cache.forgetKey(key);
    expect((await cache.get(env.DB, key))?.id).toBe(id);
  });

  it('never answers one key with another site, and forgetting one site keeps the other', async () => {
    const [a, b] = [await newSite('A'), await newSite('B')];
    const { cache, looked } = cacheWith();
    for (let i = 0; i < 3; i++) {
      expect((await cache.get(env.DB, a.publicKey))?.id).toBe(a.id);
      expect((await cache.get(env.DB, b.publicKey))?.id).toBe(b.id);
      expect(await cache.get(env.DB, `${a.publicKey}x`)).toBeNull();
      expect(await cache.get(env.DB, a.publicKey.toUpperCase())).toBeNull();
    }
    expect(looked).toHaveLength(4);
    cache.forgetSite(a.id);
    expect((await cache.get(env.DB, a.publicKey))?.id).toBe(a.id);
    expect((await cache.get(env.DB, b.publicKey))?.id).toBe(b.id);
    expect(looked).toHaveLength(5);
  });

  it('keeps junk keys apart: a flood of unknown keys never pushes a site out', async () => {
    const site = await newSite();
    const { cache, looked } = cacheWith({ maxSites: 2, maxMisses: 3 });
    await cache.get(env.DB, site.publicKey);
    for (let i = 0; i < 20; i++) expect(await cache.get(env.DB, `pk_junk_${i}`)).toBeNull();
    expect((await cache.get(env.DB, site.publicKey))?.id).toBe(site.id);
    expect(looked.filter((key) => key === site.publicKey)).toHaveLength(1);
  });

  it('keeps at most maxSites, dropping the least recently used', async () => {
    const [a, b, c] = [await newSite('A'), await newSite('B'), await newSite('C')];
    const { cache, looked } = cacheWith({ maxSites: 2 });
    await cache.get(env.DB, a.publicKey);
    await cache.get(env.DB, b.publicKey);
    await cache.get(env.DB, a.publicKey); // a is now the most recent
    await cache.get(env.DB, c.publicKey); // b goes
    looked.length = 0;
    await cache.get(env.DB, a.publicKey);
    await cache.get(env.DB, c.publicKey);
    expect(looked).toEqual([]);
    await cache.get(env.DB, b.publicKey);
    expect(looked).toEqual([b.publicKey]);
  });

  it('lets each concurrent miss make its own lookup (no request awaits another one’s I/O), then none', async () => {
    const site = await newSite();
    const { cache, looked } = cacheWith();
    const sites = await Promise.all(Array.from({ length: 5 }, () => cache.get(env.DB, site.publicKey)));
    expect(sites.map((s) => s?.id)).toEqual(Array(5).fill(site.id));
    expect(looked).toHaveLength(5);
    expect((await cache.get(env.DB, site.publicKey))?.id).toBe(site.id);
    expect(looked).toHaveLength(5);
  });

  it('does not remember a failed lookup', async () => {
    const site = await newSite();
    let fail = true;
    const cache = new SiteCache(
      (db, key) => (fail ? Promise.reject(new Error('D1 unavailable')) : siteByPublicKey(db, key)),
      { ttlMs: TTL, missTtlMs: MISS_TTL, maxSites: 10, maxMisses: 10, now: () => 0 },
    );
    await expect(cache.get(env.DB, site.publicKey)).rejects.toThrow('D1 unavailable');
    fail = false;
    expect((await cache.get(env.DB, site.publicKey))?.id).toBe(site.id);
  });

  it('does not keep what a lookup read before the site was forgotten', async () => {
    const site = await newSite();
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const reads: string[][] = [];
    const cache = new SiteCache(
      async (db, key) => {
        const row = await siteByPublicKey(db, key);
        if (reads.length === 0) await gate;
        reads.push(row?.origins ?? []);
        return row;
      },
      { ttlMs: TTL, missTtlMs: MISS_TTL, maxSites: 10, maxMisses: 10, now: () => 0 },
    );
    const stale = cache.get(env.DB, site.publicKey);
    await setOrigins(site.id, ['https://new.example.com']);
    cache.forgetSite(site.id);
    release();
    expect((await stale)?.origins).toEqual([ORIGIN]);
    expect((await cache.get(env.DB, site.publicKey))?.origins).toEqual(['https://new.example.com']);
  });

  it('hands out frozen sites, so no request can change what the next one sees', async () => {
    const site = await newSite();
    const { cache } = cacheWith();
    const first = (await cache.get(env.DB, site.publicKey)) as SiteRow;
    expect(() => first.origins.push('https://evil.test')).toThrow();
    expect(() => {
      first.settings.retentionDays = 1;
    }).toThrow();
    expect((await cache.get(env.DB, site.publicKey))?.origins).toEqual([ORIGIN]);
  });
});

/** The Worker with its D1 binding wrapped to record the SQL of every statement it prepares. */
function recording() {
  const { db, sql, batches } = recordedDb();
  const bindings = { ...env, DB: db } as typeof env;
  const send = (path: string, init: RequestInit = {}) =>
    app.request(`https://collector.test${path}`, init, bindings, {
      waitUntil: () => {},
      passThroughOnException: () => {},
      props: {},
    } as unknown as ExecutionContext);
  const siteLookups = () => sql.filter((text) => text.includes('WHERE public_key = ?')).length;
  return { send, siteLookups, batches: () => batches.length };
}

describe('collect and active surveys read the site through the cache', () => {
  it('looks a public key up in D1 once, then not again for later requests', async () => {
    const site = await newSite();
    const { send, siteLookups } = recording();
    const post = () =>
      send('/v1/collect', {
        method: 'POST',
        headers: { 'Content-Type': 'text/plain', Origin: ORIGIN },
        body: JSON.stringify({ site: site.publicKey, answers: [npsAnswer(9)] }),
      });
    expect((await post()).status).toBe(200);
    expect((await post()).status).toBe(200);
    expect((await send(`/v1/surveys/active?site=${site.publicKey}`, { headers: { Origin: ORIGIN } })).status).toBe(200);
    expect(siteLookups()).toBe(1);
    expect(await counts(site.id)).toEqual({ answers: 2, events: 0, rolled: 2 });
  });

  it('applies a settings change made through the API at once in the isolate that made it', async () => {
    const site = await newSite();
    const { send, siteLookups, batches } = recording();
    const post = (answer: ReturnType<typeof npsAnswer>) =>
      send('/v1/collect', {
        method: 'POST',
        headers: { 'Content-Type': 'text/plain', Origin: ORIGIN },
        body: JSON.stringify({ site: site.publicKey, answers: [answer] }),
      });
    expect((await post(npsAnswer(9))).status).toBe(200);
    const patched = await send('/v1/settings', {
      method: 'PATCH',
      headers: { Authorization: `Bearer ${site.secretKey}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ retentionDays: 30 }),
    });
    expect(patched.status).toBe(200);
    const before = batches();
    const response = await post(npsAnswer(9, { ts: Date.now() - 60 * 24 * 3600 * 1000 }));
    expect(response.status).toBe(400);
    expect(JSON.stringify(await response.json())).toContain('retention');
    // Refused by the route's own check, from the site read again after the change: no write was tried.
    expect(batches()).toBe(before);
    expect(siteLookups()).toBe(2);
  });

  it('lets the write refuse what a stale cached site would let through: a retention set elsewhere', async () => {
    const site = await newSite();
    const DAY = 24 * 3600 * 1000;
    expect((await collect({ site: site.publicKey, answers: [npsAnswer(9)] })).status).toBe(200);
    // Another isolate (or an operator) sets the retention: this isolate's cached site does not know.
    await env.DB.prepare('UPDATE sites SET settings = ? WHERE id = ?')
      .bind(JSON.stringify({ retentionDays: 30 }), site.id)
      .run();
    const old = npsAnswer(3, { ts: Date.now() - 60 * DAY, comment: 'late' });
    const fresh = npsAnswer(10);
    const event = { id: crypto.randomUUID(), name: 'signed_up', userId: 'u1', ts: Date.now() - 45 * DAY };
    const mixed = await collect({ site: site.publicKey, answers: [old, fresh], events: [event] });
    expect(mixed.status).toBe(200);
    const message = "ts must be inside the site's retention period and at most 5 minutes ahead of the collector";
    expect(await mixed.json()).toEqual({
      accepted: 1,
      duplicates: 0,
      rejected: [
        { type: 'answer', index: 0, id: old.id, issues: [{ path: 'ts', message }] },
        { type: 'event', index: 0, id: event.id, issues: [{ path: 'ts', message }] },
      ],
    });
    const alone = await collect({ site: site.publicKey, answers: [old] });
    expect(alone.status).toBe(400);
    expect(await counts(site.id)).toEqual({ answers: 2, events: 0, rolled: 2 });
  });
});
