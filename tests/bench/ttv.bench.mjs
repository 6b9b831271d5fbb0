// Time-to-value report at 10k and 100k users: the real collector (wrangler dev, local D1),
// events sent through /v1/collect as the widget sends them, then GET /v1/ttv timed.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSite, freePort, startCollector } from '../../scripts/stack.mjs';

const ADMIN = 'bench-admin-token';
const DAY = 86_400_000;
const RUNS = 5;

/** Deterministic pseudo-random numbers, so every run loads the same data. */
function random(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** Sign-ups over the last 180 days; 70% activate after a log-normal-ish delay; a plan trait. */
function* userEvents(count, prefix, rand) {
  const now = Date.now();
  for (let i = 0; i < count; i += 1) {
    const userId = `${prefix}-${i}`;
    const start = now - Math.floor(rand() * 180 * DAY) - DAY;
    yield {
      id: crypto.randomUUID(),
      name: 'identify',
      userId,
      props: { plan: rand() < 0.3 ? 'pro' : 'free' },
      ts: start,
    };
    yield { id: crypto.randomUUID(), name: 'signed_up', userId, ts: start };
    if (rand() < 0.7) {
      const wait = Math.min(Math.exp(rand() * 14) * 1000, now - start - 1);
      yield { id: crypto.randomUUID(), name: 'activated', userId, ts: start + Math.floor(wait) };
    }
  }
}

async function load(url, publicKey, events, concurrency = 4) {
  const batches = [];
  let batch = [];
  for (const event of events) {
    batch.push(event);
    if (batch.length === 500) {
      batches.push(batch);
      batch = [];
    }
  }
  if (batch.length) batches.push(batch);
  let next = 0;
  let sent = 0;
  const worker = async () => {
    while (next < batches.length) {
      const body = JSON.stringify({ site: publicKey, events: batches[next++] });
      const response = await fetch(`${url}/v1/collect`, { method: 'POST', body });
      const result = await response.json();
      if (response.status !== 200 || result.rejected.length) throw new Error(`collect: ${JSON.stringify(result)}`);
      sent += result.accepted;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return sent;
}

async function timeReport(url, secretKey, query) {
  const times = [];
  let body;
  for (let i = 0; i < RUNS; i += 1) {
    const started = performance.now();
    const response = await fetch(`${url}/v1/ttv${query}`, { headers: { Authorization: `Bearer ${secretKey}` } });
    body = await response.json();
    times.push(performance.now() - started);
    if (response.status !== 200) throw new Error(`ttv: ${response.status} ${JSON.stringify(body)}`);
  }
  times.sort((a, b) => a - b);
  return { ms: times[Math.floor(RUNS / 2)], body };
}

/** @param {{ log: (line: string) => void, root: string }} ctx */
export default async function ttvBench(ctx) {
  const dir = mkdtempSync(join(tmpdir(), 'heard-bench-ttv-'));
  const collector = await startCollector({ port: await freePort(), persistTo: dir, vars: { ADMIN_TOKEN: ADMIN } });
  try {
    const rows = [];
    const figures = {};
    for (const users of [10_000, 100_000]) {
      const site = await createSite(collector.url, ADMIN, `bench ${users}`, []);
      const loadStart = performance.now();
      const events = await load(collector.url, site.publicKey, userEvents(users, `u${users}`, random(users)));
      const loadSeconds = (performance.now() - loadStart) / 1000;
      ctx.log(`loaded ${users} users: ${events} events in ${loadSeconds.toFixed(1)} s`);
      const plain = await timeReport(collector.url, site.secretKey, '');
      const byPlan = await timeReport(collector.url, site.secretKey, '?by=plan');
      ctx.log(
        `${users} users: started ${plain.body.started}, reached ${plain.body.reached}, KM median ${(plain.body.kmMedian / 1000).toFixed(0)} s; report ${plain.ms.toFixed(0)} ms, by=plan ${byPlan.ms.toFixed(0)} ms`,
      );
      figures[users] = { plain: plain.ms, byPlan: byPlan.ms };
      const label = users === 10_000 ? '10k' : '100k';
      rows.push({
        name: `ttv report, ${label} users`,
        value: Math.round(plain.ms),
        unit: 'ms',
        ...(users === 100_000
          ? { baseline: { name: 'ttv report, 10k users', value: Math.round(figures[10_000].plain) } }
          : {}),
        goal: users === 100_000 ? 'about 10× the 10k figure: linear in users, independent of other events' : undefined,
      });
      rows.push({ name: `ttv report by=plan, ${label} users`, value: Math.round(byPlan.ms), unit: 'ms' });
      rows.push({
        name: `collect throughput, ${label} users`,
        value: Math.round(events / loadSeconds),
        unit: 'events/s',
      });
    }
    return rows.map((row) => Object.fromEntries(Object.entries(row).filter(([, v]) => v !== undefined)));
  } finally {
    await collector.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
