// A bounded loopback load generator: a fixed number of keep-alive connections, each
// sending its next request when the last one answered (closed loop), or on a schedule
// when a rate is given (open loop). Used by the bench files; never by `pnpm test`.
import { Agent, request } from 'node:http';

/** Sums rounds of one measurement taken in turns with others (so drifting load hits all alike). */
export function combine(runs) {
  const latencies = runs.flatMap((r) => r.latencies).sort((a, b) => a - b);
  const requests = runs.reduce((n, r) => n + r.requests, 0);
  const elapsedMs = runs.reduce((n, r) => n + r.elapsedMs, 0);
  return {
    requests,
    failed: runs.reduce((n, r) => n + r.failed, 0),
    perSecond: (requests / elapsedMs) * 1000,
    p50: quantile(latencies, 0.5),
    p99: quantile(latencies, 0.99),
    elapsedMs,
    latencies,
  };
}

/** The q-quantile of sorted numbers. */
export function quantile(sorted, q) {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

function send(agent, url, { method, headers, body }) {
  return new Promise((resolve) => {
    const started = performance.now();
    const req = request(url, { agent, method, headers }, (res) => {
      res.on('data', () => {});
      res.on('end', () => resolve({ status: res.statusCode ?? 0, ms: performance.now() - started }));
    });
    req.on('error', () => resolve({ status: 0, ms: performance.now() - started }));
    req.end(body);
  });
}

/**
 * Drives `url` for `durationMs` after `warmupMs` (not counted) with `connections`
 * connections. `make(i)` returns each request's { method, headers, body }. With `rate`
 * (requests/s) requests start on schedule; without it, as fast as answers come back.
 * Stops at `maxRequests` too, so a run is bounded in count and time.
 * @param {{ url: string, make: (i: number) => { method?: string, headers?: Record<string,string>, body?: string },
 *   connections?: number, durationMs?: number, warmupMs?: number, rate?: number, maxRequests?: number }} options
 */
export async function load({
  url,
  make,
  connections = 10,
  durationMs = 5000,
  warmupMs = 1000,
  rate,
  maxRequests = 1_000_000,
}) {
  const target = new URL(url);
  if (!['127.0.0.1', 'localhost', '[::1]'].includes(target.hostname)) throw new Error(`loopback only: ${url}`);
  const agent = new Agent({ keepAlive: true, maxSockets: connections });
  const latencies = [];
  let index = 0;
  let ok = 0;
  let failed = 0;
  const begin = performance.now();
  const measureFrom = begin + warmupMs;
  const end = measureFrom + durationMs;
  const worker = async () => {
    for (;;) {
      const i = index++;
      if (i >= maxRequests) return;
      if (rate) {
        const due = begin + (i / rate) * 1000;
        const wait = due - performance.now();
        if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      }
      const startedAt = performance.now();
      if (startedAt >= end) return;
      const { method = 'GET', headers = {}, body } = make(i);
      const result = await send(agent, target, { method, headers, body });
      if (startedAt < measureFrom) continue;
      if (result.status >= 200 && result.status < 300) {
        ok += 1;
        latencies.push(result.ms);
      } else failed += 1;
    }
  };
  await Promise.all(Array.from({ length: connections }, worker));
  agent.destroy();
  const elapsed = Math.min(performance.now(), end) - measureFrom;
  latencies.sort((a, b) => a - b);
  return {
    requests: ok,
    failed,
    perSecond: (ok / elapsed) * 1000,
    p50: quantile(latencies, 0.5),
    p99: quantile(latencies, 0.99),
    elapsedMs: elapsed,
    latencies,
  };
}
