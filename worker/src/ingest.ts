import type { Answer } from '@heard/core';
import { cachedSiteSettings, storesEventRaw } from '@heard/core';
import { type Items, type Stored, storeBatchWith } from './db/collect';
import { storeLinkAnswer } from './db/links';
import { dbFor } from './db/site';
import { type SiteRow, siteById } from './db/sites';
import type { Bindings, IngestMessage } from './env';

/** Items per D1 batch the consumer writes (and per queue message the collector sends). */
export const ITEMS_PER_WRITE = 100;
// Cloudflare Queues take messages up to 128 KB and sendBatch calls up to 256 KB in all;
// these leave room for the JSON envelope around each item.
const MESSAGE_BYTES = 96 * 1024;
const SEND_BYTES = 192 * 1024;
const SEND_MESSAGES = 100;

/** What `/v1/collect` answers: counts of stored rows, or of enqueued items when `queued`. */
export interface IngestResult extends Stored {
  queued?: true;
}

const bytes = (value: unknown) => new TextEncoder().encode(JSON.stringify(value)).byteLength;

/**
 * Splits one request's valid items into queue messages of at most 100 items and about
 * 96 KB each (one item is always well under that: the protocol caps every field).
 */
export function toMessages(siteId: string, items: Items, receivedAt: number): IngestMessage[] {
  const messages: IngestMessage[] = [];
  let current: IngestMessage | undefined;
  let count = 0;
  let size = 0;
  const add = <K extends 'answers' | 'events' | 'displays'>(key: K, item: IngestMessage[K][number]) => {
    const itemBytes = bytes(item) + 1;
    if (!current || count >= ITEMS_PER_WRITE || size + itemBytes > MESSAGE_BYTES) {
      current = { v: 1, siteId, receivedAt, answers: [], events: [], displays: [] };
      messages.push(current);
      count = 0;
      size = bytes(current);
    }
    (current[key] as IngestMessage[K][number][]).push(item);
    count += 1;
    size += itemBytes;
  };
  for (const answer of items.answers) add('answers', answer);
  for (const event of items.events) add('events', event);
  for (const display of items.displays) add('displays', display);
  return messages;
}

const itemCount = (items: Items) => items.answers.length + items.events.length + items.displays.length;

/**
 * Keeps a write for a site that is being moved, in the primary database, until the move has
 * switched the site and replays it there ({@link replayParked}). Only while the move runs (read
 * in the insert itself): false when it has ended meanwhile, and the write goes to the new database.
 */
async function park(
  db: D1Database,
  siteId: string,
  items: Items,
  now: number,
  kind: ParkedKind = 'items',
): Promise<boolean> {
  const { results } = await db
    .prepare(
      `INSERT INTO move_parked (site_id, received_at, items, kind)
       SELECT ?1, ?2, ?3, ?4 WHERE EXISTS (SELECT 1 FROM sites WHERE id = ?1 AND moving_to IS NOT NULL) RETURNING seq`,
    )
    .bind(siteId, now, JSON.stringify(items), kind)
    .all();
  return results.length > 0;
}

/** How a parked write is replayed: through collect's write, or as a link's answer (which replaces the link's older one). */
export type ParkedKind = 'items' | 'link';

/** Writes parked for a site, oldest first, a page at a time. */
export async function parkedWrites(db: D1Database, siteId: string, limit = 20) {
  const { results } = await db
    .prepare('SELECT seq, received_at, items, kind FROM move_parked WHERE site_id = ? ORDER BY seq LIMIT ?')
    .bind(siteId, limit)
    .all<{ seq: number; received_at: number; items: string; kind: ParkedKind }>();
  return results.map((row) => ({
    seq: row.seq,
    siteId,
    kind: row.kind,
    receivedAt: row.received_at,
    items: JSON.parse(row.items) as Items,
  }));
}

/**
 * Stores a link's answer where the site lives now ({@link storeLinkAnswer}, guarded like every
 * write), or parks it while a move copies the site: the move replays it into the new database,
 * where it replaces the link's answer only if that is older. Returns the database it went to, or `parked`.
 */
export async function writeLinkAnswer(env: Bindings, siteId: string, answer: Answer, now: number) {
  for (let attempt = 0; attempt < 4; attempt++) {
    const site = await siteById(env.DB, siteId);
    if (!site) break;
    if (!site.movingTo) {
      const db = dbFor(env, site);
      const stored = await storeLinkAnswer(db, site.id, answer, now, site.database);
      if (!stored.moved) return { parked: false as const, db };
    } else if (await park(env.DB, site.id, { answers: [answer], events: [], displays: [] }, now, 'link')) {
      return { parked: true as const };
    }
  }
  throw new Error(`heard: site ${siteId} kept moving while a link answer was placed`);
}

/**
 * Writes items into the database that holds the site now: `dbFor(site)`, checked inside the
 * write (a site that moved since the caller read it is read again and written where it lives),
 * or parked while a move copies it. Events the site's settings do not read are counted only.
 */
export async function writeToSite(
  env: Bindings,
  site: SiteRow,
  items: Items,
  now: number,
  alongside: readonly D1PreparedStatement[] = [],
): Promise<{ result: IngestResult; alongside?: D1Result[] }> {
  let current: SiteRow | null = site;
  // Rows a write inserted before it found the site moving: stored, and copied by the move.
  let carried = 0;
  for (let attempt = 0; attempt < 4 && current; attempt++) {
    if (!current.movingTo) {
      const settings = cachedSiteSettings(current.settings);
      const written = await storeBatchWith(
        dbFor(env, current),
        current.id,
        items,
        now,
        attempt === 0 ? alongside : [],
        {
          database: current.database,
          storesRaw: (name) => storesEventRaw(settings, name),
        },
      );
      const stored = written.stored;
      if (!stored.moved) {
        const earlier = Math.min(carried, stored.duplicates);
        const result = { ...stored, accepted: stored.accepted + earlier, duplicates: stored.duplicates - earlier };
        return { result, ...(attempt === 0 ? { alongside: written.alongside } : {}) };
      }
      carried += stored.accepted;
    } else if (await park(env.DB, current.id, items, now)) {
      return { result: { accepted: itemCount(items), duplicates: 0, queued: true } };
    }
    current = await siteById(env.DB, site.id);
  }
  throw new Error(`heard: site ${site.id} kept moving while a write was placed`);
}

/**
 * Stores a collect request's valid items. With an `INGEST_QUEUE` binding the items are
 * enqueued and the request answers at once: `accepted` counts the items enqueued and
 * `duplicates` is 0 because re-sent ids are only recognised when the consumer writes
 * (where they stay a no-op). Without the binding, or when the queue refuses the items,
 * they are written to D1 now, and the `alongside` reads run in the same round trip (their
 * results are returned; without them, when queued, the caller reads for itself).
 */
export async function ingest(
  env: Bindings,
  site: SiteRow,
  items: Items,
  now: number,
  alongside: readonly D1PreparedStatement[] = [],
): Promise<{ result: IngestResult; alongside?: D1Result[] }> {
  const queue = env.INGEST_QUEUE;
  const direct = () => writeToSite(env, site, items, now, alongside);
  if (!queue) return direct();
  const messages = toMessages(site.id, items, now);
  let group: MessageSendRequest<IngestMessage>[] = [];
  let groupBytes = 0;
  const sends: Promise<unknown>[] = [];
  for (const body of messages) {
    const size = bytes(body);
    if (group.length > 0 && (group.length >= SEND_MESSAGES || groupBytes + size > SEND_BYTES)) {
      sends.push(queue.sendBatch(group));
      group = [];
      groupBytes = 0;
    }
    group.push({ body, contentType: 'json' });
    groupBytes += size;
  }
  if (group.length > 0) sends.push(queue.sendBatch(group));
  try {
    await Promise.all(sends);
  } catch (error) {
    // The queue refused: write now instead. Whatever was enqueued already is a no-op when
    // the consumer gets to it, so nothing is lost and nothing counts twice.
    console.error(`heard: enqueueing failed, writing directly: ${String(error)}`);
    return direct();
  }
  const accepted = items.answers.length + items.events.length + items.displays.length;
  return { result: { accepted, duplicates: 0, queued: true } };
}
