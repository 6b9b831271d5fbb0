import { DatabaseSync } from 'node:sqlite';
import { inject } from 'vitest';
import { primaryD1File } from '../scripts/stack.mjs';

/**
 * Runs one read-only SQL statement on the test stack's local D1 by opening its SQLite file
 * read-only (what `wrangler d1 execute --local --persist-to` reads, without a 10 s start-up).
 */
export function queryD1<T = Record<string, unknown>>(sql: string): T[] {
  const db = new DatabaseSync(primaryD1File(inject('stack').persistTo), { readOnly: true });
  try {
    return db.prepare(sql).all() as T[];
  } finally {
    db.close();
  }
}
