import { createOutbox, type Outbox, type SafeStorage } from '@heard/core';

/**
 * The sending half of delivery, a chunk the loader fetches only when there is something to send
 * (see delivery.ts): the outbox of a site over the page's storage (the same wrapped storage the
 * loader writes items to), `fetch` with a `text/plain` body (a CORS simple request, no preflight)
 * and keepalive, a pause while offline, and a last flush when the page hides.
 */
export function startSending(
  site: string,
  endpoint: string,
  store: SafeStorage,
  onError: (error: unknown) => void,
): Outbox {
  const outbox = createOutbox({
    site,
    store,
    onError,
    online: () => navigator.onLine !== false,
    send: (body, keepalive) =>
      fetch(`${endpoint}/v1/collect`, { method: 'POST', body, keepalive, signal: AbortSignal.timeout?.(3e4) }).then(
        async (response) => ({
          status: response.status,
          retryAfter: response.headers.get('Retry-After'),
          body: await response.json().catch(() => {}),
        }),
      ),
  });
  addEventListener('pagehide', () => outbox.flush(true));
  document.addEventListener('visibilitychange', () => document.hidden && outbox.flush(true));
  return outbox;
}
