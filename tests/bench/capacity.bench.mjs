// The figures docs/scaling.md's capacity math starts from, measured on local D1 (workerd's
// SQLite) without HTTP or validation in the way: bytes per stored answer (row, index and
// rollup, from D1's own size_after), the fixed cost of one D1 call, and writes per second
// with 1 and with 100 answers per write; and bytes per event, stored raw (`events.store: 'all'`,
// or a name a metric reads) and counted only (the id and the per-day count of its name).
import { join } from 'node:path';
import { answer, bundle, bundleDir, createSite, productEvent, startWorker } from './workerd.mjs';

const SIZE_SAMPLE = 10_000;
const RATE_SAMPLE = 1_000;

/** Events a year of a 100,000-MAU product at 20 events a user a day. */
const YEAR_EVENTS = 100_000 * 20 * 365;

export default async function capacity({ root, log }) {
  const out = await bundleDir();
  const scriptPath = await bundle(root, 'tests/bench/fixtures/bench-worker.ts', join(out, 'bench-worker.mjs'));
  const worker = await startWorker({ root, scriptPath });
  try {
    const site = await createSite(worker.url);
    let next = 0;
    const post = async (body) => {
      const response = await fetch(`${worker.url}/__bench/write`, { method: 'POST', body: JSON.stringify(body) });
      if (!response.ok) throw new Error(`write: ${response.status} ${await response.text()}`);
      return response.json();
    };
    const eventBytes = async (counted) => {
      const siteId = (await createSite(worker.url)).id;
      const events = (count) => Array.from({ length: count }, () => productEvent(next++));
      const warm = await post({ siteId, events: events(1000), perWrite: 100, counted });
      const after = await post({ siteId, events: events(SIZE_SAMPLE), perWrite: 100, counted });
      log(`${counted ? 'counted' : 'raw'} events: ${warm.sizeAfter} → ${after.sizeAfter} bytes for ${SIZE_SAMPLE}`);
      return (after.sizeAfter - warm.sizeAfter) / SIZE_SAMPLE;
    };
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

    const bytesPerRawEvent = await eventBytes(false);
    const bytesPerCountedEvent = await eventBytes(true);

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
      { name: 'bytes per event stored raw (row, 5 indexes, milestone, count)', value: bytesPerRawEvent, unit: 'B' },
      {
        name: 'bytes per event counted only (id row + per-day count; events.store metrics)',
        value: bytesPerCountedEvent,
        unit: 'B',
        baseline: { name: 'stored raw', value: bytesPerRawEvent },
      },
      // A year of a 100,000-MAU product sending 20 events a user a day (730 M events), from the
      // two figures above; with `metrics`, one event in twenty named by a metric (stored raw).
      {
        name: 'a year of a 100k-MAU site (20 events a user a day), events.store all',
        value: YEAR_EVENTS * bytesPerRawEvent,
        unit: 'B',
      },
      {
        name: 'the same year, events.store metrics (1 event in 20 read raw)',
        value: YEAR_EVENTS * (bytesPerRawEvent / 20 + (bytesPerCountedEvent * 19) / 20),
        unit: 'B',
        baseline: { name: 'store all', value: YEAR_EVENTS * bytesPerRawEvent },
      },
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
