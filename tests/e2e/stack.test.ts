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

/** Every process descended from `pid`, with its command name. */
function descendants(pid: number): { pid: number; name: string }[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = procStat(Number(entry));
    if (stat && stat.state !== 'Z') children.set(stat.ppid, [...(children.get(stat.ppid) ?? []), Number(entry)]);
  }
  const found: { pid: number; name: string }[] = [];
  const queue = [...(children.get(pid) ?? [])];
  for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
    let name = '';
    try {
      name = readFileSync(`/proc/${next}/comm`, 'utf8').trim();
    } catch {}
    found.push({ pid: next, name });
    queue.push(...(children.get(next) ?? []));
  }
  return found;
}

/** Whether a process is still there and not a zombie. */
const alive = (pid: number) => {
  const stat = procStat(pid);
  return stat !== undefined && stat.state !== 'Z';
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
      const started = descendants(pid);
      const workerd = started.filter((p) => p.name === 'workerd');
      expect(workerd.length, 'the collector runs in workerd').toBeGreaterThan(0);
      expect(await portIsFree(port(stack.collector))).toBe(false);
      expect(await portIsFree(port(stack.demo))).toBe(false);

      const exit = once(child, 'exit');
      if (how === 'exit') child.stdin.write('exit\n');
      else child.kill(how);
      const [code, signal] = await exit;
      try {
        expect(await portIsFree(port(stack.collector)), 'the collector port').toBe(true);
        expect(await portIsFree(port(stack.demo)), 'the demo port').toBe(true);
        expect(started.filter((p) => alive(p.pid))).toEqual([]);
        // A signal ends the process as the signal would have: 128 + its number, as a shell reports it.
        expect({ code, signal }).toEqual({ code: how === 'exit' ? 0 : 128 + constants.signals[how], signal: null });
      } finally {
        for (const { pid } of started.filter((p) => alive(p.pid))) process.kill(pid, 'SIGKILL');
      }
    });
  }
});
