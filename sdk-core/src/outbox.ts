/**
 * The delivery outbox: every answer, event and display is written to storage before any
 * network attempt and leaves it only when the collector has decided on it (stored, already
 * stored, or refused). Storage, clock, randomness, timers and the network are injected, so
 * this runs (and is tested) without a browser.
 */

import { DAY_MS } from './constants';
import { fallbackStorage, type OutboxStorage, type SafeStorage } from './storage';

export type { OutboxStorage } from './storage';

/** The lists of a collect batch an item can go to. */
export type OutboxList = 'answers' | 'events' | 'displays';

/** What the network answered; `send` rejects on a network error instead. */
export interface OutboxResponse {
  status: number;
  /** The `Retry-After` header, seconds or an HTTP date. */
  retryAfter?: string | null | undefined;
  /** The parsed JSON body, if there was one. */
  body?: unknown;
}

const ITEMS = 100;
const BYTES = 60_000;
const BASE_MS = 1000;
const CAP_MS = 300_000;
const LEASE_MS = 30_000;

/** What the outbox needs from its host; only `site` and `send` are required. */
export interface OutboxOptions {
  /** The site's public key: names the storage keys and goes into every batch. */
  site: string;
  /** Posts one collect body; `keepalive` is true when it fits the 64 KB keepalive quota. */
  send(body: string, keepalive: boolean): Promise<OutboxResponse>;
  /** Shared by every tab of the origin (localStorage); missing or throwing falls back to memory. */
  storage?: OutboxStorage | undefined;
  /**
   * Instead of `storage`: one already wrapped by `fallbackStorage`, shared with the code that
   * writes items (see `outboxKey`), so the items it keeps in memory are seen here too.
   */
  store?: SafeStorage | undefined;
  now?: () => number;
  random?: () => number;
  /** False while the browser is offline: nothing is attempted until `wake()`. */
  online?: () => boolean;
  /** Items the collector refused (dropped, never retried) and batches it refused outright. */
  onError?: (error: Error) => void;
}

/**
 * Batches hold at most 100 items and 60,000 bytes of items (keepalive requests may carry 64 KB);
 * retries wait 1 s doubling up to 5 min with full jitter; a sending tab's lease lasts 30 s.
 */
export const OUTBOX_LIMITS = { items: ITEMS, bytes: BYTES, baseMs: BASE_MS, capMs: CAP_MS, leaseMs: LEASE_MS } as const;

/** A persistent queue of collect items shared by the tabs of one origin. */
export interface Outbox {
  /** Stores an item (replacing one with the same id, e.g. an answer that gained a comment), then sends. */
  add(list: OutboxList, item: { id: string; ts: number }): void;
  /** Sends what is due; `final` (page hiding) sends one batch at once, ignoring any backoff. */
  flush(final?: boolean): void;
  /** The network is back: forget the backoff and send now. */
  wake(): void;
}

/**
 * Full-jitter exponential backoff: a random wait in [0, min(cap, base·2^attempt)).
 * @example backoff(3, Math.random) // somewhere in [0, 8000)
 */
export const backoff = (attempt: number, random: () => number): number =>
  random() * Math.min(CAP_MS, BASE_MS * 2 ** attempt);

/** A `Retry-After` header (seconds or an HTTP date) in milliseconds from `now`, at most a day; undefined if absent or unreadable. */
export function retryAfterMs(header: string | null | undefined, now: number): number | undefined {
  if (!header) return undefined;
  const ms = +header >= 0 ? +header * 1000 : Date.parse(header) - now;
  return Number.isNaN(ms) ? undefined : Math.min(Math.max(ms, 0), DAY_MS);
}

/**
 * The storage key of an item (or, without a list, the prefix of a site's keys). Writing the
 * item's JSON under it is what `add()` does; code that only writes (the widget's loader) uses it
 * and lets the outbox send later.
 */
export const outboxKey = (site: string, list?: OutboxList, id?: string): string =>
  `heard:${site}:${list ? `${list}:${id}` : ''}`;

/** One stored item: its storage key, its stored JSON, its list and the item itself. */
type Entry = [key: string, value: string, list: OutboxList, item: { id: string; ts: number }];

/**
 * Creates the outbox of one site. One tab at a time sends (a lease in storage); the others only
 * store, and the sender picks their items up. Whatever is still stored goes out on the next
 * `flush()`, e.g. on the next page view. Never throws.
 * @example
 * const outbox = createOutbox({ site: 'pk_…', storage: localStorage, send: (body) => post(body) });
 * outbox.add('events', { id: crypto.randomUUID(), name: 'activated', anonymousId, ts: Date.now() });
 */
export function createOutbox(options: OutboxOptions): Outbox {
  const { site, send, now = Date.now, random = Math.random, online = () => true, onError = () => {} } = options;
  const { getItem: read, setItem: write, removeItem: remove, keys } = options.store ?? fallbackStorage(options.storage);
  const owner = random().toString(36).slice(2);
  const prefix = outboxKey(site);
  const lockKey = `${prefix}lock`;
  const inFlight = new Set<string>();
  // UTF-8 bytes without a Blob: creating one registers it with the browser, a cost paid per item.
  const utf8 = new TextEncoder();
  let attempt = 0;
  let waitUntil = 0;
  let busy = false;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const later = (ms: number) => {
    clearTimeout(timer as ReturnType<typeof setTimeout>);
    timer = setTimeout(() => void pump(), ms);
  };
  // Takes or renews the lease for `ms` (0 releases it). Answers the time another tab holds it until, or 0.
  const lease = (ms: number) => {
    const [holder, until = 0] = (read(lockKey) ?? '').split(' ');
    if (holder && holder !== owner && +until > now()) return +until;
    ms ? write(lockKey, `${owner} ${now() + ms}`) : remove(lockKey);
    return 0;
  };
  // Every stored item of this site not already in flight, oldest first.
  const pending = () => {
    const entries: Entry[] = [];
    for (const key of keys()) {
      const [list, id] = key.slice(prefix.length).split(':');
      const value = read(key);
      if (id && value && key.startsWith(prefix) && !inFlight.has(key)) {
        try {
          entries.push([key, value, list as OutboxList, JSON.parse(value)]);
        } catch {
          remove(key);
        }
      }
    }
    return entries.sort((a, b) => a[3].ts - b[3].ts);
  };

  const pump = async (final?: boolean): Promise<void> => {
    if ((!final && (busy || now() < waitUntil)) || !online()) return;
    const batch: Entry[] = [];
    const body: Record<OutboxList, unknown[]> & { site: string } = { site, answers: [], events: [], displays: [] };
    let bytes = 99;
    for (const entry of pending()) {
      const size = utf8.encode(entry[1]).length + 1;
      if (batch[0] && (batch.length >= ITEMS || bytes + size > BYTES)) break;
      batch.push(entry);
      body[entry[2]].push(entry[3]);
      bytes += size;
    }
    // Nothing to send: let the lease go (if ours) without touching it otherwise, so that tabs
    // woken by each other's storage changes do not wake each other back.
    if (!batch[0]) return void (busy || final || lease(0));
    // A hiding page keeps the lease only briefly: the next page view picks up what it leaves.
    const heldUntil = lease(final ? 3000 : LEASE_MS);
    if (heldUntil) return later(heldUntil - now());
    let wait = 0;
    busy ||= !final;
    for (const [key] of batch) inFlight.add(key);
    try {
      const response = await send(JSON.stringify(body), bytes < 65e3);
      const { status } = response;
      if (status > 499 || status === 429 || status === 408) throw response;
      // Any other answer is the collector's decision on each item: stored, duplicate or refused.
      const result = response.body as { rejected?: unknown[]; error?: { rejected?: unknown[] } } | undefined;
      const rejected = result?.rejected ?? result?.error?.rejected ?? [];
      for (const refused of rejected) onError(Error(`heard: refused ${JSON.stringify(refused)}`));
      if (status > 299 && !rejected[0]) onError(Error(`heard: collect answered ${status}, dropped`));
      // An item re-added while in flight (an answer that gained a comment) stays to be sent again.
      for (const [key, value] of batch) if (read(key) === value) remove(key);
      attempt = 0;
    } catch (failure) {
      // Whole milliseconds: timers truncate theirs, and waking a moment early would find the wait not over.
      wait = Math.ceil(
        retryAfterMs((failure as OutboxResponse | undefined)?.retryAfter, now()) ?? backoff(attempt++, random),
      );
      waitUntil = now() + wait;
      lease(wait + LEASE_MS);
    } finally {
      for (const [key] of batch) inFlight.delete(key);
      if (!final) busy = false;
    }
    if (!final) wait ? later(wait) : await pump();
  };
  const run = (final?: boolean) => {
    pump(final).catch(onError);
  };

  return {
    add(list, item) {
      write(outboxKey(site, list, item.id), JSON.stringify(item));
      run();
    },
    flush: run,
    wake() {
      attempt = waitUntil = 0;
      run();
    },
  };
}
