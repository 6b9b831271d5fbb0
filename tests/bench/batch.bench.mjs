// The server-side door against the browser's: rows/s that POST /v1/batch (secret key, 1,000
// answers per request, its cap) stores, against POST /v1/collect at 100 answers and at its
// own cap of 500, on one workerd collector at 4 connections (a few backend workers; a request
// of 1,000 rows takes seconds, so phases are long enough for many to finish), measured in
// turns so the machine's drifting load falls on all of them alike.
import { join } from 'node:path';
import { combine, load } from './load.mjs';
import { answer, bundle, bundleDir, collectRequest, createSite, startWorker } from './workerd.mjs';

const ROUNDS = 2;
const PHASE = { connections: 4, warmupMs: 2000, durationMs: 8000 };

export default async function batch({ root, log }) {
  const out = await bundleDir();
  const collector = await startWorker({
    root,
    scriptPath: await bundle(root, 'worker/src/index.ts', join(out, 'collector.mjs')),
  });
  const runs = { collect100: [], collect500: [], batch1000: [] };
  let stored;
  try {
    const site = await createSite(collector.url);
    let next = 0;
    const answers = (n) => Array.from({ length: n }, () => answer(next++));
    const batchRequest = (n) => ({
      method: 'POST',
      headers: { Authorization: `Bearer ${site.secretKey}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ answers: answers(n) }),
    });
    const collectUrl = `${collector.url}/v1/collect`;
    for (let round = 0; round < ROUNDS; round++) {
      runs.collect100.push(
        await load({ ...PHASE, url: collectUrl, make: () => collectRequest(site.publicKey, answers(100)) }),
      );
      runs.collect500.push(
        await load({ ...PHASE, url: collectUrl, make: () => collectRequest(site.publicKey, answers(500)) }),
      );
      runs.batch1000.push(await load({ ...PHASE, url: `${collector.url}/v1/batch`, make: () => batchRequest(1000) }));
      log(
        `round ${round + 1}: collect×100 ${Math.round(runs.collect100.at(-1).perSecond * 100)} rows/s, ` +
          `collect×500 ${Math.round(runs.collect500.at(-1).perSecond * 500)} rows/s, ` +
          `batch×1000 ${Math.round(runs.batch1000.at(-1).perSecond * 1000)} rows/s`,
      );
    }
    stored = await collector.db.prepare('SELECT COUNT(*) AS n FROM answers').first('n');
  } finally {
    await collector.stop();
  }
  const collect100 = combine(runs.collect100);
  const collect500 = combine(runs.collect500);
  const batch1000 = combine(runs.batch1000);
  if (collect100.failed + collect500.failed + batch1000.failed > 0)
    throw new Error('some requests failed; the figures are void');
  log(`answers stored: ${stored}`);
  const collectRows = collect500.perSecond * 500;
  return [
    { name: 'POST /v1/collect, 100 answers', value: collect100.perSecond * 100, unit: 'rows/s' },
    { name: 'POST /v1/collect, 500 answers (its cap)', value: collectRows, unit: 'rows/s' },
    {
      name: 'POST /v1/batch, 1,000 answers (its cap)',
      value: batch1000.perSecond * 1000,
      unit: 'rows/s',
      baseline: { name: 'collect ×500 rows/s', value: collectRows },
    },
    { name: 'POST /v1/batch, 1,000 answers: p50', value: batch1000.p50, unit: 'ms' },
    { name: 'POST /v1/batch, 1,000 answers: p99', value: batch1000.p99, unit: 'ms' },
  ];
}
