// Starts Heard's local stack — the real collector in workerd through `wrangler dev`, with
// its local D1, and the demo app — for `pnpm dev`, the browser tests and the benchmarks.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { constants } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
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

/**
 * Runs a command to completion, failing with its output. It gets a process group of its own,
 * stopped whole if this process is: `wrangler` is a launcher whose real work runs in a second
 * Node process, which outlives the launcher when only the launcher is killed.
 */
function run(command, args, options) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      ...options,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: process.platform !== 'win32',
    });
    const forget = stopOnExit({ stop: () => stopGroup(child), kill: () => killGroup(child) });
    child.on('exit', forget);
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 ? resolve(output) : reject(new Error(`${command} ${args.join(' ')}:\n${output}`)),
    );
  });
}

/**
 * Waits until a URL answers 200 (and `until()`, when given, holds).
 * @param {string} url
 * @param {{ timeoutMs?: number, child?: import('node:child_process').ChildProcess, until?: () => boolean }} [options]
 */
export async function waitFor(url, { timeoutMs = 60_000, child, until = () => true } = {}) {
  const start = Date.now();
  for (;;) {
    if (child && child.exitCode !== null) throw new Error(`${url}: the server exited with ${child.exitCode}`);
    try {
      const response = await fetch(url);
      if (response.ok && until()) return;
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
  // Both databases of wrangler.jsonc (a site can be moved to DB_2) get the migrations.
  for (const binding of ['DB', 'DB_2']) {
    await run(wrangler, ['d1', 'migrations', 'apply', binding, '--local', ...persist], {
      cwd: workerDir,
      env: quietEnv,
    });
  }
  const varArgs = Object.entries(vars).flatMap(([k, v]) => ['--var', `${k}:${v}`]);
  // wrangler and its workerd processes get a process group of their own, so that stopping it
  // reaches all of them, and so that it is this process, not a terminal's Ctrl-C, that stops them.
  const child = spawn(
    wrangler,
    // --test-scheduled: the browser tests fire the cron with GET /__scheduled?cron=…&time=….
    [
      'dev',
      '--ip',
      '127.0.0.1',
      '--port',
      String(port),
      '--inspector-port',
      '0',
      '--test-scheduled',
      ...persist,
      ...varArgs,
    ],
    { cwd: workerDir, env: quietEnv, stdio: ['ignore', 'pipe', 'pipe'], detached: process.platform !== 'win32' },
  );
  const collector = { stop: () => stopGroup(child), kill: () => killGroup(child) };
  const forget = stopOnExit(collector);
  let output = '';
  const collect = (d) => {
    output += d;
    for (const line of String(d).split('\n')) if (line.trim()) log?.(line);
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  const url = `http://127.0.0.1:${port}`;
  try {
    // Only wrangler's own word says the port is its: another process may have taken the port
    // between freePort() and wrangler's bind, and would answer /healthz just as well.
    await waitFor(`${url}/healthz`, { child, until: () => output.includes(`Ready on ${url}`) });
  } catch (error) {
    await collector.stop();
    forget();
    throw new Error(`${error.message}\n${output}`);
  }
  return {
    url,
    child,
    /** Stops the collector and its workerd processes; resolves once none of them is left. */
    stop: async () => {
      await collector.stop();
      forget();
    },
  };
}

/** What this process started and has not stopped yet. */
const running = new Set();
let signalled = false;

/**
 * Stops `part` when this process is asked to stop (SIGINT, SIGTERM, SIGHUP) or exits. On a
 * signal every part's `stop` runs and the process then exits as the signal would have ended
 * it; at exit, where nothing asynchronous runs, each part's `kill`. Returns a function that
 * forgets the part (once it has stopped by other means).
 * @param {{ stop: () => Promise<unknown>, kill: () => void }} part
 */
export function stopOnExit(part) {
  if (running.size === 0) {
    for (const signal of SIGNALS) process.on(signal, onSignal);
    process.on('exit', onExit);
  }
  running.add(part);
  return () => {
    running.delete(part);
    if (running.size > 0 || signalled) return;
    for (const signal of SIGNALS) process.off(signal, onSignal);
    process.off('exit', onExit);
  };
}

const SIGNALS = /** @type {const} */ (['SIGINT', 'SIGTERM', 'SIGHUP']);

/** @param {NodeJS.Signals} signal */
function onSignal(signal) {
  const code = 128 + constants.signals[signal];
  // A second signal while stopping: stop waiting.
  if (signalled) process.exit(code);
  signalled = true;
  Promise.allSettled([...running].map((part) => part.stop())).finally(() => process.exit(code));
}

function onExit() {
  for (const part of running) part.kill();
}

/** @param {import('node:child_process').ChildProcess} child @param {NodeJS.Signals} signal */
function signalGroup(child, signal) {
  try {
    if (process.platform === 'win32') child.kill(signal);
    else process.kill(-(/** @type {number} */ (child.pid)), signal);
  } catch {}
}

/**
 * Stops wrangler dev and its workerd processes: SIGINT, which it answers as it does Ctrl-C
 * (it has ignored SIGTERM, leaving a collector holding its port), then SIGKILL for what is
 * left after a grace period. Resolves once no process of the group is left.
 * @param {import('node:child_process').ChildProcess} child
 */
async function stopGroup(child, graceMs = 5000) {
  if (child.pid === undefined) return;
  signalGroup(child, 'SIGINT');
  if (await groupGone(child, graceMs)) return;
  signalGroup(child, 'SIGKILL');
  if (!(await groupGone(child, graceMs))) throw new Error(`the collector (process group ${child.pid}) did not stop`);
}

/**
 * At exit, where nothing asynchronous runs: SIGKILL to the group, then a blocking wait (up
 * to 2 s) until none of it is left, so that its ports are free when this process has exited.
 * @param {import('node:child_process').ChildProcess} child
 */
function killGroup(child) {
  if (child.pid === undefined) return;
  signalGroup(child, 'SIGKILL');
  const sleeper = new Int32Array(new SharedArrayBuffer(4));
  for (let waited = 0; waited < 2000 && groupMembers(child.pid).length > 0; waited += 10)
    Atomics.wait(sleeper, 0, 0, 10);
}

/** Waits until no live process of `child`'s group is left (zombies hold no port). */
async function groupGone(child, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      if (groupMembers(/** @type {number} */ (child.pid)).length === 0) return true;
    }
    if (Date.now() > deadline) return false;
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * The live (not zombie) processes of a process group, from /proc. Where there is no /proc
 * (macOS), whether the group's leader is alive.
 * @param {number} pgid
 * @returns {number[]}
 */
export function groupMembers(pgid) {
  let pids;
  try {
    pids = readdirSync('/proc').filter((name) => /^\d+$/.test(name));
  } catch {
    try {
      process.kill(-pgid, 0);
      return [pgid];
    } catch {
      return [];
    }
  }
  return pids.map(Number).filter((pid) => {
    const stat = procStat(pid);
    return stat !== undefined && stat.pgid === pgid && stat.state !== 'Z';
  });
}

/**
 * A process's state, parent, process group and start time (which tells a process from a later
 * one given the same pid), from /proc/<pid>/stat.
 * @param {number} pid
 */
export function procStat(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name, in parentheses, may hold spaces and parentheses: fields follow the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const [state, ppid, pgid] = fields;
    return { state, ppid: Number(ppid), pgid: Number(pgid), started: fields[19] ?? '' };
  } catch {
    return undefined;
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

/**
 * The primary D1 database's SQLite file under a `wrangler dev --persist-to` folder: the stack has
 * two databases (DB, DB_2), and the primary is the one that holds the secret keys. For tests that
 * read what the collector stored without going through the code under test.
 * @param {string} persistTo
 * @returns {string}
 */
export function primaryD1File(persistTo) {
  const dir = join(persistTo, 'v3', 'd1', 'miniflare-D1DatabaseObject');
  const files = readdirSync(dir).filter((name) => name.endsWith('.sqlite') && name !== 'metadata.sqlite');
  const file = files.find((name) => {
    const probe = new DatabaseSync(join(dir, name), { readOnly: true });
    try {
      return /** @type {{ n: number }} */ (probe.prepare('SELECT COUNT(*) AS n FROM secret_keys').get()).n > 0;
    } catch {
      return false;
    } finally {
      probe.close();
    }
  });
  if (!file) throw new Error(`no primary D1 database under ${dir}`);
  return join(dir, file);
}
