import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { NOT_SITE_DATA, REBUILT_TABLES, SITE_TABLES } from './siteTables';

// Every table the migrations create (D1 does not let a Worker read sqlite_schema).
const created = [
  ...new Set(
    env.TEST_MIGRATIONS.flatMap((m) => m.queries).flatMap((q) =>
      [...q.matchAll(/CREATE TABLE (\w+)/gi)].map((x) => x[1] as string),
    ),
  ),
];

describe('SITE_TABLES', () => {
  it('lists every table with a site_id that is not routing, raw tables before derived ones, in both databases', async () => {
    for (const db of [env.DB, env.DB_2 as D1Database]) {
      const withSite: string[] = [];
      for (const table of created) {
        const { results } = await db
          .prepare('SELECT name FROM pragma_table_info(?)')
          .bind(table)
          .all<{ name: string }>();
        if (results.some((c) => c.name === 'site_id')) withSite.push(table);
      }
      expect(withSite.sort()).toEqual([...SITE_TABLES.map((t) => t.name), ...REBUILT_TABLES, ...NOT_SITE_DATA].sort());
    }
    const firstDerived = SITE_TABLES.findIndex((t) => 'derived' in t);
    expect(SITE_TABLES.slice(firstDerived).every((t) => 'derived' in t)).toBe(true);
  });
});
