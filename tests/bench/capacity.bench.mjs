// The figures docs/scaling.md's capacity math starts from, measured on local D1 (workerd's
// SQLite) without HTTP or validation in the way: bytes per stored answer (row, index and
// rollup, from D1's own size_after), the fixed cost of one D1 call, and writes per second
// with 1 and with 100 answers per write.
import { join } from 'node:path';
import { answer, bundle, bundleDir, createSite, startWorker } from './workerd.mjs';

const SIZE_SAMPLE = 10_000;
const RATE_SAMPLE = 1_000;

export default async function capacity({ root, log }) {
  const out = await bundleDir();
  const scriptPath = await bundle(root, 'tests/bench/fixtures/bench-worker.ts', join(out, 'bench-worker.mjs'));
  const worker = await startWorker({ root, scriptPath });
  try {
    const site = await createSite(worker.url);
    let next = 0;
    const write = async (count, perWrite) => {
      const answers = Array.from({ length: count }, () => answer(next++));
      const response = await fetch(`${worker.url}/__bench/write`, {
        method: 'POST',
        body: JSON.stringify({ siteId: site.id, answers, perWrite }),
      });
      if (!response.ok) throw new Error(`write: ${response.status} ${await response.text()}`);
      return response.json();
    };
    // Warm up (and fill the first pages), so the size sample measures growth only.
    const before = await write(1000, 100);
    const filled = await write(SIZE_SAMPLE, 100);
    const bytesPerAnswer = (filled.sizeAfter - before.sizeAfter) / SIZE_SAMPLE;
    log(`size ${before.sizeAfter} → ${filled.sizeAfter} bytes for ${SIZE_SAMPLE} answers`);

    const { ms: roundTripMs } = await (await fetch(`${worker.url}/__bench/roundtrip`)).json();
    const single = await write(RATE_SAMPLE, 1);
    const batched = await write(RATE_SAMPLE * 5, 100);
    const singleRate = (RATE_SAMPLE / single.ms) * 1000;
    const batchedRows = ((RATE_SAMPLE * 5) / batched.ms) * 1000;
    log(
      `1 per write: ${single.ms.toFixed(0)} ms for ${RATE_SAMPLE}; 100 per write: ${batched.ms.toFixed(0)} ms for ${RATE_SAMPLE * 5}`,
    );
    return [
      { name: 'bytes per answer (row + index + rollup, 1 in 5 with a comment)', value: bytesPerAnswer, unit: 'B' },
      { name: 'answers per 10 GB database', value: 10e9 / bytesPerAnswer, unit: 'answers' },
      { name: 'local D1: one round trip (SELECT 1), mean', value: roundTripMs, unit: 'ms' },
      { name: 'local D1: writes/s, 1 answer per write', value: singleRate, unit: 'writes/s' },
      {
        name: 'local D1: answers/s, 100 answers per write',
        value: batchedRows,
        unit: 'rows/s',
        baseline: { name: '1 per write', value: singleRate },
      },
      { name: 'local D1: writes/s, 100 answers per write', value: batchedRows / 100, unit: 'writes/s' },
    ];
  } finally {
    await worker.stop();
  }
}
