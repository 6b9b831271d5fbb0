import { createOutbox, type Outbox, type OutboxStorage } from '@heard/core';

/**
 * Starts the outbox of a site in the browser: localStorage shared by the site's tabs, `fetch`
 * with a `text/plain` body (a CORS simple request, no preflight) and keepalive, a pause while
 * offline, and a last flush when the page hides. Items a page leaves behind go out on the next.
 */
export function startDelivery(site: string, endpoint: string, onError: (error: unknown) => void): Outbox {
  let storage: OutboxStorage | undefined;
  try {
    storage = localStorage;
  } catch {}
  const outbox = createOutbox({
    site,
    storage,
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
  addEventListener('online', outbox.wake);
  // Another tab released the lease or acknowledged items: this one may have to take over now.
  addEventListener('storage', (event) => event.newValue ?? outbox.flush());
  addEventListener('pagehide', () => outbox.flush(true));
  document.addEventListener('visibilitychange', () => document.hidden && outbox.flush(true));
  outbox.flush();
  return outbox;
}
