import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { inject } from 'vitest';
import type { TestProject } from 'vitest/node';
import { createSite, freePort, primaryD1File, root, startCollector } from '../../scripts/stack.mjs';

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

/** Has the site store every event raw (`events.store: 'all'`), for tests that read events' props. */
export async function storeEveryEvent(site: { secretKey: string }): Promise<void> {
  const response = await fetch(`${inject('collector').url}/v1/settings`, {
    method: 'PATCH',
    headers: { Authorization: `Bearer ${site.secretKey}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ events: { store: 'all' } }),
  });
  if (!response.ok) throw new Error(`settings: ${response.status} ${await response.text()}`);
}

/**
 * Runs one read-only SQL statement on the collector's local D1, opening its SQLite file
 * read-only: what the collector holds, counted without going through the code under test.
 */
export function queryD1<T = Record<string, unknown>>(sql: string, ...params: (string | number)[]): T[] {
  const db = new DatabaseSync(primaryD1File(inject('collector').persistTo), { readOnly: true });
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
}

/**
 * Events a site holds and their distinct ids: equal when nothing was stored twice. An event is
 * stored raw (`events`) or, for names no metric reads, only counted (its id in `event_ids`); both
 * add one to `event_counts` (per day and name), so `rows` is the counts' total.
 */
export function eventCounts(siteId: string) {
  return queryD1<{ rows: number; ids: number }>(
    `SELECT (SELECT coalesce(sum(n), 0) FROM event_counts WHERE site_id = ?1) AS rows,
            (SELECT COUNT(DISTINCT id) FROM (SELECT id FROM events WHERE site_id = ?1
                                              UNION ALL SELECT id FROM event_ids WHERE site_id = ?1)) AS ids`,
    siteId,
  )[0] as { rows: number; ids: number };
}
