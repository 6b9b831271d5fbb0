// Collect on a cold cache (issue 25): a burst of concurrent first collects for a public key the
// isolate has not looked up yet, as after a deploy when every isolate is new and every key a
// miss, against the same burst once the key is cached. Each request that misses reads the site
// from D1 itself (none waits on another request's lookup), so the cold burst pays one lookup
// per request that arrives before the first lookup lands.
import { join } from 'node:path';
import { answer, bundle, bundleDir, collectRequest, createSite, startWorker } from './workerd.mjs';

const ROUNDS = 10;
const BURST = 100;

/** Sends `count` collects at once; answers their wall time in ms, or throws if any failed. */
async function burst(url, publicKey, count, next) {
  const started = performance.now();
  const statuses = await Promise.all(
    Array.from({ length: count }, async () => {
      const response = await fetch(url, collectRequest(publicKey, [answer(next())]));
      await response.arrayBuffer();
      return response.status;
    }),
  );
  const failed = statuses.filter((status) => status !== 200).length;
  if (failed > 0) throw new Error(`${failed} of ${count} collects failed; the figures are void`);
  return performance.now() - started;
}

export default async function cold({ root, log }) {
  const out = await bundleDir();
  const collector = await startWorker({
    root,
    scriptPath: await bundle(root, 'worker/src/index.ts', join(out, 'collector.mjs')),
  });
  const ms = { cold: 0, warm: 0 };
  let n = 0;
  const next = () => n++;
  try {
    const url = `${collector.url}/v1/collect`;
    // Warm up the isolate itself (code, zod, D1 connection) on a key of its own.
    const warmup = await createSite(collector.url);
    await burst(url, warmup.publicKey, BURST, next);
    for (let round = 0; round < ROUNDS; round++) {
      const site = await createSite(collector.url);
      const coldMs = await burst(url, site.publicKey, BURST, next);
      const warmMs = await burst(url, site.publicKey, BURST, next);
      ms.cold += coldMs;
      ms.warm += warmMs;
      log(
        `round ${round + 1}: ${BURST} first collects of a new key in ${Math.round(coldMs)} ms, ` +
          `${BURST} more once cached in ${Math.round(warmMs)} ms`,
      );
    }
  } finally {
    await collector.stop();
  }
  const perSecond = (total) => ((ROUNDS * BURST) / total) * 1000;
  const warm = perSecond(ms.warm);
  return [
    { name: `POST /v1/collect, ${BURST} concurrent, key cached`, value: warm, unit: 'req/s' },
    {
      name: `POST /v1/collect, ${BURST} concurrent first requests of a new key`,
      value: perSecond(ms.cold),
      unit: 'req/s',
      baseline: { name: 'key cached', value: warm },
    },
  ];
}
