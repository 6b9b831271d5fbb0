import { once } from 'node:events';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * What the network does to one request: pass it on; cut it before the collector sees it; cut it
 * after the collector stored the batch (the client never hears so); answer 500 or 429 with
 * Retry-After without passing it on; hold it a while (`slow` 1.5 s, `stall` 5 s), then pass it
 * on; or hold the collector's answer back (15 s) after it stored the batch.
 */
export type NetworkFault = 'ok' | 'drop' | 'dropAfterStore' | 'holdAfterStore' | '500' | '429' | 'slow' | 'stall';

/** An HTTP proxy in front of the real collector that injects faults, by a seeded schedule or a list. */
export interface FlakyNetwork {
  url: string;
  /** Faults for the next requests, in order; after them `random` decides. */
  faults: NetworkFault[];
  stats: { requests: number; forwarded: number; faults: Record<NetworkFault, number> };
  close(): Promise<void>;
}

const readBody = async (req: IncomingMessage) => {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
};

/** The demo's seeded PRNG (mulberry32), so a failing run can be replayed. */
export { random as seeded } from '../../demo/seed.mjs';

/**
 * Starts the proxy. `random` picks the fault of each request once the `faults` list is used up
 * (default: always `ok`).
 */
export async function startFlakyNetwork(
  collector: string,
  random: () => NetworkFault = () => 'ok',
): Promise<FlakyNetwork> {
  const network: Omit<FlakyNetwork, 'url' | 'close'> = {
    faults: [],
    stats: {
      requests: 0,
      forwarded: 0,
      faults: { ok: 0, drop: 0, dropAfterStore: 0, holdAfterStore: 0, '500': 0, '429': 0, slow: 0, stall: 0 },
    },
  };
  const server = createServer(async (req, res) => {
    const body = await readBody(req);
    network.stats.requests += 1;
    const fault = network.faults.shift() ?? random();
    network.stats.faults[fault] += 1;
    if (fault === 'drop') return void req.socket.destroy();
    if (fault === '500' || fault === '429') {
      res.writeHead(Number(fault), {
        'Content-Type': 'application/json',
        ...(fault === '429' ? { 'Retry-After': '1' } : {}),
      });
      return void res.end('{"error":{"code":"injected","message":"fault injected by the test network"}}');
    }
    if (fault === 'slow' || fault === 'stall')
      await new Promise((resolve) => setTimeout(resolve, fault === 'slow' ? 1500 : 5000));
    const headers: Record<string, string> = {};
    for (const name of ['authorization', 'content-type']) {
      const value = req.headers[name];
      if (typeof value === 'string') headers[name] = value;
    }
    const response = await fetch(`${collector}${req.url}`, {
      method: req.method,
      headers,
      ...(body.length > 0 ? { body } : {}),
    });
    const answer = Buffer.from(await response.arrayBuffer());
    network.stats.forwarded += 1;
    if (fault === 'dropAfterStore') return void req.socket.destroy();
    if (fault === 'holdAfterStore') await new Promise((resolve) => setTimeout(resolve, 15_000));
    const out: Record<string, string> = { 'Content-Type': response.headers.get('Content-Type') ?? 'application/json' };
    const retryAfter = response.headers.get('Retry-After');
    if (retryAfter) out['Retry-After'] = retryAfter;
    res.writeHead(response.status, out).end(answer);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return {
    ...network,
    get faults() {
      return network.faults;
    },
    set faults(list) {
      network.faults = list;
    },
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: async () => {
      server.closeAllConnections();
      server.close();
    },
  };
}
