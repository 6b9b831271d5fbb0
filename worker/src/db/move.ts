import type { SiteMoved, SiteMoveStatus } from '@heard/core';
import { cachedSiteSettings, MOVE_STEPS, storesEventRaw } from '@heard/core';
import type { Bindings } from '../env';
import { parkedWrites } from '../ingest';
import { fail } from '../middleware/errors';
import { jsonChunks, storeBatch } from './collect';
import { storeLinkAnswer } from './links';
import { databaseNamed, dbFor, PRIMARY } from './site';
import { type SiteRow, siteById } from './sites';
import { REBUILT_TABLES, SITE_TABLES } from './siteTables';

/** Rows read from the old database per page of a table's copy (a step reads pages until its budget is spent). */
const PAGE_ROWS = 500;
/** Rows deleted per statement. */
const DELETE_ROWS = 1000;
/** Parked writes read per page of a replay. */
const PARKED_PAGE = 20;

type Phase = SiteMoveStatus['phase'];
const FINAL: readonly Phase[] = ['done', 'failed'];

/** Every table a delete of the site's rows empties: its data, then the rollups reports rebuild. */
const DELETED_TABLES: readonly string[] = [...SITE_TABLES.map((t) => t.name), ...REBUILT_TABLES];

/** The `site_moves` row of a move in steps (migration 0131). */
interface MoveRow {
  site_id: string;
  from_db: string;
  to_db: string;
  phase: Phase;
  rows_per_step: number;
  position: number;
  cursor: string | null;
  copied: string;
  checked: string;
  replayed: number;
  deleted: number;
  step: number;
  lease_until: number | null;
  started_at: number;
  updated_at: number;
  finished_at: number | null;
  message: string | null;
}

/** What a step changes in its move's row. */
type Progress = Partial<
  Pick<MoveRow, 'phase' | 'position' | 'cursor' | 'copied' | 'checked' | 'replayed' | 'deleted' | 'message'>
>;

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

/** The site's rows of a table after `cursor` (its key values), in key order, `limit` at a time. */
function pageQuery(table: string, columns: string[], keys: string[], cursor: unknown[], limit: number): string {
  const list = columns.map(quoted).join(', ');
  if (keys.length === 0) return `SELECT ${list} FROM ${table} WHERE site_id = ?1`;
  const tuple = `(${keys.map(quoted).join(', ')})`;
  const after = cursor.length > 0 ? `AND ${tuple} > (${keys.map((_, i) => `?${i + 2}`).join(', ')})` : '';
  return `SELECT ${list} FROM ${table} WHERE site_id = ?1 ${after} ORDER BY ${keys.map(quoted).join(', ')} LIMIT ${limit}`;
}

/**
 * Copies up to `budget` of one table's rows of a site after `cursor`, page by page (keyset on
 * its primary key), into `to`. Rows already there are left (a step run again copies nothing
 * twice); `copied` counts the rows this call inserted. `cursor` is null once the table is done.
 */
async function copyRows(
  from: D1Database,
  to: D1Database,
  siteId: string,
  table: string,
  start: unknown[],
  budget: number,
): Promise<{ copied: number; read: number; cursor: unknown[] | null }> {
  const { columns, keys } = await shapeOf(from, table);
  const insert = to.prepare(
    `INSERT INTO ${table} (${columns.map(quoted).join(', ')})
     SELECT ${columns.map((_, i) => `r ->> ${i}`).join(', ')} FROM (SELECT value AS r FROM json_each(?1) ORDER BY key)
     WHERE true ON CONFLICT DO NOTHING RETURNING 1 AS copied`,
  );
  let cursor = start;
  let copied = 0;
  let read = 0;
  while (read < budget) {
    const limit = Math.min(PAGE_ROWS, budget - read);
    const { results } = await from
      .prepare(pageQuery(table, columns, keys, cursor, limit))
      .bind(siteId, ...cursor)
      .all<Record<string, unknown>>();
    if (results.length > 0) {
      const rows = results.map((row) => columns.map((column) => row[column] ?? null));
      const written = await to.batch(jsonChunks(rows).map((chunk) => insert.bind(chunk)));
      copied += written.reduce((n, r) => n + r.results.length, 0);
      read += results.length;
      const last = results.at(-1) as Record<string, unknown>;
      cursor = keys.map((key) => last[key]);
    }
    if (keys.length === 0 || results.length < limit) return { copied, read, cursor: null };
  }
  return { copied, read, cursor };
}

/** A table's row count and (for rollups) the total of its count column, for one site. */
async function tally(db: D1Database, siteId: string, table: string, sum?: string) {
  const total = sum ? `, coalesce(sum(${sum}), 0) AS total` : '';
  const row = await db
    .prepare(`SELECT COUNT(*) AS n${total} FROM ${table} WHERE site_id = ?`)
    .bind(siteId)
    .first<{ n: number; total?: number }>();
  return { rows: row?.n ?? 0, ...(row?.total !== undefined ? { sum: row.total } : {}) };
}

/**
 * Deletes up to `budget` of one table's rows of a site; whether the table is empty of them
 * after. Rollup-decrement triggers are skipped (as in a retention purge, by its marker, which
 * the caller holds): the rollups go too.
 */
async function deleteRows(db: D1Database, siteId: string, table: string, budget: number) {
  const { keys } = await shapeOf(db, table);
  const list = keys.map(quoted).join(', ');
  let deleted = 0;
  for (;;) {
    const limit = Math.min(DELETE_ROWS, budget - deleted);
    const sql =
      keys.length > 0
        ? `DELETE FROM ${table} WHERE site_id = ?1 AND (${list}) IN (SELECT ${list} FROM ${table} WHERE site_id = ?1 LIMIT ${limit})`
        : `DELETE FROM ${table} WHERE site_id = ?1`;
    const [, changed] = await db.batch<{ n: number }>([
      db.prepare(sql).bind(siteId),
      db.prepare('SELECT changes() AS n'),
    ]);
    const n = changed?.results[0]?.n ?? 0;
    deleted += n;
    if (keys.length === 0 || n < limit) return { deleted, done: true };
    if (deleted >= budget) return { deleted, done: false };
  }
}

/**
 * One step of deleting a site's rows from a database: tables from `position` on, up to `budget`
 * rows. Returns where it stopped; `position` past the last table means done (the purge marker is
 * then gone, and with `mirror` the database's copy of the `sites` row too).
 */
async function deleteStep(db: D1Database, siteId: string, position: number, budget: number, mirror: boolean) {
  await db.prepare('INSERT INTO retention_purge (site_id) VALUES (?) ON CONFLICT DO NOTHING').bind(siteId).run();
  let deleted = 0;
  let at = position;
  while (at < DELETED_TABLES.length && deleted < budget) {
    const result = await deleteRows(db, siteId, DELETED_TABLES[at] as string, budget - deleted);
    deleted += result.deleted;
    if (result.done) at += 1;
  }
  if (at >= DELETED_TABLES.length) {
    await db.prepare('DELETE FROM retention_purge WHERE site_id = ?').bind(siteId).run();
    if (mirror) await db.prepare('DELETE FROM sites WHERE id = ?').bind(siteId).run();
  }
  return { deleted, position: at, done: at >= DELETED_TABLES.length };
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

const bound = (env: Bindings, name: string) => {
  const db = databaseNamed(env, name);
  if (!db) throw new Error(`no D1 database is bound as ${name}`);
  return db;
};

/** The move's row as its status reads. */
function statusOf(row: MoveRow, now: number): SiteMoveStatus {
  const copied = JSON.parse(row.copied) as Record<string, number>;
  const tables: string[] =
    row.phase === 'clear' || row.phase === 'delete' || row.phase === 'rollback'
      ? [...DELETED_TABLES]
      : SITE_TABLES.map((t) => t.name);
  const atTable =
    row.phase === 'copy' ||
    row.phase === 'verify' ||
    row.phase === 'clear' ||
    row.phase === 'delete' ||
    row.phase === 'rollback';
  return {
    site: row.site_id,
    from: row.from_db,
    to: row.to_db,
    phase: row.phase,
    table: atTable ? (tables[row.position] ?? null) : null,
    rowsPerStep: row.rows_per_step,
    steps: row.step,
    copied: Object.values(copied).reduce((n, c) => n + c, 0),
    tables: JSON.parse(row.checked) as SiteMoveStatus['tables'],
    replayed: row.replayed,
    deleted: row.deleted,
    running: row.lease_until !== null && row.lease_until > now,
    startedAt: row.started_at,
    updatedAt: row.updated_at,
    finishedAt: row.finished_at,
    message: row.message,
  };
}

const moveRow = (db: D1Database, siteId: string) =>
  db.prepare('SELECT * FROM site_moves WHERE site_id = ?').bind(siteId).first<MoveRow>();

/** The site's move in steps as it stands (the last one, when none runs), or null when it was never moved. */
export async function moveStatus(env: Bindings, siteId: string, now = Date.now()): Promise<SiteMoveStatus | null> {
  const row = await moveRow(env.DB, siteId);
  return row ? statusOf(row, now) : null;
}

/**
 * Starts moving a site's data to another database, in steps ({@link moveStep}). From here on,
 * writes for the site are parked in the primary (the write guard in storeBatch sees `moving_to`
 * in the same transaction as each write, so none lands in the old database after the move
 * began); reads keep the old database until the switch. A site already moving is a 409.
 */
export async function startMove(
  env: Bindings,
  site: SiteRow,
  database: string,
  rowsPerStep: number = MOVE_STEPS.rowsPerStep,
  now = Date.now(),
): Promise<SiteMoveStatus> {
  const target = databaseNamed(env, database);
  if (!target) fail(400, `no D1 database is bound as ${database}`);
  if (site.database === database) fail(400, `the site is already in ${database}`);
  if (site.movingTo) fail(409, `the site is already being moved to ${site.movingTo}`);
  const claimed = await env.DB.prepare(
    'UPDATE sites SET moving_to = ?2 WHERE id = ?1 AND moving_to IS NULL AND database = ?3 RETURNING 1 AS claimed',
  )
    .bind(site.id, database, site.database)
    .all();
  if (claimed.results.length === 0) fail(409, 'the site is already being moved');
  const source = dbFor(env, site);
  if (site.database !== PRIMARY) await setMoving(source, site.id, database);
  if (database !== PRIMARY) await copySiteRow(source, target, site.id, { database, moving_to: database });
  // The claim above is the lock: a row left by an earlier move of the site has ended, and is replaced.
  const row = await env.DB.prepare(
    `INSERT INTO site_moves (site_id, from_db, to_db, phase, rows_per_step, started_at, updated_at)
     VALUES (?1, ?2, ?3, 'clear', ?4, ?5, ?5)
     ON CONFLICT (site_id) DO UPDATE SET from_db = ?2, to_db = ?3, phase = 'clear', rows_per_step = ?4,
       position = 0, cursor = NULL, copied = '{}', checked = '[]', replayed = 0, deleted = 0, step = 0,
       lease_until = NULL, started_at = ?5, updated_at = ?5, finished_at = NULL, message = NULL
     RETURNING *`,
  )
    .bind(site.id, site.database, database, rowsPerStep, now)
    .first<MoveRow>();
  return statusOf(row as MoveRow, now);
}

/** Writes one parked write into a database (idempotent by item id; a link answer only replaces an older one). */
async function replayOne(
  env: Bindings,
  db: D1Database,
  database: string,
  parked: Awaited<ReturnType<typeof parkedWrites>>[number],
) {
  if (parked.kind === 'link') {
    for (const answer of parked.items.answers)
      await storeLinkAnswer(db, parked.siteId, answer, parked.receivedAt, database);
    return;
  }
  const site = await siteById(env.DB, parked.siteId);
  const settings = cachedSiteSettings(site?.settings ?? {});
  await storeBatch(db, parked.siteId, parked.items, parked.receivedAt, {
    database,
    storesRaw: (name) => storesEventRaw(settings, name),
  });
}

/** One step of replaying a site's parked writes into a database, oldest first: how many, and whether none are left. */
async function replayStep(env: Bindings, siteId: string, database: string, budget: number) {
  const db = bound(env, database);
  let replayed = 0;
  let items = 0;
  while (items < budget) {
    const page = await parkedWrites(env.DB, siteId, PARKED_PAGE);
    if (page.length === 0) return { replayed, done: true };
    for (const parked of page) {
      await replayOne(env, db, database, parked);
      await env.DB.prepare('DELETE FROM move_parked WHERE seq = ?').bind(parked.seq).run();
      replayed += 1;
      items += parked.items.answers.length + parked.items.events.length + parked.items.displays.length;
    }
  }
  return { replayed, done: false };
}

/**
 * The work of one step of a move, from its row: at most `rows_per_step` rows copied, checked,
 * replayed or deleted. Every part can run again after a crash: copies and replays insert
 * nothing twice, deletes and checks read what is there now.
 */
async function runStep(env: Bindings, move: MoveRow): Promise<Progress> {
  const siteId = move.site_id;
  const source = bound(env, move.from_db);
  const target = bound(env, move.to_db);
  const fromPrimary = move.from_db === PRIMARY;
  const toPrimary = move.to_db === PRIMARY;
  const budget = move.rows_per_step;
  switch (move.phase) {
    case 'clear': {
      // Whatever an earlier, failed move left in the target goes first (its `sites` row stays).
      const step = await deleteStep(target, siteId, move.position, budget, false);
      return step.done ? { phase: 'copy', position: 0, cursor: null } : { position: step.position };
    }
    case 'copy': {
      const copied = JSON.parse(move.copied) as Record<string, number>;
      let position = move.position;
      let cursor = move.cursor === null ? null : (JSON.parse(move.cursor) as unknown[]);
      let spent = 0;
      while (position < SITE_TABLES.length && spent < budget) {
        const table = SITE_TABLES[position] as (typeof SITE_TABLES)[number];
        if (cursor === null && 'derived' in table) {
          // The raw rows' triggers rebuilt what is still stored; the old database's derived rows
          // also hold what purges removed, so they replace the rebuilt ones.
          const cleared = await deleteRows(target, siteId, table.name, budget - spent);
          spent += cleared.deleted;
          if (!cleared.done) break;
        }
        const page = await copyRows(source, target, siteId, table.name, cursor ?? [], Math.max(1, budget - spent));
        copied[table.name] = (copied[table.name] ?? 0) + page.copied;
        spent += page.read;
        cursor = page.cursor;
        if (cursor === null) {
          position += 1;
          // An empty or finished table moves on; one that read nothing still costs the step a little.
          spent += 1;
        }
      }
      const progress = {
        position,
        cursor: cursor === null ? null : JSON.stringify(cursor),
        copied: JSON.stringify(copied),
      };
      return position >= SITE_TABLES.length ? { ...progress, phase: 'verify', position: 0, cursor: null } : progress;
    }
    case 'verify': {
      const copied = JSON.parse(move.copied) as Record<string, number>;
      const checked = JSON.parse(move.checked) as SiteMoveStatus['tables'];
      let position = move.position;
      let counted = 0;
      while (position < SITE_TABLES.length && counted < budget) {
        const table = SITE_TABLES[position] as (typeof SITE_TABLES)[number];
        const sum = 'sum' in table ? table.sum : undefined;
        const [before, after] = await Promise.all([
          tally(source, siteId, table.name, sum),
          tally(target, siteId, table.name, sum),
        ]);
        if (before.rows !== after.rows || before.sum !== after.sum) {
          return {
            phase: 'rollback',
            position: 0,
            cursor: null,
            message: `${table.name} holds ${after.rows} rows (total ${after.sum ?? '–'}) in ${move.to_db} and ${before.rows} (total ${before.sum ?? '–'}) in ${move.from_db}; nothing was switched`,
          };
        }
        checked.push({ table: table.name, copied: copied[table.name] ?? 0, ...before });
        counted += before.rows + 1;
        position += 1;
      }
      if (position < SITE_TABLES.length) return { position, checked: JSON.stringify(checked) };
      // The switch: the new database's row first, so writes that read the primary's find it writable.
      if (!toPrimary) {
        await target
          .prepare('UPDATE sites SET database = ?2, moving_to = NULL WHERE id = ?1')
          .bind(siteId, move.to_db)
          .run();
      }
      await env.DB.prepare('UPDATE sites SET database = ?2, moving_to = NULL WHERE id = ?1')
        .bind(siteId, move.to_db)
        .run();
      return { phase: 'replay', position: 0, checked: JSON.stringify(checked) };
    }
    case 'replay': {
      const step = await replayStep(env, siteId, move.to_db, budget);
      const replayed = move.replayed + step.replayed;
      return step.done ? { phase: 'delete', position: 0, replayed } : { replayed };
    }
    case 'delete': {
      const step = await deleteStep(source, siteId, move.position, budget, !fromPrimary);
      const deleted = move.deleted + step.deleted;
      return step.done ? { phase: 'done', position: 0, deleted } : { position: step.position, deleted };
    }
    case 'rollback': {
      const step = await deleteStep(target, siteId, move.position, budget, !toPrimary);
      if (!step.done) return { position: step.position };
      if (toPrimary) await setMoving(target, siteId, null);
      if (!fromPrimary) await setMoving(source, siteId, null);
      await setMoving(env.DB, siteId, null);
      return { phase: 'unpark', position: 0 };
    }
    case 'unpark': {
      const step = await replayStep(env, siteId, move.from_db, budget);
      return step.done ? { phase: 'failed' } : {};
    }
    default:
      return {};
  }
}

/** What one call of {@link moveStep} did. */
export interface MoveStepped {
  /** False when no step ran: the move has ended, another step holds it, or `step` is not its next step. */
  ran: boolean;
  status: SiteMoveStatus;
}

/**
 * Runs the next step of a site's move, if no other step holds it (and, with `step`, only if that
 * is the move's next step: a queue message for a step already run does nothing). The step holds
 * a lease on the move's row while it runs, and saves where it got to with the lease; a step that
 * crashed leaves the row as it was, and the next call after the lease ran out does that step
 * again. A check that fails moves to `rollback`; an error in the copy does too, an error after
 * the switch is kept in `message` and the step is retried.
 */
export async function moveStep(
  env: Bindings,
  siteId: string,
  options: { step?: number; now?: number } = {},
): Promise<MoveStepped | null> {
  const now = options.now ?? Date.now();
  const claimed = await env.DB.prepare(
    `UPDATE site_moves SET lease_until = ?2 WHERE site_id = ?1 AND phase NOT IN ('done', 'failed')
       AND (lease_until IS NULL OR lease_until <= ?3) AND (?4 IS NULL OR step = ?4) RETURNING *`,
  )
    .bind(siteId, now + MOVE_STEPS.leaseMs, now, options.step ?? null)
    .first<MoveRow>();
  if (!claimed) {
    const row = await moveRow(env.DB, siteId);
    return row ? { ran: false, status: statusOf(row, now) } : null;
  }
  let progress: Progress;
  try {
    progress = await runStep(env, claimed);
  } catch (error) {
    const before = ['clear', 'copy', 'verify'].includes(claimed.phase);
    progress = before
      ? {
          phase: 'rollback',
          position: 0,
          cursor: null,
          message: `the copy failed (${String(error)}); nothing was switched`,
        }
      : { message: `a step failed and is retried (${String(error)})` };
    if (!before) {
      await env.DB.prepare('UPDATE site_moves SET lease_until = NULL, message = ?2 WHERE site_id = ?1 AND step = ?3')
        .bind(siteId, progress.message, claimed.step)
        .run();
      throw error;
    }
  }
  const next: MoveRow = { ...claimed, ...progress, step: claimed.step + 1, lease_until: null, updated_at: Date.now() };
  if (FINAL.includes(next.phase)) next.finished_at = next.updated_at;
  const saved = await env.DB.prepare(
    `UPDATE site_moves SET phase = ?3, position = ?4, cursor = ?5, copied = ?6, checked = ?7, replayed = ?8,
       deleted = ?9, step = ?10, lease_until = NULL, updated_at = ?11, finished_at = ?12, message = ?13
     WHERE site_id = ?1 AND step = ?2 RETURNING *`,
  )
    .bind(
      siteId,
      claimed.step,
      next.phase,
      next.position,
      next.cursor,
      next.copied,
      next.checked,
      next.replayed,
      next.deleted,
      next.step,
      next.updated_at,
      next.finished_at,
      next.message,
    )
    .first<MoveRow>();
  // Saved unless the lease ran out and another call ran this step again meanwhile (it saved instead).
  return { ran: true, status: statusOf(saved ?? next, Date.now()) };
}

/** The report of a finished move. */
function movedOf(status: SiteMoveStatus): SiteMoved {
  return {
    site: status.site,
    from: status.from,
    to: status.to,
    tables: status.tables,
    replayed: status.replayed,
    deleted: status.deleted,
    ms: (status.finishedAt ?? status.updatedAt) - status.startedAt,
  };
}

/**
 * Moves a site's data to another database in one call: {@link startMove}, then every step in
 * turn. Every table of {@link SITE_TABLES} is copied by keyset pages, each one's rows (and count
 * totals) checked equal, then `sites.database` switches, the parked writes are replayed into the
 * new database, and the old rows are deleted. A check that fails undoes the copy, replays the
 * parked writes into the old database and answers 409. For a site too large for one request,
 * start the move and let the queue (or the caller) run the steps.
 */
export async function moveSite(env: Bindings, site: SiteRow, database: string): Promise<SiteMoved> {
  let status = await startMove(env, site, database);
  while (!FINAL.includes(status.phase)) {
    const stepped = await moveStep(env, site.id, { step: status.steps });
    if (!stepped?.ran) fail(409, 'another step of this move is running');
    status = stepped.status;
  }
  if (status.phase === 'failed') fail(409, status.message ?? 'the move failed; nothing was switched');
  return movedOf(status);
}

/** A queue message that runs one step of a move (the ingest queue carries them too). */
export interface MoveMessage {
  v: 1;
  move: string;
  step: number;
}

/** Whether a queue message is a move step. */
export const isMoveMessage = (body: unknown): body is MoveMessage =>
  typeof body === 'object' &&
  body !== null &&
  (body as MoveMessage).v === 1 &&
  typeof (body as MoveMessage).move === 'string' &&
  typeof (body as MoveMessage).step === 'number';

/** Sends the message for the move's next step when the collector has a queue and the move has not ended. */
export async function scheduleStep(env: Bindings, status: SiteMoveStatus): Promise<boolean> {
  if (!env.INGEST_QUEUE || FINAL.includes(status.phase)) return false;
  const body: MoveMessage = { v: 1, move: status.site, step: status.steps };
  await (env.INGEST_QUEUE as unknown as Queue<MoveMessage>).send(body, { contentType: 'json' });
  return true;
}

/**
 * Runs a queued step: a message for a step already run (or of an ended move) is done; one that
 * finds another step holding the move comes back after the lease.
 */
export async function consumeMoveStep(env: Bindings, message: Message<MoveMessage>): Promise<void> {
  try {
    const stepped = await moveStep(env, message.body.move, { step: message.body.step });
    if (!stepped) return message.ack();
    if (!stepped.ran) {
      const current = stepped.status.steps === message.body.step && !FINAL.includes(stepped.status.phase);
      if (current) return message.retry({ delaySeconds: Math.ceil(MOVE_STEPS.leaseMs / 1000) });
      return message.ack();
    }
    await scheduleStep(env, stepped.status);
    message.ack();
  } catch (error) {
    console.error(`heard: a move step of ${message.body.move} failed and will be retried: ${String(error)}`);
    message.retry();
  }
}

/**
 * Sends on (or, without a queue, runs one step of) every move whose steps stopped: not ended, no
 * lease held, and no step saved for five leases (a queue message that ran out of retries). The
 * hourly cron calls it, so a move never waits for a person to notice.
 */
export async function resumeMoves(env: Bindings, now = Date.now()): Promise<string[]> {
  const { results } = await env.DB.prepare(
    `SELECT * FROM site_moves WHERE phase NOT IN ('done', 'failed')
       AND (lease_until IS NULL OR lease_until <= ?1) AND updated_at < ?2`,
  )
    .bind(now, now - 5 * MOVE_STEPS.leaseMs)
    .all<MoveRow>();
  for (const row of results) {
    try {
      if (!(await scheduleStep(env, statusOf(row, now)))) await moveStep(env, row.site_id, { step: row.step, now });
    } catch (error) {
      console.error(`heard: the move of ${row.site_id} could not be resumed: ${String(error)}`);
    }
  }
  return results.map((row) => row.site_id);
}
