import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  backoff,
  createOutbox,
  OUTBOX_LIMITS,
  type OutboxOptions,
  type OutboxResponse,
  type OutboxStorage,
  outboxKey,
  retryAfterMs,
} from './outbox';
import { fallbackStorage } from './storage';

/** localStorage as a Map, shared by every outbox given it (like the tabs of one origin). */
function mapStorage(): OutboxStorage & { map: Map<string, string> } {
  const map = new Map<string, string>();
  return {
    map,
    get length() {
      return map.size;
    },
    key: (i) => [...map.keys()][i] ?? null,
    getItem: (key) => map.get(key) ?? null,
    setItem: (key, value) => void map.set(key, value),
    removeItem: (key) => void map.delete(key),
  };
}

type Batch = { site: string; answers: { id: string }[]; events: { id: string }[]; displays: { id: string }[] };

/** A network whose answers the test decides, one request at a time, recording every attempt. */
function network() {
  const requests: {
    batch: Batch;
    bytes: number;
    keepalive: boolean;
    done: boolean;
    answer(r: OutboxResponse | Error): void;
  }[] = [];
  const send: OutboxOptions['send'] = (body, keepalive) =>
    new Promise((resolve, reject) => {
      requests.push({
        batch: JSON.parse(body),
        bytes: new TextEncoder().encode(body).length,
        keepalive,
        done: false,
        answer: (r) => (r instanceof Error ? reject(r) : resolve(r)),
      });
    });
  const ids = (batch: Batch) => [...batch.answers, ...batch.events, ...batch.displays].map((item) => item.id);
  const ok = (batch: Batch): OutboxResponse => ({
    status: 200,
    body: { accepted: ids(batch).length, duplicates: 0, rejected: [] },
  });
  return {
    send,
    requests,
    ids,
    /** Lets the timers and promises run, then answers the last open request. */
    async answer(response: OutboxResponse | Error | 'ok') {
      await vi.advanceTimersByTimeAsync(0);
      const request = requests.at(-1);
      if (!request || request.done) throw new Error('no request is open');
      request.done = true;
      request.answer(response === 'ok' ? ok(request.batch) : response);
      await vi.advanceTimersByTimeAsync(0);
    },
    /** Acknowledges every request as it comes, until the outbox is idle. */
    async drain() {
      for (;;) {
        await vi.advanceTimersByTimeAsync(0);
        const open = requests.filter((r) => !r.done);
        if (!open.length) return;
        for (const request of open) {
          request.done = true;
          request.answer(ok(request.batch));
        }
      }
    },
  };
}

let n = 0;
const event = (extra: Record<string, unknown> = {}) => ({
  id: `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`,
  name: 'activated',
  anonymousId: 'a1',
  ts: Date.now() + n,
  ...extra,
});
const stored = (storage: { map: Map<string, string> }) =>
  [...storage.map.keys()].filter((key) => key.startsWith('heard:pk_1:') && !key.endsWith(':lock'));

beforeEach(() => {
  vi.useFakeTimers({ now: new Date('2026-11-22T12:00:00Z') });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('backoff', () => {
  it('waits a full-jitter share of 1 s doubling per attempt, capped at 5 minutes', () => {
    for (let attempt = 0; attempt < 20; attempt++) {
      const ceiling = Math.min(300_000, 1000 * 2 ** attempt);
      expect(backoff(attempt, () => 0)).toBe(0);
      expect(backoff(attempt, () => 0.5)).toBe(ceiling / 2);
      expect(backoff(attempt, () => 0.999_999)).toBeLessThan(ceiling);
      expect(backoff(attempt, () => 0.999_999)).toBeGreaterThan(ceiling * 0.99);
    }
    expect(backoff(0, () => 0.999_999)).toBeLessThan(1000);
    expect(backoff(30, () => 0.999_999)).toBeLessThan(OUTBOX_LIMITS.capMs);
  });

  it('spreads the waits of many clients over the whole interval (jitter), not one instant', () => {
    const waits = Array.from({ length: 100 }, (_, i) => backoff(3, () => i / 100));
    expect(new Set(waits).size).toBe(100);
    expect(Math.min(...waits)).toBe(0);
    expect(Math.max(...waits)).toBe(7920);
  });
});

describe('retryAfterMs', () => {
  it('reads seconds and HTTP dates, caps at a day, ignores what it cannot read', () => {
    const now = Date.parse('2026-11-22T12:00:00Z');
    expect(retryAfterMs('7', now)).toBe(7000);
    expect(retryAfterMs('0', now)).toBe(0);
    expect(retryAfterMs('Sun, 22 Nov 2026 12:00:30 GMT', now)).toBe(30_000);
    expect(retryAfterMs('Sun, 22 Nov 2026 11:00:00 GMT', now)).toBe(0);
    expect(retryAfterMs('999999999', now)).toBe(86_400_000);
    expect(retryAfterMs('soon', now)).toBeUndefined();
    expect(retryAfterMs(null, now)).toBeUndefined();
    expect(retryAfterMs(undefined, now)).toBeUndefined();
  });
});

describe('createOutbox', () => {
  it('writes an item to storage before any network attempt and removes it only when acknowledged', async () => {
    const storage = mapStorage();
    const net = network();
    let storedAtSend: string[] = [];
    const outbox = createOutbox({
      site: 'pk_1',
      storage,
      send: (body, keepalive) => {
        storedAtSend = stored(storage);
        return net.send(body, keepalive);
      },
    });
    const item = event();
    outbox.add('events', item);
    expect(storedAtSend).toEqual([`heard:pk_1:events:${item.id}`]);
    await net.answer({ status: 503 });
    expect(stored(storage)).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1000);
    await net.answer(new TypeError('Failed to fetch'));
    expect(stored(storage)).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(2000);
    await net.answer('ok');
    expect(stored(storage)).toEqual([]);
    expect(net.requests.map((r) => net.ids(r.batch))).toEqual([[item.id], [item.id], [item.id]]);
    expect(net.requests[0]?.batch.site).toBe('pk_1');
  });

  it('retries 5xx and network errors after a full-jitter backoff, and starts over after a success', async () => {
    const net = network();
    const outbox = createOutbox({ site: 'pk_1', storage: mapStorage(), send: net.send, random: () => 0.5 });
    outbox.add('events', event());
    for (const [attempt, failure] of [
      [0, { status: 500 }],
      [1, new TypeError('reset')],
      [2, { status: 502 }],
    ] as const) {
      await net.answer(failure);
      const wait = 0.5 * 1000 * 2 ** attempt;
      await vi.advanceTimersByTimeAsync(wait - 1);
      expect(net.requests).toHaveLength(attempt + 1);
      await vi.advanceTimersByTimeAsync(1);
      expect(net.requests).toHaveLength(attempt + 2);
    }
    await net.answer('ok');
    outbox.add('events', event());
    await net.answer({ status: 500 });
    await vi.advanceTimersByTimeAsync(500);
    expect(net.requests).toHaveLength(6);
  });

  it('honours Retry-After on 429 and 503 instead of its own backoff', async () => {
    const net = network();
    const outbox = createOutbox({ site: 'pk_1', storage: mapStorage(), send: net.send, random: () => 0 });
    outbox.add('events', event());
    await net.answer({ status: 429, retryAfter: '7' });
    await vi.advanceTimersByTimeAsync(6999);
    expect(net.requests).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(net.requests).toHaveLength(2);
    await net.answer({ status: 503, retryAfter: new Date(Date.now() + 20_000).toUTCString() });
    await vi.advanceTimersByTimeAsync(19_000);
    expect(net.requests).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1000);
    expect(net.requests).toHaveLength(3);
  });

  it('drops the items the collector refused, reports each through onError, and never retries them', async () => {
    const storage = mapStorage();
    const net = network();
    const errors: Error[] = [];
    const outbox = createOutbox({ site: 'pk_1', storage, send: net.send, onError: (e) => errors.push(e) });
    const bad = event({ name: 'bad name!' });
    outbox.add('events', bad);
    await net.answer({
      status: 200,
      body: { accepted: 0, duplicates: 0, rejected: [{ type: 'event', index: 0, id: bad.id, issues: [] }] },
    });
    expect(errors.map(String)).toEqual([expect.stringContaining(bad.id)]);
    expect(stored(storage)).toEqual([]);

    outbox.add('events', event({ name: 'also bad!' }));
    await net.answer({
      status: 400,
      body: { error: { code: 'bad_request', rejected: [{ type: 'event', index: 0, issues: [{ path: 'name' }] }] } },
    });
    outbox.add('events', event());
    await net.answer({ status: 403, body: { error: { code: 'forbidden', message: 'origin' } } });
    expect(errors).toHaveLength(3);
    expect(String(errors[2])).toContain('403');
    await vi.advanceTimersByTimeAsync(3_600_000);
    expect(net.requests).toHaveLength(3);
    expect(stored(storage)).toEqual([]);
  });

  it('caps a batch at 100 items', async () => {
    const net = network();
    const outbox = createOutbox({ site: 'pk_1', storage: mapStorage(), send: net.send });
    outbox.add('events', event());
    for (let i = 0; i < 249; i++) outbox.add(i % 2 ? 'events' : 'answers', event());
    await net.drain();
    expect(net.requests.map((r) => net.ids(r.batch).length)).toEqual([1, 100, 100, 49]);
    expect(new Set(net.requests.flatMap((r) => net.ids(r.batch))).size).toBe(250);
  });

  it('caps a batch at 60,000 bytes so it fits a keepalive request, and sends an oversized item alone', async () => {
    const net = network();
    const outbox = createOutbox({ site: 'pk_1', storage: mapStorage(), send: net.send });
    outbox.add('events', event());
    // Multi-byte text: the cap counts UTF-8 bytes, not characters.
    for (let i = 0; i < 6; i++) outbox.add('events', event({ props: { note: 'é'.repeat(7000) } }));
    outbox.add('events', event({ props: { note: 'x'.repeat(70_000) } }));
    await net.drain();
    const [, ...rest] = net.requests;
    expect(rest.map((r) => net.ids(r.batch).length)).toEqual([4, 2, 1]);
    for (const request of rest.slice(0, 2)) {
      expect(request.bytes).toBeLessThanOrEqual(OUTBOX_LIMITS.bytes);
      expect(request.keepalive).toBe(true);
    }
    expect(rest[2]?.keepalive).toBe(false);
  });

  it('falls back to memory when storage is missing, full or throwing, and never throws', async () => {
    const full = mapStorage();
    full.setItem = () => {
      throw new DOMException('quota', 'QuotaExceededError');
    };
    const throwing: OutboxStorage = {
      get length(): number {
        throw new Error('SecurityError');
      },
      key: () => {
        throw new Error('SecurityError');
      },
      getItem: () => {
        throw new Error('SecurityError');
      },
      setItem: () => {
        throw new Error('SecurityError');
      },
      removeItem: () => {
        throw new Error('SecurityError');
      },
    };
    for (const storage of [undefined, full, throwing]) {
      const net = network();
      const outbox = createOutbox({ site: 'pk_1', storage, send: net.send });
      const items = [event(), event(), event()];
      expect(() => {
        for (const item of items) outbox.add('events', item);
      }).not.toThrow();
      await net.answer({ status: 500 });
      await vi.advanceTimersByTimeAsync(1000);
      await net.drain();
      const sent = net.requests.slice(1).flatMap((r) => net.ids(r.batch));
      expect(new Set(sent)).toEqual(new Set(items.map((i) => i.id)));
      await vi.advanceTimersByTimeAsync(600_000);
      expect(net.requests.slice(1).flatMap((r) => net.ids(r.batch))).toHaveLength(3);
    }
  });

  it('lets one of two outboxes sharing a storage send at a time (a lease), each item once', async () => {
    const storage = mapStorage();
    const net = network();
    const [tabA, tabB] = [0.1, 0.2].map((seed) =>
      createOutbox({ site: 'pk_1', storage, send: net.send, random: () => seed }),
    );
    const items = Array.from({ length: 10 }, () => event());
    tabA?.add('events', items[0] as ReturnType<typeof event>);
    await vi.advanceTimersByTimeAsync(0);
    expect(net.requests).toHaveLength(1);
    // While A holds the lease, B only stores.
    for (const item of items.slice(1)) tabB?.add('events', item);
    await vi.advanceTimersByTimeAsync(0);
    expect(net.requests).toHaveLength(1);
    expect(stored(storage)).toHaveLength(10);
    // A finishes and sends what B stored; B's wake-up at the lease's end finds nothing left.
    await net.drain();
    await vi.advanceTimersByTimeAsync(60_000);
    const sent = net.requests.flatMap((r) => net.ids(r.batch));
    expect(sent.sort()).toEqual(items.map((i) => i.id).sort());
    expect(stored(storage)).toEqual([]);
    expect(storage.getItem('heard:pk_1:lock')).toBeNull();
  });

  it('settles when tabs wake each other on storage changes (the browser storage event)', async () => {
    const storage = mapStorage();
    const net = network();
    const tabs: ReturnType<typeof createOutbox>[] = [];
    let lockWrites = 0;
    const { setItem, removeItem } = storage;
    storage.setItem = (key, value) => {
      if (key.endsWith(':lock')) lockWrites++;
      setItem(key, value);
    };
    // Like the storage event: other tabs hear of a removal a moment later, and the widget flushes.
    storage.removeItem = (key) => {
      const existed = storage.map.has(key);
      removeItem(key);
      if (existed) {
        setTimeout(() => {
          for (const tab of tabs) tab.flush();
        }, 1);
      }
    };
    tabs.push(...[0.1, 0.2].map((seed) => createOutbox({ site: 'pk_1', storage, send: net.send, random: () => seed })));
    tabs[0]?.add('events', event());
    tabs[1]?.add('events', event());
    await net.drain();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(net.requests.flatMap((r) => net.ids(r.batch))).toHaveLength(2);
    expect(lockWrites).toBeLessThan(10);
    expect(storage.getItem('heard:pk_1:lock')).toBeNull();
  });

  it('takes over from a tab that stopped mid-flight once its lease has run out', async () => {
    const storage = mapStorage();
    const net = network();
    const tabA = createOutbox({ site: 'pk_1', storage, send: net.send, random: () => 0.1 });
    const tabB = createOutbox({ site: 'pk_1', storage, send: net.send, random: () => 0.2 });
    const item = event();
    tabA.add('events', item);
    tabB.add('events', event());
    await vi.advanceTimersByTimeAsync(29_000);
    expect(net.requests).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1000);
    expect(net.requests).toHaveLength(2);
    // Storage cannot tell B that A's item may still be in flight: B sends it too, and the
    // collector's de-duplication by id keeps it once.
    expect(net.ids(net.requests[1]?.batch as Batch)).toEqual([item.id, expect.any(String)]);
  });

  it('sends nothing while offline and everything on wake()', async () => {
    let online = false;
    const net = network();
    const outbox = createOutbox({ site: 'pk_1', storage: mapStorage(), send: net.send, online: () => online });
    outbox.add('events', event());
    outbox.add('answers', event());
    await vi.advanceTimersByTimeAsync(600_000);
    expect(net.requests).toHaveLength(0);
    online = true;
    outbox.wake();
    await net.drain();
    expect(net.requests.map((r) => net.ids(r.batch).length)).toEqual([2]);
  });

  it('on wake() forgets the backoff and retries at once', async () => {
    const net = network();
    const outbox = createOutbox({ site: 'pk_1', storage: mapStorage(), send: net.send, random: () => 0.99 });
    outbox.add('events', event());
    for (let i = 0; i < 6; i++) {
      await net.answer(new TypeError('offline'));
      await vi.advanceTimersByTimeAsync(0.99 * 1000 * 2 ** i);
    }
    await net.answer(new TypeError('offline'));
    expect(net.requests).toHaveLength(7);
    outbox.wake();
    await vi.advanceTimersByTimeAsync(0);
    expect(net.requests).toHaveLength(8);
  });

  it('flush(true), when the page hides, sends at once despite a backoff', async () => {
    const net = network();
    const outbox = createOutbox({ site: 'pk_1', storage: mapStorage(), send: net.send, random: () => 0.99 });
    outbox.add('events', event());
    await net.answer({ status: 500 });
    outbox.flush(true);
    await vi.advanceTimersByTimeAsync(0);
    expect(net.requests).toHaveLength(2);
    expect(net.requests[1]?.keepalive).toBe(true);
  });

  it('sends what a previous page view left in storage', async () => {
    const storage = mapStorage();
    const first = createOutbox({ site: 'pk_1', storage, send: network().send, online: () => false });
    const items = [event(), event()];
    for (const item of items) first.add('events', item);
    const net = network();
    createOutbox({ site: 'pk_1', storage, send: net.send }).flush();
    await net.drain();
    expect(net.ids(net.requests[0]?.batch as Batch)).toEqual(items.map((i) => i.id));
    expect(stored(storage)).toEqual([]);
  });

  it('keeps an answer that gained a comment while its score was in flight, and sends it again', async () => {
    const storage = mapStorage();
    const net = network();
    const outbox = createOutbox({ site: 'pk_1', storage, send: net.send });
    const answer = {
      id: crypto.randomUUID(),
      kind: 'nps',
      score: 9,
      scale: [0, 10],
      anonymousId: 'a1',
      ts: Date.now(),
    };
    outbox.add('answers', answer);
    await vi.advanceTimersByTimeAsync(0);
    const commented = { ...answer, comment: 'Fast and simple' };
    outbox.add('answers', commented);
    await net.drain();
    expect(net.requests.map((r) => r.batch.answers)).toEqual([[answer], [commented]]);
    expect(stored(storage)).toEqual([]);
  });

  it('keeps one site apart from another on the same origin', async () => {
    const storage = mapStorage();
    const net = network();
    createOutbox({ site: 'pk_2', storage, send: net.send, online: () => false }).add('events', event());
    createOutbox({ site: 'pk_1', storage, send: net.send }).flush();
    await vi.advanceTimersByTimeAsync(0);
    expect(net.requests).toHaveLength(0);
    expect([...storage.map.keys()]).toEqual([expect.stringMatching(/^heard:pk_2:events:/)]);
  });

  it('sends items another writer put under outboxKey() in a shared wrapped store, memory-only ones included', async () => {
    // The widget's loader writes items itself and loads the sending outbox later, over the same store.
    const store = fallbackStorage(undefined);
    const items = [event(), event()];
    for (const item of items) store.setItem(outboxKey('pk_1', 'events', item.id), JSON.stringify(item));
    expect(outboxKey('pk_1')).toBe('heard:pk_1:');
    const net = network();
    createOutbox({ site: 'pk_1', store, send: net.send }).flush();
    await net.drain();
    expect(net.ids(net.requests[0]?.batch as Batch)).toEqual(items.map((i) => i.id));
    expect([...store.keys()].filter((key) => !key.endsWith(':lock'))).toEqual([]);
  });
});
