import type { Answer, Display, Event, Issue, Rejected } from '@heard/core';
import {
  fromSegmentCall,
  isSegmentBatch,
  LIMITS,
  SERVER_LIMITS,
  ZAnswer,
  ZBatchEnvelope,
  ZDisplay,
  ZEvent,
} from '@heard/core';
import type { ZodType } from 'zod';
import type { Expired, Items } from './db/collect';
import { oldestAccepted } from './db/purge';
import type { SiteRow } from './db/sites';
import type { Bindings } from './env';
import { type IngestResult, ingest } from './ingest';
import { issuesOf, parseOr400 } from './middleware/body';
import { fail } from './middleware/errors';

type ItemType = Rejected['type'];

/** Raw items of one request, before any check. */
export interface RawItems {
  answers: readonly unknown[];
  events: readonly unknown[];
  displays: readonly unknown[];
}

/** A check a door makes of each item its schema accepted: the issues that refuse it, or none. */
export type ItemCheck = (type: ItemType, item: Answer | Event | Display) => Issue[] | undefined;

/**
 * What one door into a site's data lets in: how far back `ts` may go and what the message
 * says when it is older, and any further check (trusted events, identity verification).
 */
export interface Door {
  pastMs: number;
  tooOld: string;
  check?: ItemCheck;
}

const RETENTION_MESSAGE = "ts must be inside the site's retention period and at most 5 minutes ahead of the collector";
const CONFLICT_MESSAGE =
  'an answer with this id is stored with another kind, score, scale, person or comment; a stored answer cannot be changed';

/** A request's valid items, each one's index in the request, and the items refused. */
export interface Sorted {
  items: Items;
  indices: Record<ItemType, number[]>;
  rejected: Rejected[];
}

const TYPE_ORDER: Record<ItemType, number> = { answer: 0, event: 1, display: 2 };
const byPlace = (a: Rejected, b: Rejected) => TYPE_ORDER[a.type] - TYPE_ORDER[b.type] || a.index - b.index;

/**
 * Checks each item on its own: valid ones are kept, invalid ones are reported by index so the
 * client can drop exactly those and never retry them. `indices` gives each raw item's index in
 * the request when it is not its place in the list (Segment calls mapped to events).
 */
export function sortItems(
  site: SiteRow,
  raw: RawItems,
  door: Door,
  now: number,
  indices: Partial<Record<ItemType, readonly number[]>> = {},
  rejected: Rejected[] = [],
): Sorted {
  const oldest = oldestAccepted(site.settings, now, door.pastMs);
  const tooOld = oldest > now - door.pastMs ? RETENTION_MESSAGE : door.tooOld;
  const sort = <T extends Answer | Event | Display>(type: ItemType, list: readonly unknown[], schema: ZodType<T>) => {
    const valid: { items: T[]; indices: number[] } = { items: [], indices: [] };
    list.forEach((item, position) => {
      const index = indices[type]?.[position] ?? position;
      const result = schema.safeParse(item);
      const id = typeof (item as { id?: unknown })?.id === 'string' ? (item as { id: string }).id : undefined;
      const base = { type, index, ...(id ? { id } : {}) };
      if (!result.success) {
        rejected.push({ ...base, issues: issuesOf(result.error) });
        return;
      }
      if (result.data.ts < oldest || result.data.ts > now + LIMITS.futureMs) {
        rejected.push({ ...base, issues: [{ path: 'ts', message: tooOld }] });
        return;
      }
      const refused = door.check?.(type, result.data);
      if (refused) {
        rejected.push({ ...base, issues: refused });
        return;
      }
      const { userHash: _, ...stored } = result.data as T & { userHash?: string };
      valid.items.push(stored as T);
      valid.indices.push(index);
    });
    return valid;
  };
  const answers = sort('answer', raw.answers, ZAnswer);
  const events = sort('event', raw.events, ZEvent);
  const displays = sort('display', raw.displays, ZDisplay);
  rejected.sort(byPlace);
  return {
    items: { answers: answers.items, events: events.items, displays: displays.items },
    indices: { answer: answers.indices, event: events.indices, display: displays.indices },
    rejected,
  };
}

const count = (items: Items) => items.answers.length + items.events.length + items.displays.length;

/** Answers 400 with every rejection when a request holds no valid item. */
export function failWhenNoneValid(sorted: Sorted): void {
  if (sorted.rejected.length > 0 && count(sorted.items) === 0) {
    fail(400, 'no item in the batch is valid', { rejected: sorted.rejected });
  }
}

/**
 * Stores a request's valid items exactly once (through {@link ingest}: D1, or the queue) and
 * adds to `rejected` the items the write found older than the site's retention period as the
 * database has it now (the isolate's cached settings may be stale) and re-sent answers that
 * disagree with what is stored. A 400 when nothing was kept.
 */
export async function storeSorted(
  env: Bindings,
  site: SiteRow,
  sorted: Sorted,
  now: number,
  alongside: readonly D1PreparedStatement[] = [],
): Promise<{ result: IngestResult; rejected: Rejected[]; alongside?: D1Result[] }> {
  const written = await ingest(env, site, sorted.items, now, alongside);
  const { rejected } = sorted;
  const { expired, conflicts } = written.result;
  if (expired || conflicts) {
    const lists = { answer: sorted.items.answers, event: sorted.items.events, display: sorted.items.displays };
    const refuse = (list: Expired[] | undefined, issue: Issue) => {
      for (const { type, position } of list ?? []) {
        const index = sorted.indices[type][position] as number;
        const id = lists[type][position]?.id;
        rejected.push({ type, index, ...(id ? { id } : {}), issues: [issue] });
      }
    };
    refuse(expired, { path: 'ts', message: RETENTION_MESSAGE });
    // A re-sent answer id that disagrees with the stored answer changed nothing.
    refuse(conflicts, { path: 'id', message: CONFLICT_MESSAGE });
    rejected.sort(byPlace);
    if (written.result.accepted + written.result.duplicates === 0) {
      fail(400, 'no item in the batch is valid', { rejected });
    }
  }
  return { result: written.result, rejected, ...(written.alongside ? { alongside: written.alongside } : {}) };
}

/**
 * The items of a `POST /v1/batch` body: Heard's own shape (`{ answers?, events?, displays? }`)
 * or Segment's HTTP Tracking API batch (`{ batch: [...] }`), whose track and identify calls
 * become events (rejected by their index in `batch` when they cannot).
 */
export async function batchItems(
  body: unknown,
  now: number,
): Promise<{ raw: RawItems; indices: Partial<Record<ItemType, number[]>>; rejected: Rejected[] }> {
  if (!isSegmentBatch(body)) {
    if (body && typeof body === 'object' && 'batch' in body) {
      fail(400, 'invalid batch', { issues: [{ path: 'batch', message: 'batch is a list of Segment calls' }] });
    }
    return { raw: parseOr400(ZBatchEnvelope, body, 'batch'), indices: {}, rejected: [] };
  }
  if (body.batch.length > SERVER_LIMITS.itemsPerBatch) {
    fail(400, 'invalid batch', {
      issues: [{ path: 'batch', message: `at most ${SERVER_LIMITS.itemsPerBatch} calls per batch` }],
    });
  }
  const events: unknown[] = [];
  const indices: number[] = [];
  const rejected: Rejected[] = [];
  const mapped = await Promise.all(body.batch.map((call) => fromSegmentCall(call, now)));
  mapped.forEach((result, index) => {
    if ('event' in result) {
      events.push(result.event);
      indices.push(index);
    } else {
      const id = (body.batch[index] as { messageId?: unknown } | null)?.messageId;
      rejected.push({ type: 'event', index, ...(typeof id === 'string' ? { id } : {}), issues: result.issues });
    }
  });
  return { raw: { answers: [], events, displays: [] }, indices: { event: indices }, rejected };
}
