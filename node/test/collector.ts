import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { inject } from 'vitest';
import type { TestProject } from 'vitest/node';
import { createSite, freePort, root, startCollector } from '../../scripts/stack.mjs';

/** The real collector the SDK's tests talk to: `wrangler dev` on a free port with a fresh local D1. */
export interface Collector {
  url: string;
  adminToken: string;
  persistTo: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    collector: Collector;
  }
}

/** vitest globalSetup: builds the SDK (tests use the built files too) and starts one collector. */
export default async function setup(project: TestProject) {
  execFileSync(process.execPath, [join(root, 'node/build.mjs')], { stdio: 'inherit' });
  const persistTo = await mkdtemp(join(tmpdir(), 'heard-node-d1-'));
  const collector = await startCollector({ port: await freePort(), persistTo });
  const adminToken = /^ADMIN_TOKEN=(.*)$/m.exec(await readFile(`${root}worker/.dev.vars`, 'utf8'))?.[1]?.trim() ?? '';
  project.provide('collector', { url: collector.url, adminToken, persistTo });
  return () => collector.stop();
}

/** A new site on the test collector: `{ id, publicKey, secretKey }`. */
export function newSite(name = 'node sdk'): Promise<{ id: string; publicKey: string; secretKey: string }> {
  const { url, adminToken } = inject('collector');
  return createSite(url, adminToken, name, []);
}

/**
 * Runs one read-only SQL statement on the collector's local D1, opening its SQLite file
 * read-only: what the collector holds, counted without going through the code under test.
 */
export function queryD1<T = Record<string, unknown>>(sql: string, ...params: (string | number)[]): T[] {
  const dir = join(inject('collector').persistTo, 'v3', 'd1', 'miniflare-D1DatabaseObject');
  const file = readdirSync(dir).find((name) => name.endsWith('.sqlite') && name !== 'metadata.sqlite');
  if (!file) throw new Error(`no D1 database under ${dir}`);
  const db = new DatabaseSync(join(dir, file), { readOnly: true });
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
}

/** Rows and distinct ids of a site's events: equal when nothing was stored twice. */
export function eventCounts(siteId: string) {
  return queryD1<{ rows: number; ids: number }>(
    'SELECT COUNT(*) AS rows, COUNT(DISTINCT id) AS ids FROM events WHERE site_id = ?',
    siteId,
  )[0] as { rows: number; ids: number };
}
