import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { inject } from 'vitest';

/**
 * Runs one read-only SQL statement on the test stack's local D1 by opening its SQLite file
 * read-only (what `wrangler d1 execute --local --persist-to` reads, without a 10 s start-up).
 */
export function queryD1<T = Record<string, unknown>>(sql: string): T[] {
  const dir = join(inject('stack').persistTo, 'v3', 'd1', 'miniflare-D1DatabaseObject');
  const file = readdirSync(dir).find((name) => name.endsWith('.sqlite') && name !== 'metadata.sqlite');
  if (!file) throw new Error(`no D1 database under ${dir}`);
  const db = new DatabaseSync(join(dir, file), { readOnly: true });
  try {
    return db.prepare(sql).all() as T[];
  } finally {
    db.close();
  }
}
