// Runs Heard's Worker on workerd through Miniflare's API directly (no wrangler dev proxy):
// bundles it with esbuild, starts it on loopback with an in-memory D1, applies the migrations.
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { Miniflare } from 'miniflare';
import { stopOnExit } from '../../scripts/stack.mjs';

export const ADMIN_TOKEN = 'bench-admin-token';
export const ORIGIN = 'https://bench.example.com';

/** A temporary directory for bundles, removed when the bench process exits. */
export async function bundleDir() {
  const dir = await mkdtemp(join(tmpdir(), 'heard-bench-'));
  process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** `@heard/core` and each of its subpath exports (`@heard/core/constants`, …) to their source. */
export function coreAliases(root) {
  const { exports } = JSON.parse(readFileSync(join(root, 'sdk-core/package.json'), 'utf8'));
  return Object.fromEntries(
    Object.entries(exports).map(([path, target]) => [
      path === '.' ? '@heard/core' : `@heard/core/${path.slice(2)}`,
      join(root, 'sdk-core', target.source),
    ]),
  );
}

/** Bundles a Worker entry (TypeScript) the way wrangler.jsonc does, into one ES module. */
export async function bundle(root, entry, outfile) {
  await build({
    entryPoints: [join(root, entry)],
    outfile,
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    target: 'es2022',
    mainFields: ['module', 'main'],
    conditions: ['workerd', 'worker', 'source', 'import'],
    alias: coreAliases(root),
    // Bench fixtures import hono as the Worker does, from the Worker's own dependencies.
    nodePaths: [join(root, 'worker/node_modules')],
    logLevel: 'warning',
  });
  return outfile;
}

/** Splits a migration into statements; a trigger's body (BEGIN … END;) stays whole. */
export function statements(sql) {
  const out = [];
  let current = [];
  let inTrigger = false;
  for (const raw of sql.split('\n')) {
    const line = raw.replace(/--.*$/, '').trimEnd();
    if (!line.trim()) continue;
    if (current.length === 0) inTrigger = /^\s*CREATE\s+TRIGGER/i.test(line);
    current.push(line);
    const done = inTrigger ? /^\s*END;\s*$/i.test(line) : line.endsWith(';');
    if (done) {
      out.push(current.join('\n'));
      current = [];
    }
  }
  return out;
}

/** Applies worker/migrations/*.sql in order. */
export async function migrate(root, db) {
  const dir = join(root, 'worker/migrations');
  for (const file of (await readdir(dir)).filter((f) => f.endsWith('.sql')).sort()) {
    for (const sql of statements(await readFile(join(dir, file), 'utf8'))) await db.prepare(sql).run();
  }
}

/**
 * Starts a Worker script on loopback with an in-memory D1 (migrated) and, with `queue`, an
 * INGEST_QUEUE consumed by the same Worker.
 * D1 lives on tmpfs (/dev/shm) unless `disk`: the figures are then the code's cost, not this
 * machine's fsync, which says nothing about D1's own durable commits.
 * @param {{ root: string, scriptPath: string, queue?: { maxBatchSize?: number, maxBatchTimeout?: number }, bindings?: Record<string, string>, d1?: boolean, disk?: boolean }} options
 */
export async function startWorker({ root, scriptPath, queue, bindings = {}, d1 = true, disk = false }) {
  const storage = await mkdtemp(join(!disk && existsSync('/dev/shm') ? '/dev/shm' : tmpdir(), 'heard-bench-'));
  const env = Object.fromEntries(
    Object.entries({ ADMIN_TOKEN, ...bindings }).map(([name, value]) => [name, { type: 'text', value }]),
  );
  if (d1) env.DB = { type: 'd1', id: 'heard-bench' };
  if (queue) env.INGEST_QUEUE = { type: 'queue', name: 'heard-ingest' };
  const mf = new Miniflare({
    host: '127.0.0.1',
    port: 0,
    workers: [
      {
        config: {
          name: 'heard',
          compatibilityDate: '2026-11-01',
          manifest: {
            mainModule: 'worker.mjs',
            modules: { 'worker.mjs': { type: 'esm', contents: await readFile(scriptPath, 'utf8') } },
          },
          env,
          triggers: queue
            ? [{ type: 'queue', name: 'heard-ingest', maxBatchSize: 100, maxBatchTimeout: 1, maxRetries: 3, ...queue }]
            : [],
        },
        // A socket straight to the Worker, skipping Miniflare's entry service (as in production).
        dev: { unsafeDirectSockets: [{ host: '127.0.0.1', port: 0 }] },
      },
    ],
    logRequests: false,
    resourcePersistencePath: storage,
  });
  // workerd also ends when this process does (its control pipe closes); a signal stops it first.
  const forget = stopOnExit({ stop: () => mf.dispose(), kill: () => void mf.dispose() });
  await mf.ready;
  const url = (await mf.unsafeGetDirectURL('heard')).toString().replace(/\/$/, '');
  const db = d1 ? await mf.getD1Database('DB') : undefined;
  if (db) await migrate(root, db);
  const stop = async () => {
    await mf.dispose();
    forget();
    await rm(storage, { recursive: true, force: true });
  };
  return { mf, url, db, stop };
}

/** Creates a site through the API, as an operator would. */
export async function createSite(url, origins = [ORIGIN]) {
  const response = await fetch(`${url}/v1/sites`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${ADMIN_TOKEN}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ name: 'bench', origins }),
  });
  if (response.status !== 201) throw new Error(`site: ${response.status} ${await response.text()}`);
  return response.json();
}

/** A realistic NPS answer: ids unique per call, a comment on one in five. */
export function answer(i, now = Date.now()) {
  return {
    id: crypto.randomUUID(),
    kind: 'nps',
    score: i % 11,
    scale: [0, 10],
    anonymousId: `anon-${i % 5000}`,
    traits: { plan: i % 3 ? 'pro' : 'free', country: 'DE' },
    props: { page: '/settings' },
    url: 'https://app.example.com/settings',
    locale: 'en',
    ...(i % 5 === 0 ? { comment: 'Fast and simple, but I miss an export to CSV.' } : {}),
    ts: now - 1000,
  };
}

/** A realistic product event: ids unique per call, one of 20 names, 5,000 users, small props. */
export function productEvent(i, now = Date.now()) {
  return {
    id: crypto.randomUUID(),
    name: `feature_${i % 20}_used`,
    userId: `user-${i % 5000}`,
    props: { page: '/projects/42/board', plan: i % 3 ? 'pro' : 'free' },
    ts: now - 1000,
  };
}

/** The POST /v1/collect request a widget sends for `answers`. */
export function collectRequest(publicKey, answers) {
  return {
    method: 'POST',
    headers: { 'Content-Type': 'text/plain;charset=UTF-8', Origin: ORIGIN },
    body: JSON.stringify({ site: publicKey, answers }),
  };
}
