// The load simulation behind docs/scaling.md: ingest is ramped up (one answer per request, as
// widgets send them) against the collector with and without INGEST_QUEUE, and the D1 batch
// writes per second are counted inside the Worker. Direct writes grow with ingest; queued
// writes stay near one per consumer batch. At the end nothing may be lost.
import { join } from 'node:path';
import { load } from './load.mjs';
import { answer, bundle, bundleDir, collectRequest, createSite, startWorker } from './workerd.mjs';

const STEPS = [25, 50, 100, 200];
const STEP_MS = 4000;

const d1Counts = async (url) => (await fetch(`${url}/__bench/d1`)).json();

async function ramp(worker, log, mode) {
  const site = await createSite(worker.url);
  const steps = [];
  let next = 0;
  let accepted = 0;
  for (const rate of STEPS) {
    const before = await d1Counts(worker.url);
    const run = await load({
      url: `${worker.url}/v1/collect`,
      connections: 10,
      rate,
      warmupMs: 0,
      durationMs: STEP_MS,
      make: () => collectRequest(site.publicKey, [answer(next++)]),
    });
    const after = await d1Counts(worker.url);
    accepted += run.requests;
    const writes = ((after.writes - before.writes) / STEP_MS) * 1000;
    steps.push({ rate, ingest: run.perSecond, writes, p99: run.p99 });
    log(`${mode}: offered ${rate}/s, ingested ${run.perSecond.toFixed(0)}/s, D1 batch writes ${writes.toFixed(1)}/s`);
  }
  // Wait for the queue to drain, then count: every accepted answer stored, exactly once.
  const deadline = Date.now() + 30_000;
  let stored = 0;
  do {
    stored = await worker.db.prepare('SELECT COUNT(*) AS n FROM answers WHERE site_id = ?').bind(site.id).first('n');
    if (stored >= accepted) break;
    await new Promise((r) => setTimeout(r, 250));
  } while (Date.now() < deadline);
  const rolled = await worker.db
    .prepare('SELECT COALESCE(SUM(n), 0) AS n FROM answer_rollup WHERE site_id = ?')
    .bind(site.id)
    .first('n');
  return { steps, accepted, stored, rolled };
}

export default async function ingestQueue({ root, log }) {
  const out = await bundleDir();
  const scriptPath = await bundle(root, 'tests/bench/fixtures/bench-worker.ts', join(out, 'bench-worker.mjs'));
  const results = {};
  for (const mode of ['direct', 'queue']) {
    const worker = await startWorker({ root, scriptPath, ...(mode === 'queue' ? { queue: {} } : {}) });
    try {
      results[mode] = await ramp(worker, log, mode);
    } finally {
      await worker.stop();
    }
  }
  const rows = [];
  results.queue.steps.forEach((step, i) => {
    const direct = results.direct.steps[i];
    rows.push({
      name: `queue mode, ${step.rate} answers/s offered (${step.ingest.toFixed(0)} ingested): D1 batch writes`,
      value: step.writes,
      unit: 'writes/s',
      baseline: { name: `direct mode (${direct.ingest.toFixed(0)} ingested)`, value: direct.writes },
    });
  });
  const first = results.queue.steps[0];
  const last = results.queue.steps.at(-1);
  rows.push({
    name: 'queue mode: growth of D1 writes/s vs growth of ingest, first to last step',
    value: last.writes / first.writes / (last.ingest / first.ingest),
    unit: '',
    goal: '< 1 (bounded)',
    met: last.writes / first.writes < last.ingest / first.ingest,
  });
  for (const mode of ['direct', 'queue']) {
    const { accepted, stored, rolled } = results[mode];
    rows.push({
      name: `${mode} mode: answers accepted − stored (rollup ${rolled})`,
      value: accepted - stored,
      unit: 'answers',
      goal: '0 lost, 0 doubled',
      met: accepted === stored && stored === rolled,
    });
  }
  return rows;
}
