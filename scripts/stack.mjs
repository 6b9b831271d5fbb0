// Starts Heard's local stack — the real collector in workerd through `wrangler dev`, with
// its local D1, and the demo app — for `pnpm dev`, the browser tests and the benchmarks.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('..', import.meta.url));
const workerDir = `${root}worker`;
const wrangler = `${root}worker/node_modules/.bin/wrangler`;
const quietEnv = { ...process.env, WRANGLER_SEND_METRICS: 'false', NO_COLOR: '1', CI: 'true' };

/** A free TCP port on loopback. */
export async function freePort() {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
  server.close();
  return port;
}

/** Runs a command to completion, failing with its output. */
function run(command, args, options) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 ? resolve(output) : reject(new Error(`${command} ${args.join(' ')}:\n${output}`)),
    );
  });
}

/** Waits until a URL answers 200. */
export async function waitFor(url, { timeoutMs = 60_000, child } = {}) {
  const start = Date.now();
  for (;;) {
    if (child && child.exitCode !== null) throw new Error(`${url}: the server exited with ${child.exitCode}`);
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch {}
    if (Date.now() - start > timeoutMs) throw new Error(`${url} did not answer within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/**
 * Applies the D1 migrations to a local database and starts the collector on it.
 * @param {{ port: number, persistTo?: string, log?: (line: string) => void, vars?: Record<string, string> }} options
 */
export async function startCollector({ port, persistTo, log, vars = {} }) {
  const persist = persistTo ? ['--persist-to', persistTo] : [];
  await run(wrangler, ['d1', 'migrations', 'apply', 'DB', '--local', ...persist], { cwd: workerDir, env: quietEnv });
  const varArgs = Object.entries(vars).flatMap(([k, v]) => ['--var', `${k}:${v}`]);
  const child = spawn(
    wrangler,
    ['dev', '--ip', '127.0.0.1', '--port', String(port), '--inspector-port', '0', ...persist, ...varArgs],
    { cwd: workerDir, env: quietEnv, stdio: ['ignore', 'pipe', 'pipe'], detached: process.platform !== 'win32' },
  );
  let output = '';
  const collect = (d) => {
    output += d;
    for (const line of String(d).split('\n')) if (line.trim()) log?.(line);
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitFor(`${url}/healthz`, { child });
  } catch (error) {
    stop(child);
    throw new Error(`${error.message}\n${output}`);
  }
  return { url, child, stop: () => stop(child) };
}

function stop(child) {
  if (child.exitCode !== null) return;
  try {
    process.kill(-child.pid, 'SIGTERM');
  } catch {
    child.kill('SIGTERM');
  }
}

/** Creates a site through the collector's admin API. */
export async function createSite(url, adminToken, name, origins) {
  const response = await fetch(`${url}/v1/sites`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${adminToken}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ name, origins }),
  });
  if (response.status !== 201) throw new Error(`creating a site: ${response.status} ${await response.text()}`);
  return response.json();
}
