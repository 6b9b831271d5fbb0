import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * What the proxy does to one collect attempt: pass it on, answer 500 without passing it on,
 * cut the connection before or after the collector stored the batch, answer 429 with
 * Retry-After, or hold it back a while before passing it on.
 */
export type Fault = 'ok' | '500' | 'abort' | 'abortAfterStore' | '429' | 'slow' | 'held';

/** A fault-injecting proxy in front of the real collector, and a test page whose widget posts to it. */
export interface FaultProxy {
  /** The proxy's origin: the widget's `data-endpoint`. */
  endpoint: string;
  /** The test page's origin (a different one, so collect is a real cross-origin request). */
  pageOrigin: string;
  /** The test page for a site's public key. */
  page(publicKey: string): string;
  /** Faults for the next collect attempts, in order; attempts after them pass. */
  faults: Fault[];
  /** Figures: attempts reaching the proxy, batches the collector saw, and what it said. */
  stats: {
    attempts: number;
    preflights: number;
    forwarded: number;
    accepted: number;
    duplicates: number;
    /** Item ids in every attempt, repeats included. */
    itemsSent: string[];
    faultsInjected: number;
  };
  /** Attempts the proxy is still working on. */
  open(): number;
  close(): Promise<void>;
}

const readBody = async (req: IncomingMessage) => {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
};

const listen = async (server: Server) => {
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
};

/** Starts the proxy and the page server on free loopback ports. */
export async function startFaultProxy(collector: string): Promise<FaultProxy> {
  let inFlight = 0;
  const proxy: Omit<FaultProxy, 'endpoint' | 'pageOrigin'> & { endpoint?: string; pageOrigin?: string } = {
    faults: [],
    stats: { attempts: 0, preflights: 0, forwarded: 0, accepted: 0, duplicates: 0, itemsSent: [], faultsInjected: 0 },
    page: (publicKey) => `${proxy.pageOrigin}/?site=${encodeURIComponent(publicKey)}`,
    open: () => inFlight,
    close: async () => {
      for (const server of [collectServer, pageServer]) {
        server.closeAllConnections();
        server.close();
      }
    },
  };
  const corsOf = (req: IncomingMessage) => ({
    'Access-Control-Allow-Origin': req.headers.origin ?? '*',
    'Access-Control-Expose-Headers': 'Retry-After',
    Vary: 'Origin',
  });

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    if (req.method === 'OPTIONS') {
      proxy.stats.preflights++;
      res.writeHead(204, { ...corsOf(req), 'Access-Control-Allow-Methods': 'POST' }).end();
      return;
    }
    if (req.method === 'GET') {
      // Reads (active surveys) pass straight through: the faults and the counts are about collect.
      const response = await fetch(`${collector}${req.url}`, {
        headers: { ...(req.headers.origin ? { Origin: req.headers.origin } : {}) },
      });
      const headers: Record<string, string> = {};
      for (const [name, value] of response.headers)
        if (!/^(content-length|content-encoding|transfer-encoding|connection)$/.test(name)) headers[name] = value;
      res.writeHead(response.status, headers).end(Buffer.from(await response.arrayBuffer()));
      return;
    }
    const body = await readBody(req);
    proxy.stats.attempts++;
    try {
      const batch = JSON.parse(body) as Record<string, { id: string }[]>;
      for (const list of ['answers', 'events', 'displays']) {
        for (const item of batch[list] ?? []) proxy.stats.itemsSent.push(item.id);
      }
    } catch {}
    const fault = proxy.faults.shift() ?? 'ok';
    if (fault !== 'ok' && fault !== 'slow' && fault !== 'held') proxy.stats.faultsInjected++;
    if (fault === 'abort') return void req.socket.destroy();
    if (fault === '500') {
      res.writeHead(500, { ...corsOf(req), 'Content-Type': 'application/json' });
      return void res.end('{"error":{"code":"injected","message":"fault injected by the test proxy"}}');
    }
    if (fault === '429') {
      res.writeHead(429, { ...corsOf(req), 'Content-Type': 'application/json', 'Retry-After': '1' });
      return void res.end('{"error":{"code":"too_many_requests","message":"fault injected by the test proxy"}}');
    }
    if (fault === 'slow') await new Promise((r) => setTimeout(r, 1500));
    // Held long enough that a test's next steps surely happen while it is in flight.
    if (fault === 'held') await new Promise((r) => setTimeout(r, 6000));
    const headers: Record<string, string> = { 'Content-Type': req.headers['content-type'] ?? 'text/plain' };
    if (req.headers.origin) headers.Origin = req.headers.origin;
    const response = await fetch(`${collector}/v1/collect`, { method: 'POST', headers, body });
    const text = await response.text();
    proxy.stats.forwarded++;
    try {
      const result = JSON.parse(text) as { accepted?: number; duplicates?: number };
      proxy.stats.accepted += result.accepted ?? 0;
      proxy.stats.duplicates += result.duplicates ?? 0;
    } catch {}
    // The collector stored the batch; the browser never hears so.
    if (fault === 'abortAfterStore') return void req.socket.destroy();
    const passOn: Record<string, string> = {
      'Content-Type': response.headers.get('content-type') ?? 'application/json',
    };
    for (const [name, value] of response.headers) if (name.startsWith('access-control-')) passOn[name] = value;
    res.writeHead(response.status, passOn).end(text);
  };

  const collectServer = createServer((req, res) => {
    inFlight++;
    handle(req, res)
      .catch(() => req.socket.destroy())
      .finally(() => inFlight--);
  });
  const pageServer = createServer((req, res) => {
    const site = new URL(req.url ?? '/', 'http://x').searchParams.get('site') ?? '';
    if (!/^pk_[\w-]+$/.test(site)) return void res.writeHead(404).end();
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Heard delivery test</title>
<script>window.heard=window.heard||function(){(heard.q=heard.q||[]).push(arguments)}</script>
<script async src="${collector}/heard.js" data-site="${site}" data-endpoint="${proxy.endpoint}"></script>
</head><body><main><h1>Delivery under faults</h1></main></body></html>`);
  });
  proxy.endpoint = await listen(collectServer);
  proxy.pageOrigin = await listen(pageServer);
  return proxy as FaultProxy;
}
