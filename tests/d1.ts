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
  // The stack has two databases (DB, DB_2): the primary is the one that holds the secret keys.
  const files = readdirSync(dir).filter((name) => name.endsWith('.sqlite') && name !== 'metadata.sqlite');
  const file = files.find((name) => {
    const probe = new DatabaseSync(join(dir, name), { readOnly: true });
    try {
      return (probe.prepare('SELECT COUNT(*) AS n FROM secret_keys').get() as { n: number }).n > 0;
    } catch {
      return false;
    } finally {
      probe.close();
    }
  });
  if (!file) throw new Error(`no primary D1 database under ${dir}`);
  const db = new DatabaseSync(join(dir, file), { readOnly: true });
  try {
    return db.prepare(sql).all() as T[];
  } finally {
    db.close();
  }
}
