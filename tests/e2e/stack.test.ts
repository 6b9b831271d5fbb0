import { type ChildProcessByStdio, spawn } from 'node:child_process';
import { once } from 'node:events';
import { readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { constants } from 'node:os';
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { procStat } from '../../scripts/stack.mjs';
import type { Stack } from '../stack';

interface Process {
  pid: number;
  name: string;
  /** Its start time: a later process given the same pid is another one. */
  started: string;
}

/** Every process descended from `pid`, with its command name. */
function descendants(pid: number): Process[] {
  const children = new Map<number, Process[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = procStat(Number(entry));
    if (!stat || stat.state === 'Z') continue;
    let name = '';
    try {
      name = readFileSync(`/proc/${entry}/comm`, 'utf8').trim();
    } catch {}
    children.set(stat.ppid, [...(children.get(stat.ppid) ?? []), { pid: Number(entry), name, started: stat.started }]);
  }
  const found: Process[] = [];
  const queue = [...(children.get(pid) ?? [])];
  for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
    found.push(next);
    queue.push(...(children.get(next.pid) ?? []));
  }
  return found;
}

/** Whether a process is still there and not a zombie. */
const alive = (running: Process) => {
  const stat = procStat(running.pid);
  return stat !== undefined && stat.state !== 'Z' && stat.started === running.started;
};

/** Whether nothing listens on a loopback port: this process can take it. */
function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer()
      .once('error', () => resolve(false))
      .listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/** Starts the browser tests' stack in a child process and waits until it has printed its URLs. */
async function startStackProcess(): Promise<{
  child: ChildProcessByStdio<Writable, Readable, null>;
  pid: number;
  stack: Stack;
}> {
  const child = spawn(process.execPath, [fileURLToPath(new URL('../stack-process.mjs', import.meta.url))], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const exited = once(child, 'exit').then(
    ([code]) => new Error(`the stack process exited (${code}) before it was ready`),
  );
  if (child.pid === undefined) throw new Error('the stack process did not start');
  const lines = createInterface({ input: child.stdout });
  const ready = once(lines, 'line').then(([line]) => JSON.parse(line) as Stack);
  const first = await Promise.race([ready, exited]);
  if (first instanceof Error) throw first;
  return { child, pid: child.pid, stack: first };
}

const port = (url: string) => Number(new URL(url).port);

describe('the local stack', () => {
  for (const how of ['SIGTERM', 'SIGINT', 'exit'] as const) {
    it(`stops whole on ${how}: both ports free and no workerd left`, { timeout: 180_000 }, async () => {
      const { child, pid, stack } = await startStackProcess();
      let started = descendants(pid);
      try {
        expect(await portIsFree(port(stack.collector))).toBe(false);
        expect(await portIsFree(port(stack.demo))).toBe(false);
        // Once seen running: wrangler may be between two workerd processes when the stack is ready.
        await expect
          .poll(() => descendants(pid).map((p) => p.name), {
            timeout: 20_000,
            message: 'the collector runs in workerd',
          })
          .toContain('workerd');
        started = descendants(pid);

        const exit = once(child, 'exit');
        if (how === 'exit') child.stdin.write('exit\n');
        else child.kill(how);
        const [code, signal] = await exit;
        expect(await portIsFree(port(stack.collector)), 'the collector port').toBe(true);
        expect(await portIsFree(port(stack.demo)), 'the demo port').toBe(true);
        expect(started.filter(alive)).toEqual([]);
        // A signal ends the process as the signal would have: 128 + its number, as a shell reports it.
        expect({ code, signal }).toEqual({ code: how === 'exit' ? 0 : 128 + constants.signals[how], signal: null });
      } finally {
        // Whatever failed, nothing of this test outlives it.
        if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
        for (const { pid } of started.filter(alive)) process.kill(pid, 'SIGKILL');
      }
    });
  }
});
