import { type Items, type Stored, storeBatchWith } from './db/collect';
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
  siteId: string,
  items: Items,
  now: number,
  alongside: readonly D1PreparedStatement[] = [],
): Promise<{ result: IngestResult; alongside?: D1Result[] }> {
  const queue = env.INGEST_QUEUE;
  const direct = async () => {
    const written = await storeBatchWith(env.DB, siteId, items, now, alongside);
    return { result: written.stored, alongside: written.alongside };
  };
  if (!queue) return direct();
  const messages = toMessages(siteId, items, now);
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
