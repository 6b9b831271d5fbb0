import { type Outbox, type OutboxList, outboxKey, type SafeStorage } from '@heard/core';
import type { startSending } from './send';

/** The sending half's chunk (`heard-send.<hash>.js`, send.ts). */
export interface SendModule {
  startSending: typeof startSending;
}

/**
 * Starts delivery for a site in the browser. Every item is written to storage (shared by the
 * site's tabs) at once, before any network attempt; the sending half (send.ts: batching, the
 * lease between tabs, backoff, Retry-After, the pagehide flush) loads as a chunk only when there
 * is something to send: an item added now, or one an earlier page view left behind. So a page
 * view with nothing to send fetches nothing, and the loader stays small.
 */
export function startDelivery(
  site: string,
  endpoint: string,
  store: SafeStorage,
  onError: (error: unknown) => void,
  load: () => Promise<SendModule>,
): Pick<Outbox, 'add'> {
  const prefix = outboxKey(site);
  let outbox: Promise<Outbox> | undefined;
  let sender: Outbox | undefined;
  let sending = false;
  const pending = () => [...store.keys()].some((key) => key.startsWith(prefix) && !key.endsWith(':lock'));
  const send = (wake?: boolean) => {
    sending = true;
    // Once loaded, at once (within the call that added the item), as the outbox always did.
    if (sender) return wake ? sender.wake() : sender.flush();
    outbox ??= load().then((module) => (sender = module.startSending(site, endpoint, store, onError)));
    // Offline or unreachable: the chunk is fetched again on the next item, `online` or page view.
    outbox.then((ready) => (wake ? ready.wake() : ready.flush())).catch(() => (outbox = undefined));
  };
  // The page hides before the sending half has loaded (an item added a moment ago): post what is
  // stored at once, keepalive, up to its 64 KB. The items stay stored until a sending half hears
  // they arrived; the collector ignores a second copy of an item, but closing a tab fires both
  // visibilitychange and pagehide, so the same items are not posted twice in a row.
  let posted = '';
  const last = () => {
    if (sender) return;
    const body: Record<string, unknown> = { site, answers: [], events: [], displays: [] };
    let bytes = 0;
    const utf8 = new TextEncoder();
    try {
      for (const key of store.keys()) {
        const [list, id] = key.slice(prefix.length).split(':');
        const value = store.getItem(key);
        if (!key.startsWith(prefix) || !id || !value) continue;
        bytes += utf8.encode(value).length;
        if (bytes < 6e4) (body[list as string] as unknown[]).push(JSON.parse(value));
      }
    } catch {}
    const text = JSON.stringify(body);
    if (!bytes || text === posted) return;
    posted = text;
    fetch(`${endpoint}/v1/collect`, { method: 'POST', body: text, keepalive: true }).catch(() => {});
  };
  addEventListener('pagehide', last);
  document.addEventListener('visibilitychange', () => document.hidden && last());
  // The network is back: forget the backoff.
  addEventListener('online', () => pending() && send(true));
  // In a task of its own after the loader's, since both open storage, which waits on the browser
  // (a storage listener does too): what an earlier page view left behind goes out (unless this
  // one already started sending, which takes it along), and from then on, when another tab
  // releases the lease or acknowledges items, this one may have to take over, even if it has not
  // loaded the sending half yet.
  setTimeout(() => {
    addEventListener('storage', (event) => event.newValue ?? (pending() && send()));
    if (!sending && pending()) send();
  });
  return {
    add(list: OutboxList, item: { id: string; ts: number }) {
      store.setItem(outboxKey(site, list, item.id), JSON.stringify(item));
      send();
    },
  };
}
