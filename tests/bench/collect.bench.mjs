// Collector throughput on workerd (Miniflare's API, a direct socket, no wrangler proxy) at
// 10 connections: a bare Hono route, the same route with one D1 call, the same route writing
// one answer row through the collector's schema (the physical floor of storing an answer, the
// baseline of the goal), POST /v1/collect with one answer and with 100. They are measured in
// turns, several rounds, so the machine's drifting load falls on all of them alike. The goal of
// one answer ÷ the floor is judged on the median of the rounds' ratios (each round measures the
// two back to back), which one round's burst of load on this shared machine cannot move; the
// req/s rows are every round's requests over their time, as before.
import { join } from 'node:path';
import { combine, load } from './load.mjs';
import { answer, bundle, bundleDir, collectRequest, createSite, startWorker } from './workerd.mjs';

const ROUNDS = 8;
const PHASE = { connections: 10, warmupMs: 300, durationMs: 1500 };

export default async function collect({ root, log }) {
  const out = await bundleDir();
  const bare = await startWorker({
    root,
    scriptPath: await bundle(root, 'tests/bench/fixtures/baseline.ts', join(out, 'baseline.mjs')),
    d1: false,
  });
  const floor = await startWorker({
    root,
    scriptPath: await bundle(root, 'tests/bench/fixtures/d1-floor.ts', join(out, 'd1-floor.mjs')),
  });
  const answerFloor = await startWorker({
    root,
    scriptPath: await bundle(root, 'tests/bench/fixtures/answer-floor.ts', join(out, 'answer-floor.mjs')),
  });
  await answerFloor.db
    .prepare("INSERT INTO sites (id, name, public_key, created_at) VALUES ('floor-site', 'floor', 'pk_floor', 0)")
    .run();
  const collector = await startWorker({
    root,
    scriptPath: await bundle(root, 'worker/src/index.ts', join(out, 'collector.mjs')),
  });
  const runs = { baseline: [], floor: [], answerFloor: [], one: [], hundred: [] };
  let stored;
  try {
    const site = await createSite(collector.url);
    const url = `${collector.url}/v1/collect`;
    let next = 0;
    for (let round = 0; round < ROUNDS; round++) {
      runs.baseline.push(
        await load({ ...PHASE, url: `${bare.url}/`, make: () => collectRequest('pk_x', [answer(0)]) }),
      );
      runs.floor.push(await load({ ...PHASE, url: `${floor.url}/`, make: () => collectRequest('pk_x', [answer(0)]) }));
      runs.answerFloor.push(
        await load({ ...PHASE, url: `${answerFloor.url}/`, make: () => collectRequest('pk_floor', [answer(next++)]) }),
      );
      runs.one.push(await load({ ...PHASE, url, make: () => collectRequest(site.publicKey, [answer(next++)]) }));
      runs.hundred.push(
        await load({
          ...PHASE,
          url,
          make: () =>
            collectRequest(
              site.publicKey,
              Array.from({ length: 100 }, () => answer(next++)),
            ),
        }),
      );
      log(
        `round ${round + 1}: bare ${Math.round(runs.baseline.at(-1).perSecond)} req/s, ` +
          `bare + 1 D1 call ${Math.round(runs.floor.at(-1).perSecond)} req/s, ` +
          `bare + 1 answer row ${Math.round(runs.answerFloor.at(-1).perSecond)} req/s, ` +
          `1 answer ${Math.round(runs.one.at(-1).perSecond)} req/s, 100 answers ${Math.round(runs.hundred.at(-1).perSecond)} req/s`,
      );
    }
    stored = await collector.db.prepare('SELECT COUNT(*) AS n FROM answers').first('n');
  } finally {
    await bare.stop();
    await floor.stop();
    await answerFloor.stop();
    await collector.stop();
  }
  const baseline = combine(runs.baseline);
  const d1Floor = combine(runs.floor);
  const rowFloor = combine(runs.answerFloor);
  const one = combine(runs.one);
  const hundred = combine(runs.hundred);
  if (baseline.failed + d1Floor.failed + rowFloor.failed + one.failed + hundred.failed > 0)
    throw new Error('some requests failed; the figures are void');
  log(`answers stored: ${stored}`);

  const rowsRate = hundred.perSecond * 100;
  const ratios = runs.one.map((run, i) => run.perSecond / runs.answerFloor[i].perSecond).sort((a, b) => a - b);
  const medianRatio = (ratios[(ratios.length - 1) >> 1] + ratios[ratios.length >> 1]) / 2;
  log(`1 answer ÷ floor by round: ${ratios.map((r) => r.toFixed(2)).join(' ')}`);
  return [
    { name: 'bare Hono route (baseline)', value: baseline.perSecond, unit: 'req/s' },
    {
      name: 'bare Hono route + one D1 call (SELECT 1)',
      value: d1Floor.perSecond,
      unit: 'req/s',
      baseline: { name: 'bare Hono', value: baseline.perSecond },
    },
    {
      name: 'bare Hono route + one D1 write of one answer row (same schema): the floor',
      value: rowFloor.perSecond,
      unit: 'req/s',
      baseline: { name: 'bare Hono', value: baseline.perSecond },
    },
    {
      name: 'POST /v1/collect, 1 answer',
      value: one.perSecond,
      unit: 'req/s',
      baseline: { name: 'bare + 1 answer row', value: rowFloor.perSecond },
    },
    {
      name: `POST /v1/collect, 1 answer ÷ the floor: median of ${ROUNDS} rounds' ratios`,
      value: medianRatio,
      unit: '×',
      goal: '≥ 0.8×',
      met: medianRatio >= 0.8,
    },
    { name: 'POST /v1/collect, 1 answer: p50', value: one.p50, unit: 'ms' },
    { name: 'POST /v1/collect, 1 answer: p99', value: one.p99, unit: 'ms' },
    {
      name: 'POST /v1/collect, 100 answers',
      value: rowsRate,
      unit: 'rows/s',
      baseline: { name: '1-answer rows/s', value: one.perSecond },
      goal: '≥ 20×',
      met: rowsRate >= 20 * one.perSecond,
    },
    { name: 'POST /v1/collect, 100 answers: p50', value: hundred.p50, unit: 'ms' },
    { name: 'POST /v1/collect, 100 answers: p99', value: hundred.p99, unit: 'ms' },
  ];
}
