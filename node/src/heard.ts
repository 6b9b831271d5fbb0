import type { LinkCreate, LinkCreated } from '@heard/core';
import { SCALES, SERVER_LIMITS } from '@heard/core/constants';

/** Flat, scalar properties or traits, as Heard stores them. */
export type Props = Record<string, string | number | boolean>;

/** Options of {@link Heard}. */
export interface HeardOptions {
  /** A secret key of the site, `sk_…` (never ship it to a browser). */
  secretKey: string;
  /** The collector's origin, e.g. `https://heard.example.com`. */
  endpoint: string;
  /** Items per request; a batch is sent as soon as this many are queued. Default 100, at most 1,000. */
  flushAt?: number;
  /** How often queued items are sent anyway, in ms. Default 10,000; 0 turns the timer off. */
  flushIntervalMs?: number;
  /** Most items held in memory; past it new items are dropped and reported. Default 10,000. */
  maxQueue?: number;
  /** Attempts after the first before a batch is given up and reported. Default 8. */
  maxRetries?: number;
  /** Time one request may take, in ms. Default 15,000. */
  timeoutMs?: number;
  /** Told about every item that did not land: dropped, given up or refused by the collector. Default: console.warn. */
  onError?: (problem: HeardProblem) => void;
  /** The fetch to use (Node ≥ 20, Deno, Bun and Workers have one). */
  fetch?: typeof fetch;
}

/** Options of {@link Heard.track}. */
export interface TrackOptions {
  /** What the event is about, e.g. a ticket id (resolution time pairs start and end per entity). */
  entity?: string;
  /** A number the event carries, e.g. revenue in the currency's major unit. */
  value?: number;
  /** When it happened (epoch ms or a Date); now by default. Up to five years back. */
  ts?: number | Date;
  /** The item's id (a UUID). Give one made from your own record (a payment id) to make re-sends no-ops across runs. */
  id?: string;
}

/** One past or present answer, for {@link Heard.answer}. */
export interface AnswerInput {
  kind: 'nps' | 'csat' | 'ces';
  score: number;
  /** The scale; the kind's usual one (0–10, 1–5, 1–7) by default. */
  scale?: readonly [number, number];
  direction?: 'higher-better' | 'lower-better';
  userId?: string;
  anonymousId?: string;
  survey?: string;
  comment?: string;
  traits?: Props;
  props?: Props;
  url?: string;
  locale?: string;
  ts?: number | Date;
  id?: string;
}

type List = 'answers' | 'events' | 'displays';
type Item = Record<string, unknown> & { id: string };

/** An item that did not land, and why. */
export interface HeardProblem {
  /**
   * `queue_full`: dropped before sending (maxQueue); `shutdown`: still queued when shutdown's
   * time ran out; `retries`: the collector stayed unreachable; `refused`: the collector answered
   * 4xx for the whole batch (e.g. a bad key); `rejected`: the collector refused these items.
   */
  reason: 'queue_full' | 'shutdown' | 'retries' | 'refused' | 'rejected' | 'invalid';
  message: string;
  items: { type: List; item: Item; issues?: { path: string; message: string }[] }[];
}

/** What the client has done so far. */
export interface HeardStats {
  queued: number;
  accepted: number;
  duplicates: number;
  rejected: number;
  dropped: number;
  requests: number;
  retries: number;
}

interface Entry {
  list: List;
  item: Item;
  bytes: number;
}

const encoder = new TextEncoder();
const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    });
  });
const timeOf = (ts: number | Date | undefined) => (ts instanceof Date ? ts.getTime() : (ts ?? Date.now()));
const LIST_OF = { answer: 'answers', event: 'events', display: 'displays' } as const;
// Room left in each request for the JSON around the items.
const ENVELOPE_BYTES = 64;

/**
 * Reads `Retry-After` (seconds, or an HTTP date) as a wait in ms, if it is there and sane.
 * @example retryAfterMs('2') // 2000
 */
export function retryAfterMs(header: string | null, now = Date.now()): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  const ms = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(header) - now;
  return Number.isFinite(ms) && ms >= 0 ? Math.min(ms, 300_000) : undefined;
}

/**
 * Heard's server SDK: queues answers and events in memory and sends them to `POST /v1/batch`
 * in batches. Each item gets its id when it is queued, so a batch that is retried (the network
 * failed after the collector stored it) is a duplicate, never a second copy. No call throws:
 * what cannot be delivered is reported through `onError`.
 * @example
 * const heard = new Heard({ secretKey: process.env.HEARD_SECRET, endpoint: 'https://heard.example.com' });
 * heard.track('user-42', 'revenue', { kind: 'new', plan: 'pro' }, { value: 49 });
 * await heard.shutdown();
 */
export class Heard {
  readonly stats: HeardStats = {
    queued: 0,
    accepted: 0,
    duplicates: 0,
    rejected: 0,
    dropped: 0,
    requests: 0,
    retries: 0,
  };
  private readonly queue: Entry[] = [];
  private readonly endpoint: string;
  private readonly secretKey: string;
  private readonly flushAt: number;
  private readonly maxQueue: number;
  private readonly maxRetries: number;
  private readonly timeoutMs: number;
  private readonly report: (problem: HeardProblem) => void;
  private readonly fetcher: typeof fetch;
  private readonly timer: ReturnType<typeof setInterval> | undefined;
  private draining: Promise<void> | undefined;
  private closed = false;
  /** Aborted when shutdown's time is up: waits end and requests stop. */
  private readonly stop = new AbortController();

  constructor(options: HeardOptions) {
    this.endpoint = String(options.endpoint ?? '').replace(/\/+$/, '');
    this.secretKey = String(options.secretKey ?? '');
    this.flushAt = Math.max(1, Math.min(SERVER_LIMITS.itemsPerBatch, Math.floor(options.flushAt ?? 100)));
    this.maxQueue = Math.max(1, Math.floor(options.maxQueue ?? 10_000));
    this.maxRetries = Math.max(0, Math.floor(options.maxRetries ?? 8));
    this.timeoutMs = options.timeoutMs ?? 15_000;
    this.fetcher = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
    const onError = options.onError ?? ((problem) => console.warn(`heard: ${problem.reason}: ${problem.message}`));
    this.report = (problem) => {
      try {
        onError(problem);
      } catch {}
    };
    const every = options.flushIntervalMs ?? 10_000;
    if (every > 0) {
      this.timer = setInterval(() => void this.flush(), every);
      // In Node, the timer alone does not keep the process alive.
      (this.timer as { unref?: () => void }).unref?.();
    }
  }

  /**
   * Records a product event of a user.
   * @example heard.track('user-42', 'ticket_resolved', { channel: 'email' }, { entity: 'T-1042' })
   */
  track(userId: string, name: string, props?: Props, options: TrackOptions = {}): void {
    this.guard(() => {
      const { entity, value, ts, id } = options;
      this.enqueue('events', {
        id: id ?? crypto.randomUUID(),
        name,
        userId,
        ...(entity !== undefined ? { entity } : {}),
        ...(value !== undefined ? { value } : {}),
        ...(props ? { props } : {}),
        ts: timeOf(ts),
      });
    });
  }

  /**
   * Sets traits of a user (`plan`, `account`, …): segments, and the account that health counts them in.
   * @example heard.identify('user-42', { plan: 'pro', account: 'acme' })
   */
  identify(userId: string, traits: Props, options: Pick<TrackOptions, 'ts' | 'id'> = {}): void {
    this.guard(() => {
      this.enqueue('events', {
        id: options.id ?? crypto.randomUUID(),
        name: 'identify',
        userId,
        props: traits,
        ts: timeOf(options.ts),
      });
    });
  }

  /**
   * Records an answer, e.g. one imported from a previous survey tool.
   * @example heard.answer({ kind: 'nps', score: 9, userId: 'user-42', comment: 'Fast', ts: new Date('2024-03-01') })
   */
  answer(input: AnswerInput): void {
    this.guard(() => {
      const { ts, id, scale, ...rest } = input;
      this.enqueue('answers', {
        ...rest,
        id: id ?? crypto.randomUUID(),
        scale: scale ? [scale[0], scale[1]] : [...(SCALES[input.kind]?.[0] ?? [0, 10])],
        ts: timeOf(ts),
      });
    });
  }

  /**
   * A signed personal link to a survey for one user (`POST /v1/links`): the page's URL, one URL
   * per score for an email, and an email-safe HTML snippet. Made at once, not queued; resolves
   * to null (and reports the problem through `onError`) when the collector refuses or is unreachable.
   * @example const link = await heard.link({ survey: 'srv_csat', userId: 'user-42', props: { entity: 'T-1042' } })
   */
  async link(input: LinkCreate): Promise<LinkCreated | null> {
    try {
      const response = await this.fetcher(`${this.endpoint}/v1/links`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${this.secretKey}`, 'Content-Type': 'application/json' },
        body: JSON.stringify(input),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      if (response.ok) return (await response.json()) as LinkCreated;
      const error = (await response.json().catch(() => null)) as { error?: { message?: string } } | null;
      this.report({
        reason: 'refused',
        message: `link: ${response.status} ${error?.error?.message ?? ''}`.trim(),
        items: [],
      });
    } catch (error) {
      this.report({ reason: 'retries', message: `link: ${(error as Error).message}`, items: [] });
    }
    return null;
  }

  /** Sends everything queued now; resolves once it landed or was given up (never rejects). */
  async flush(): Promise<void> {
    try {
      while (this.queue.length > 0 && !this.stop.signal.aborted) {
        this.draining ??= this.drain().finally(() => {
          this.draining = undefined;
        });
        await this.draining;
      }
    } catch (error) {
      this.report({ reason: 'invalid', message: String(error), items: [] });
    }
  }

  /**
   * Stops taking items, sends what is queued and waits for it, at most `timeoutMs` (default
   * 10 s); what is left then is reported as dropped (`shutdown`). Call it before the process exits.
   */
  async shutdown({ timeoutMs = 10_000 }: { timeoutMs?: number } = {}): Promise<void> {
    this.closed = true;
    if (this.timer) clearInterval(this.timer);
    const deadline = setTimeout(() => this.stop.abort(), timeoutMs);
    try {
      await this.flush();
      await this.draining;
    } finally {
      clearTimeout(deadline);
    }
    if (this.queue.length > 0)
      this.drop(this.queue.splice(0), 'shutdown', 'still queued when shutdown ran out of time');
  }

  private guard(call: () => void) {
    try {
      call();
    } catch (error) {
      this.report({ reason: 'invalid', message: String(error), items: [] });
    }
  }

  private enqueue(list: List, item: Item) {
    if (this.closed) return this.drop([{ list, item, bytes: 0 }], 'shutdown', 'called after shutdown()');
    if (this.queue.length >= this.maxQueue) {
      return this.drop([{ list, item, bytes: 0 }], 'queue_full', `the queue holds at most ${this.maxQueue} items`);
    }
    const bytes = encoder.encode(JSON.stringify(item)).byteLength + 1;
    this.queue.push({ list, item, bytes });
    this.stats.queued = this.queue.length;
    if (this.queue.length >= this.flushAt && !this.draining) void this.flush();
  }

  private drop(entries: Entry[], reason: HeardProblem['reason'], message: string) {
    if (entries.length === 0) return;
    this.stats.dropped += entries.length;
    this.stats.queued = this.queue.length;
    this.report({ reason, message, items: entries.map(({ list, item }) => ({ type: list, item })) });
  }

  /** Sends batches until the queue is empty (or shutdown's time is up). */
  private async drain() {
    while (this.queue.length > 0 && !this.stop.signal.aborted) {
      let bytes = ENVELOPE_BYTES;
      let count = 0;
      while (count < this.queue.length && count < this.flushAt) {
        const next = (this.queue[count] as Entry).bytes;
        if (count > 0 && bytes + next > SERVER_LIMITS.bodyBytes) break;
        bytes += next;
        count += 1;
      }
      // The batch stays at the head of the queue until it is settled: shutdown sees it as unsent.
      const batch = this.queue.slice(0, count);
      await this.send(batch);
      if (this.stop.signal.aborted) return;
      this.queue.splice(0, count);
      this.stats.queued = this.queue.length;
    }
  }

  /** Sends one batch, retrying with backoff (or as `Retry-After` says) until it is settled. */
  private async send(batch: Entry[]) {
    const body: Record<List, Item[]> = { answers: [], events: [], displays: [] };
    for (const { list, item } of batch) body[list].push(item);
    const text = JSON.stringify(body);
    for (let attempt = 0; ; attempt++) {
      let wait: number | undefined;
      try {
        this.stats.requests += 1;
        const signal = AbortSignal.any([this.stop.signal, AbortSignal.timeout(this.timeoutMs)]);
        const response = await this.fetcher(`${this.endpoint}/v1/batch`, {
          method: 'POST',
          headers: { Authorization: `Bearer ${this.secretKey}`, 'Content-Type': 'application/json' },
          body: text,
          signal,
        });
        const answer = (await response.json().catch(() => null)) as {
          accepted?: number;
          duplicates?: number;
          rejected?: Rejected[];
          error?: { message?: string; rejected?: Rejected[] };
        } | null;
        if (response.ok && answer) {
          this.stats.accepted += answer.accepted ?? 0;
          this.stats.duplicates += answer.duplicates ?? 0;
          this.rejected(body, answer.rejected ?? []);
          return;
        }
        if (response.status === 429 || response.status === 408 || response.status >= 500 || response.ok) {
          wait = retryAfterMs(response.headers.get('Retry-After'));
        } else {
          // A 4xx is the same on every attempt: settle the batch and say why.
          if (answer?.error?.rejected) this.rejected(body, answer.error.rejected);
          else
            this.drop(batch, 'refused', `${response.status}: ${answer?.error?.message ?? 'refused by the collector'}`);
          return;
        }
      } catch {
        // The network failed or the request timed out: the collector may or may not have the
        // batch, and sending the same ids again is safe either way.
      }
      if (this.stop.signal.aborted) return;
      if (attempt >= this.maxRetries) {
        return this.drop(batch, 'retries', `the collector did not answer after ${attempt + 1} attempts`);
      }
      this.stats.retries += 1;
      // Exponential backoff with full jitter, 0.25 s doubling to 30 s; Retry-After when the collector says.
      await sleep(wait ?? Math.random() * Math.min(30_000, 250 * 2 ** attempt), this.stop.signal);
    }
  }

  private rejected(body: Record<List, Item[]>, rejected: Rejected[]) {
    if (rejected.length === 0) return;
    this.stats.rejected += rejected.length;
    this.report({
      reason: 'rejected',
      message: `the collector refused ${rejected.length} item(s)`,
      items: rejected.flatMap((r) => {
        const type = LIST_OF[r.type];
        const item = body[type]?.[r.index];
        return item ? [{ type, item, issues: r.issues }] : [];
      }),
    });
  }
}

interface Rejected {
  type: 'answer' | 'event' | 'display';
  index: number;
  issues: { path: string; message: string }[];
}
