import { createHmac, timingSafeEqual } from 'node:crypto';
import { once } from 'node:events';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll } from 'vitest';

/** One request a webhook receiver got. */
export interface Received {
  /** The path it was posted to (one receiver can stand for several webhooks). */
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/**
 * A webhook receiver on loopback for one test file (as Slack, Zapier or n8n would be): records
 * every request in `received` and answers with the statuses queued in `statuses` (then 200).
 * `url()` is its address once the file's `beforeAll` has run.
 */
export function useWebhookReceiver(path: string) {
  const received: Received[] = [];
  const statuses: number[] = [];
  const receiver = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      received.push({ url: req.url ?? '', headers: req.headers, body });
      res.writeHead(statuses.shift() ?? 200).end('ok');
    });
  });
  let url = '';
  beforeAll(async () => {
    receiver.listen(0, '127.0.0.1');
    await once(receiver, 'listening');
    url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}${path}`;
  });
  afterAll(() => {
    receiver.close();
  });
  return { received, statuses, url: () => url };
}

/** Whether a request carries `X-Heard-Signature: sha256=<HMAC-SHA256(secret, body)>`, compared in constant time. */
export function verified(secret: string, { headers, body }: Pick<Received, 'headers' | 'body'>): boolean {
  const expected = Buffer.from(`sha256=${createHmac('sha256', secret).update(body).digest('hex')}`);
  const given = Buffer.from(String(headers['x-heard-signature'] ?? ''));
  return expected.length === given.length && timingSafeEqual(expected, given);
}
