import { fallbackStorage, type Outbox } from '@heard/core';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { type SendModule, startDelivery } from './delivery';

// The loader's half of delivery: items go to storage at once; the sending half (send.ts, a chunk)
// is fetched only when there is something to send. The outbox itself is tested in @heard/core.

type Listener = (event: { newValue?: string | null }) => void;
const listeners: Record<string, Listener[]> = {};
const listen = (name: string, listener: Listener) => {
  listeners[name] ??= [];
  listeners[name].push(listener);
};
const posts: { url: string; body: { site: string; events: { id: string }[] }; keepalive: boolean }[] = [];
beforeEach(() => {
  for (const name of Object.keys(listeners)) delete listeners[name];
  posts.length = 0;
  vi.stubGlobal('addEventListener', listen);
  vi.stubGlobal('document', { hidden: false, addEventListener: listen });
  vi.stubGlobal('fetch', async (url: string, init: { body: string; keepalive: boolean }) => {
    posts.push({ url, body: JSON.parse(init.body), keepalive: init.keepalive });
    return new Response('{}');
  });
});
afterEach(() => {
  vi.unstubAllGlobals();
});

const fire = (name: string, event: { newValue?: string | null } = {}) => {
  for (const listener of listeners[name] ?? []) listener(event);
};
/** The tasks after the loader's have run. */
const nextTask = () => new Promise((resolve) => setTimeout(resolve, 5));

/** localStorage as a Map, and a sending half whose loads the test counts and can fail. */
function setup(stored: Record<string, string> = {}) {
  const map = new Map(Object.entries(stored));
  const area = {
    get length() {
      return map.size;
    },
    key: (i: number) => [...map.keys()][i] ?? null,
    getItem: (key: string) => map.get(key) ?? null,
    setItem: (key: string, value: string) => void map.set(key, value),
    removeItem: (key: string) => void map.delete(key),
  };
  const store = fallbackStorage(area);
  const sender = { add: vi.fn(), flush: vi.fn(), wake: vi.fn() } satisfies Outbox;
  const started: unknown[][] = [];
  let failing = false;
  const load = vi.fn(async (): Promise<SendModule> => {
    if (failing) throw new TypeError('Failed to fetch dynamically imported module');
    return {
      startSending: (...args) => {
        started.push(args);
        return sender;
      },
    };
  });
  const errors: unknown[] = [];
  const delivery = startDelivery('pk_1', 'https://c.example', store, (error) => errors.push(error), load);
  return {
    map,
    store,
    sender,
    started,
    load,
    errors,
    delivery,
    fail: (on: boolean) => {
      failing = on;
    },
  };
}

const event = (n: number) => ({ id: `e${n}`, name: 'activated', anonymousId: 'a1', ts: 1000 + n });

describe('startDelivery', () => {
  it('fetches nothing on a page view with nothing to send', async () => {
    const { load } = setup({ 'heard:pk_1:lock': 'other 99999999999999', 'heard:pk_2:events:x': '{}' });
    await nextTask();
    fire('online');
    fire('storage', { newValue: null });
    await vi.waitFor(() => expect(load).not.toHaveBeenCalled());
  });

  it('writes each item to storage before the sending half is even fetched, then has it sent', async () => {
    const { map, load, sender, started, store, delivery } = setup();
    delivery.add('events', event(1));
    expect(JSON.parse(map.get('heard:pk_1:events:e1') as string)).toEqual(event(1));
    expect(sender.flush).not.toHaveBeenCalled();
    await vi.waitFor(() => expect(sender.flush).toHaveBeenCalled());
    delivery.add('answers', { ...event(2), id: 'a2' });
    expect(map.has('heard:pk_1:answers:a2')).toBe(true);
    await vi.waitFor(() => expect(sender.flush).toHaveBeenCalledTimes(2));
    // One sending half per page, over the same wrapped storage the loader writes to.
    expect(load).toHaveBeenCalledTimes(1);
    expect(started).toEqual([['pk_1', 'https://c.example', store, expect.any(Function)]]);
    expect(sender.add).not.toHaveBeenCalled();
  });

  it('sends what an earlier page view left behind, in a task after the loader’s', async () => {
    const { load, sender } = setup({ 'heard:pk_1:events:e1': JSON.stringify(event(1)) });
    // The loader's own task never opens storage.
    expect(load).not.toHaveBeenCalled();
    await vi.waitFor(() => expect(sender.flush).toHaveBeenCalledTimes(1));
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('keeps items stored when the chunk cannot be fetched (offline), and fetches it again when the network is back', async () => {
    const { map, load, sender, delivery, errors, fail } = setup();
    fail(true);
    delivery.add('events', event(1));
    await vi.waitFor(() => expect(load).toHaveBeenCalledTimes(1));
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(map.has('heard:pk_1:events:e1')).toBe(true);
    expect(errors).toEqual([]);
    fail(false);
    fire('online');
    await vi.waitFor(() => expect(sender.wake).toHaveBeenCalledTimes(1));
    expect(load).toHaveBeenCalledTimes(2);
  });

  it("takes over another tab's items when that tab lets its lease go, even before sending anything itself", async () => {
    const { map, load, sender } = setup();
    // Listening to another tab's storage changes opens storage: not in the loader's task.
    expect(listeners.storage).toBeUndefined();
    await nextTask();
    map.set('heard:pk_1:events:e9', JSON.stringify(event(9)));
    fire('storage', { newValue: 'other 99999999999999' });
    expect(load).not.toHaveBeenCalled();
    fire('storage', { newValue: null });
    await vi.waitFor(() => expect(sender.flush).toHaveBeenCalledTimes(1));
  });

  it('keeps items in memory, where the sending half finds them, when storage refuses them', async () => {
    const { store, sender } = setup();
    const memoryOnly = fallbackStorage(undefined);
    const load = vi.fn(async (): Promise<SendModule> => ({ startSending: () => sender }));
    const delivery = startDelivery('pk_1', 'https://c.example', memoryOnly, () => {}, load);
    expect(() => delivery.add('events', event(1))).not.toThrow();
    expect(memoryOnly.getItem('heard:pk_1:events:e1')).toBe(JSON.stringify(event(1)));
    expect(store.getItem('heard:pk_1:events:e1')).toBeNull();
    await vi.waitFor(() => expect(load).toHaveBeenCalledTimes(1));
  });

  it('posts what is stored, keepalive, when the page hides before the sending half has loaded', async () => {
    const { delivery, map, load } = setup();
    let arrive: (module: SendModule) => void = () => {};
    load.mockImplementationOnce(() => new Promise((resolve) => (arrive = resolve)));
    delivery.add('events', event(1));
    delivery.add('events', event(2));
    fire('pagehide');
    expect(posts).toHaveLength(1);
    expect(posts[0]?.url).toBe('https://c.example/v1/collect');
    expect(posts[0]?.keepalive).toBe(true);
    expect(posts[0]?.body.site).toBe('pk_1');
    expect(posts[0]?.body.events.map((item) => item.id).sort()).toEqual(['e1', 'e2']);
    // Still stored: only a sending half that hears the collector's answer removes them.
    expect(map.has('heard:pk_1:events:e1')).toBe(true);
    // Once the sending half is there, its own pagehide flush takes over.
    arrive({ startSending: () => ({ add: vi.fn(), flush: vi.fn(), wake: vi.fn() }) });
    await new Promise((resolve) => setTimeout(resolve, 0));
    fire('pagehide');
    expect(posts).toHaveLength(1);
  });

  it('posts the stored items once when the page both turns hidden and hides, and again only with more', async () => {
    const { delivery, load } = setup();
    load.mockImplementation(() => new Promise(() => {}));
    delivery.add('events', event(1));
    // Closing a tab fires visibilitychange (hidden) and then pagehide.
    vi.stubGlobal('document', { hidden: true, addEventListener: listen });
    fire('visibilitychange');
    fire('pagehide');
    expect(posts.map((post) => post.body.events.map((item) => item.id))).toEqual([['e1']]);
    // Back on the page, one more item, hidden again: what is stored now goes, the first with it.
    delivery.add('events', event(2));
    fire('visibilitychange');
    expect(posts.map((post) => post.body.events.map((item) => item.id).sort())).toEqual([['e1'], ['e1', 'e2']]);
    await nextTask();
  });
});
