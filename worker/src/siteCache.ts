import { type SiteRow, siteByPublicKey } from './db/sites';

/** How a {@link SiteCache} trades freshness for D1 calls. */
export interface SiteCacheOptions {
  /** How long a found site is used before it is read again (origins, settings, name). */
  ttlMs: number;
  /** How long an unknown key is remembered as unknown. */
  missTtlMs: number;
  /** Most sites kept; the least recently used goes first. */
  maxSites: number;
  /** Most unknown keys kept, apart from the sites, so junk keys can never push a site out. */
  maxMisses: number;
  /** The clock (tests pass their own). */
  now: () => number;
}

/**
 * Public-key lookups as collect and active surveys make them, per isolate: `POST /v1/collect`
 * and `GET /v1/surveys/active` then cost no D1 call for the site. A change to a site's origins
 * or settings is seen within `ttlMs` (at once in the isolate that made it through the API,
 * which calls {@link SiteCache.forgetSite}). Entries are keyed by the exact public key and hold
 * the row that key selected, so one site's key never yields another site. Unknown keys are
 * remembered only briefly and in their own bounded map; a failed lookup is never remembered.
 *
 * What an isolate may share between requests, and what it may not: the cache holds plain,
 * frozen values (a site row, an expiry time) that any request can read. It never holds a
 * pending lookup. A promise, stream or D1 call belongs to the request that started it: when
 * that request is cancelled (its client went away, it hit a limit) workerd cancels its I/O,
 * and another request awaiting it waits for nothing, or on Cloudflare fails with "Cannot
 * perform I/O on behalf of a different request". So each request that misses does its own
 * D1 lookup, and the first to finish fills the cache for those that come after. On a cold
 * isolate, N requests for one key that arrive before the first lookup lands make N lookups
 * (test/coldKeys.ts measures it); from then on, none.
 */
export class SiteCache {
  private readonly sites = new Map<string, { site: SiteRow; until: number }>();
  private readonly misses = new Map<string, number>();
  // Bumped by every forget: a read that started before one must not store what it read.
  private generation = 0;

  constructor(
    private readonly lookup: (db: D1Database, publicKey: string) => Promise<SiteRow | null>,
    private readonly options: SiteCacheOptions,
  ) {}

  /** The site of a public key, from the cache or, on a miss, from D1 by this request itself. */
  async get(db: D1Database, publicKey: string): Promise<SiteRow | null> {
    const now = this.options.now();
    const hit = this.sites.get(publicKey);
    if (hit && hit.until > now) {
      // Most recently used last: eviction takes the first.
      this.sites.delete(publicKey);
      this.sites.set(publicKey, hit);
      return hit.site;
    }
    const missUntil = this.misses.get(publicKey);
    if (missUntil !== undefined && missUntil > now) return null;
    return this.read(db, publicKey);
  }

  private async read(db: D1Database, publicKey: string): Promise<SiteRow | null> {
    const generation = this.generation;
    const site = await this.lookup(db, publicKey);
    if (generation !== this.generation) return site;
    const now = this.options.now();
    this.sites.delete(publicKey);
    this.misses.delete(publicKey);
    if (site && site.publicKey === publicKey) {
      const frozen = Object.freeze({
        ...site,
        origins: Object.freeze([...site.origins]) as string[],
        settings: Object.freeze({ ...site.settings }),
      });
      remember(this.sites, publicKey, { site: frozen, until: now + this.options.ttlMs }, this.options.maxSites);
      return frozen;
    }
    remember(this.misses, publicKey, now + this.options.missTtlMs, this.options.maxMisses);
    return null;
  }

  /** Drops a site, so this isolate reads it again at its next request (its settings changed). */
  forgetSite(siteId: string): void {
    this.generation += 1;
    for (const [key, entry] of this.sites) if (entry.site.id === siteId) this.sites.delete(key);
  }

  /** Drops what is known about one key (a site was just created with it). */
  forgetKey(publicKey: string): void {
    this.generation += 1;
    this.sites.delete(publicKey);
    this.misses.delete(publicKey);
  }
}

function remember<V>(map: Map<string, V>, key: string, value: V, max: number) {
  map.set(key, value);
  while (map.size > max) {
    const oldest = map.keys().next().value as string;
    map.delete(oldest);
  }
}

/**
 * The isolate's cache behind collect and active surveys: a site is read again at most every
 * 30 s, so an origin or setting changed elsewhere applies within 30 s; an unknown key is
 * re-checked after 5 s.
 */
export const publicKeys = new SiteCache(siteByPublicKey, {
  ttlMs: 30_000,
  missTtlMs: 5_000,
  maxSites: 5_000,
  maxMisses: 1_000,
  now: () => Date.now(),
});
