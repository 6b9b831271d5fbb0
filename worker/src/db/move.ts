import type { SiteMoved } from '@heard/core';
import { cachedSiteSettings, storesEventRaw } from '@heard/core';
import type { Bindings } from '../env';
import { parkedWrites } from '../ingest';
import { fail } from '../middleware/errors';
import { jsonChunks, storeBatch } from './collect';
import { databaseNamed, dbFor, PRIMARY } from './site';
import { type SiteRow, siteById } from './sites';
import { REBUILT_TABLES, SITE_TABLES, type SiteTable } from './siteTables';

/** Rows read from the old database per page of a table's copy. */
const PAGE_ROWS = 500;
/** Rows deleted from the old database per statement. */
const DELETE_ROWS = 1000;

/** A table's columns in order and the key columns (besides `site_id`) a copy pages by. */
async function shapeOf(db: D1Database, table: string): Promise<{ columns: string[]; keys: string[] }> {
  const { results } = await db
    .prepare('SELECT name, pk FROM pragma_table_info(?) ORDER BY cid')
    .bind(table)
    .all<{ name: string; pk: number }>();
  const keys = results
    .filter((c) => c.pk > 0 && c.name !== 'site_id')
    .sort((a, b) => a.pk - b.pk)
    .map((c) => c.name);
  return { columns: results.map((c) => c.name), keys };
}

const quoted = (name: string) => `"${name}"`;

/** The site's rows of a table after `cursor` (its key values), in key order, a page at a time. */
function pageQuery(table: string, columns: string[], keys: string[], cursor: unknown[] | null): string {
  const list = columns.map(quoted).join(', ');
  if (keys.length === 0) return `SELECT ${list} FROM ${table} WHERE site_id = ?1`;
  const tuple = `(${keys.map(quoted).join(', ')})`;
  const after = cursor ? `AND ${tuple} > (${keys.map((_, i) => `?${i + 2}`).join(', ')})` : '';
  return `SELECT ${list} FROM ${table} WHERE site_id = ?1 ${after} ORDER BY ${keys.map(quoted).join(', ')} LIMIT ${PAGE_ROWS}`;
}

/** Copies one table's rows of a site, page by page (keyset on its primary key), into `to`. */
async function copyTable(from: D1Database, to: D1Database, siteId: string, table: SiteTable): Promise<number> {
  const { columns, keys } = await shapeOf(from, table.name);
  const insert = to.prepare(
    `INSERT INTO ${table.name} (${columns.map(quoted).join(', ')})
     SELECT ${columns.map((_, i) => `r ->> ${i}`).join(', ')} FROM (SELECT value AS r FROM json_each(?1) ORDER BY key)
     WHERE true ON CONFLICT DO NOTHING RETURNING 1 AS copied`,
  );
  let cursor: unknown[] | null = null;
  let copied = 0;
  for (;;) {
    const { results } = await from
      .prepare(pageQuery(table.name, columns, keys, cursor))
      .bind(siteId, ...(cursor ?? []))
      .all<Record<string, unknown>>();
    if (results.length === 0) break;
    const rows = results.map((row) => columns.map((column) => row[column] ?? null));
    const written = await to.batch(jsonChunks(rows).map((chunk) => insert.bind(chunk)));
    copied += written.reduce((n, r) => n + r.results.length, 0);
    const last = results.at(-1) as Record<string, unknown>;
    cursor = keys.map((key) => last[key]);
    if (keys.length === 0 || results.length < PAGE_ROWS) break;
  }
  return copied;
}

/** A table's row count and (for rollups) the total of its count column, for one site. */
async function tally(db: D1Database, siteId: string, table: SiteTable): Promise<{ rows: number; sum?: number }> {
  const sum = 'sum' in table ? `, coalesce(sum(${table.sum}), 0) AS total` : '';
  const row = await db
    .prepare(`SELECT COUNT(*) AS n${sum} FROM ${table.name} WHERE site_id = ?`)
    .bind(siteId)
    .first<{ n: number; total?: number }>();
  return { rows: row?.n ?? 0, ...(row?.total !== undefined ? { sum: row.total } : {}) };
}

/** Deletes a site's rows from a database, a bounded number per statement; the count deleted. */
async function deleteSite(db: D1Database, siteId: string, mirror: boolean): Promise<number> {
  let deleted = 0;
  // Rollup-decrement triggers are skipped (as in a retention purge): the rollups go too.
  await db.prepare('INSERT INTO retention_purge (site_id) VALUES (?) ON CONFLICT DO NOTHING').bind(siteId).run();
  for (const table of [...SITE_TABLES, ...REBUILT_TABLES.map((name) => ({ name }))]) {
    const { keys } = await shapeOf(db, table.name);
    const tuple = keys.length > 0 ? `(${keys.map(quoted).join(', ')})` : null;
    const sql = tuple
      ? `DELETE FROM ${table.name} WHERE site_id = ?1 AND ${tuple} IN
           (SELECT ${keys.map(quoted).join(', ')} FROM ${table.name} WHERE site_id = ?1 LIMIT ${DELETE_ROWS})`
      : `DELETE FROM ${table.name} WHERE site_id = ?1`;
    for (;;) {
      const [, changed] = await db.batch<{ n: number }>([
        db.prepare(sql).bind(siteId),
        db.prepare('SELECT changes() AS n'),
      ]);
      const n = changed?.results[0]?.n ?? 0;
      deleted += n;
      if (!tuple || n < DELETE_ROWS) break;
    }
  }
  await db.prepare('DELETE FROM retention_purge WHERE site_id = ?').bind(siteId).run();
  if (mirror) await db.prepare('DELETE FROM sites WHERE id = ?').bind(siteId).run();
  return deleted;
}

/** Copies the site's `sites` row into a database that is not the primary (triggers and the write guard read it). */
async function copySiteRow(from: D1Database, to: D1Database, siteId: string, values: Record<string, unknown>) {
  const { columns } = await shapeOf(from, 'sites');
  const row = await from.prepare('SELECT * FROM sites WHERE id = ?').bind(siteId).first<Record<string, unknown>>();
  if (!row) throw new Error(`the site ${siteId} has no row in its database`);
  const merged = { ...row, ...values };
  const set = columns.filter((c) => c !== 'id').map((c) => `${quoted(c)} = excluded.${quoted(c)}`);
  // An upsert, never a REPLACE: replacing would cascade-delete the site's rows that reference it.
  await to
    .prepare(
      `INSERT INTO sites (${columns.map(quoted).join(', ')}) VALUES (${columns.map(() => '?').join(', ')})
       ON CONFLICT (id) DO UPDATE SET ${set.join(', ')}`,
    )
    .bind(...columns.map((c) => merged[c] ?? null))
    .run();
}

const setMoving = (db: D1Database, siteId: string, to: string | null) =>
  db.prepare('UPDATE sites SET moving_to = ?2 WHERE id = ?1').bind(siteId, to).run();

/**
 * Moves a site's data to another database while ingest continues. From the start, writes for
 * the site are parked in the primary (the write guard in storeBatch sees `moving_to` in the
 * same transaction as each write, so none lands in the old database after the copy began);
 * reads keep the old database. Every table of {@link SITE_TABLES} is copied by keyset pages,
 * each one's rows (and count totals) checked equal, then `sites.database` switches, the parked
 * writes are replayed into the new database, and the old rows are deleted. A check that fails
 * undoes the copy, replays the parked writes into the old database and answers 409.
 */
export async function moveSite(env: Bindings, site: SiteRow, database: string): Promise<SiteMoved> {
  const started = Date.now();
  const target = databaseNamed(env, database);
  if (!target) fail(400, `no D1 database is bound as ${database}`);
  if (site.database === database) fail(400, `the site is already in ${database}`);
  if (site.movingTo) fail(409, `the site is already being moved to ${site.movingTo}`);
  const source = dbFor(env, site);
  const fromPrimary = site.database === PRIMARY;
  const claimed = await env.DB.prepare(
    'UPDATE sites SET moving_to = ?2 WHERE id = ?1 AND moving_to IS NULL AND database = ?3 RETURNING 1 AS claimed',
  )
    .bind(site.id, database, site.database)
    .all();
  if (claimed.results.length === 0) fail(409, 'the site is already being moved');
  if (!fromPrimary) await setMoving(source, site.id, database);

  const toPrimary = database === PRIMARY;
  // Whatever an earlier, failed move left in the target goes first.
  await deleteSite(target, site.id, false);
  if (!toPrimary) await copySiteRow(source, target, site.id, { database, moving_to: database });

  const tables: SiteMoved['tables'] = [];
  const rollback = async (message: string): Promise<never> => {
    await deleteSite(target, site.id, !toPrimary);
    if (toPrimary) await setMoving(target, site.id, null);
    if (!fromPrimary) await setMoving(source, site.id, null);
    await setMoving(env.DB, site.id, null);
    await replay(env, site.id, source, site.database);
    fail(409, message);
  };
  try {
    const copied = new Map<string, number>();
    for (const table of SITE_TABLES.filter((t) => !('derived' in t))) {
      copied.set(table.name, await copyTable(source, target, site.id, table));
    }
    // The raw rows' triggers rebuilt what is still stored; the old database's derived rows also
    // hold what purges removed, so they replace the rebuilt ones.
    for (const table of SITE_TABLES.filter((t) => 'derived' in t)) {
      await target.prepare(`DELETE FROM ${table.name} WHERE site_id = ?`).bind(site.id).run();
      copied.set(table.name, await copyTable(source, target, site.id, table));
    }
    for (const table of SITE_TABLES) {
      const [before, after] = await Promise.all([tally(source, site.id, table), tally(target, site.id, table)]);
      tables.push({ table: table.name, copied: copied.get(table.name) ?? 0, ...before });
      if (before.rows !== after.rows || before.sum !== after.sum) {
        return await rollback(
          `${table.name} holds ${after.rows} rows (total ${after.sum ?? '–'}) in ${database} and ${before.rows} (total ${before.sum ?? '–'}) in ${site.database}; nothing was switched`,
        );
      }
    }
  } catch (error) {
    if (error instanceof Error && 'status' in error) throw error;
    return await rollback(`the copy failed (${String(error)}); nothing was switched`);
  }

  // The switch: the new database's row first, so writes that read the primary's find it writable.
  if (!toPrimary) {
    await target
      .prepare('UPDATE sites SET database = ?2, moving_to = NULL WHERE id = ?1')
      .bind(site.id, database)
      .run();
  }
  await env.DB.prepare('UPDATE sites SET database = ?2, moving_to = NULL WHERE id = ?1').bind(site.id, database).run();
  const replayed = await replay(env, site.id, target, database);
  const deleted = await deleteSite(source, site.id, !fromPrimary);
  return { site: site.id, from: site.database, to: database, tables, replayed, deleted, ms: Date.now() - started };
}

/** Writes the parked writes of a site into a database (they are idempotent by item id), oldest first. */
async function replay(env: Bindings, siteId: string, db: D1Database, database: string): Promise<number> {
  let replayed = 0;
  for (;;) {
    const page = await parkedWrites(env.DB, siteId);
    if (page.length === 0) return replayed;
    const site = await siteById(env.DB, siteId);
    const settings = cachedSiteSettings(site?.settings ?? {});
    for (const parked of page) {
      await storeBatch(db, siteId, parked.items, parked.receivedAt, {
        database,
        storesRaw: (name) => storesEventRaw(settings, name),
      });
      await env.DB.prepare('DELETE FROM move_parked WHERE seq = ?').bind(parked.seq).run();
      replayed += 1;
    }
  }
}
