import type { AccountHealth, AccountSignals, Direction, HealthCell, HealthPartName, LatestAnswer } from '@heard/core';
import { accountHealth, atRisk, cellScoreRange, DAY_MS, worstFirst } from '@heard/core';
import { jsonPath } from './json';

/** The settings a site's health rollup is kept for (migration 0150). */
export interface HealthKey {
  accountTrait: string;
  ttvStart: string;
  ttvValue: string;
}

/** A latest answer as `GET /v1/health` gives it: with its time. */
export type TimedAnswer = LatestAnswer & { at: number };

/** A JSON value read by json_extract as the account's name: as String() spells it (as 0110 does). */
const asName = (x: string, otherwise = 'NULL') => `(SELECT CASE typeof(x) WHEN 'null' THEN ${otherwise}
              WHEN 'real' THEN (CASE WHEN x = CAST(x AS INTEGER) AND abs(x) < 1e15 THEN CAST(CAST(x AS INTEGER) AS TEXT) ELSE CAST(x AS TEXT) END)
              ELSE CAST(x AS TEXT) END FROM (SELECT ${x} AS x))`;

/** Every identified user of a site as a row of health_users: the same rules as the triggers of 0150. */
const USERS = `SELECT p.site_id, p.user_key, ${asName('json_extract(p.traits, ?2)', 'p.user_key')} AS account,
    p.last_ts,
    EXISTS (SELECT 1 FROM milestones m WHERE m.site_id = p.site_id AND m.name = ?3 AND m.user_key = p.user_key) AS started,
    EXISTS (SELECT 1 FROM milestones m WHERE m.site_id = p.site_id AND m.name = ?4 AND m.user_key = p.user_key) AS reached
  FROM user_profiles p WHERE p.site_id = ?1 AND p.user_key NOT LIKE 'anon:%'`;

/**
 * Every open entity of the site's resolution rollup (0081) as a row of health_tickets: its first
 * start event's starter and account prop, and the account it counts for — the same rules as the
 * triggers of 0154. O(open entities), each start event and profile by key; of start events that
 * tie on time one is kept (INSERT OR IGNORE), as the triggers keep one.
 */
export const HEALTH_TICKETS = `SELECT s.site_id, s.entity, s.user_key, s.prop,
    coalesce(s.prop, (SELECT ${asName('json_extract(p.traits, ?2)', "CASE WHEN s.user_key NOT LIKE 'anon:%' THEN s.user_key END")}
                      FROM user_profiles p WHERE p.site_id = s.site_id AND p.user_key = s.user_key))
  FROM (SELECT d.site_id, d.entity, coalesce(e.user_id, 'anon:' || e.anonymous_id) AS user_key,
          ${asName('json_extract(e.props, ?2)')} AS prop
        FROM duration_entities d INDEXED BY duration_entities_open
        JOIN events e INDEXED BY events_site_name_entity_ts ON e.site_id = d.site_id AND e.name = d.start_name
          AND e.entity IS NOT NULL AND e.entity = d.entity AND e.ts = d.start_ts
        WHERE d.site_id = ?1 AND d.end_ts IS NULL) s`;

const latest = (kind: string) => `(SELECT json_array(l.score, l.scale_min, l.scale_max, l.direction, l.ts)
    FROM health_users v JOIN latest_answers l ON l.site_id = v.site_id AND l.user_key = v.user_key AND l.kind = '${kind}'
    WHERE v.site_id = a.site_id AND v.account = a.account ORDER BY l.ts DESC, v.user_key LIMIT 1)`;

/**
 * Makes sure the site keeps the health rollup of these settings (migrations 0150, 0151, 0154).
 * The first call under a setting builds it from the profiles, first occurrences, latest answers
 * and the open entities of the resolution rollup, once (O(users + open tickets)), in one
 * transaction so ingest beside it is counted exactly once; it drops the rollup of any earlier
 * setting. The users and tickets go in while no key is registered (their triggers do nothing),
 * the accounts and cells in one GROUP BY each, then the key. The open tickets follow whatever
 * resolution pair the site's rollup keeps (`ensureDurationRollup`, before or after this).
 */
export async function ensureHealthRollup(db: D1Database, siteId: string, key: HealthKey): Promise<void> {
  const path = jsonPath(key.accountTrait);
  const kept = await db
    .prepare('SELECT 1 FROM health_keys WHERE site_id = ?1 AND account_path = ?2 AND ttv_start = ?3 AND ttv_value = ?4')
    .bind(siteId, path, key.ttvStart, key.ttvValue)
    .first();
  if (kept) return;
  await db.batch([
    db.prepare('DELETE FROM health_keys WHERE site_id = ?1').bind(siteId),
    db.prepare('DELETE FROM health_cells WHERE site_id = ?1').bind(siteId),
    db.prepare('DELETE FROM health_accounts WHERE site_id = ?1').bind(siteId),
    db.prepare('DELETE FROM health_users WHERE site_id = ?1').bind(siteId),
    db.prepare('DELETE FROM health_tickets WHERE site_id = ?1').bind(siteId),
    db
      .prepare(`INSERT INTO health_users (site_id, user_key, account, last_ts, started, reached) ${USERS}`)
      .bind(siteId, path, key.ttvStart, key.ttvValue),
    db
      .prepare(`INSERT OR IGNORE INTO health_tickets (site_id, entity, user_key, prop, account) ${HEALTH_TICKETS}`)
      .bind(siteId, path),
    db
      .prepare(
        `INSERT INTO health_accounts (site_id, account, users, last_ts, started, reached, nps, csat, ces)
         SELECT a.site_id, a.account, a.users, a.last_ts, a.started, a.reached,
                ${latest('nps')}, ${latest('csat')}, ${latest('ces')}
         FROM (SELECT site_id, account, count(*) AS users, max(last_ts) AS last_ts, sum(started) AS started,
                      sum(reached) AS reached
               FROM health_users WHERE site_id = ?1 GROUP BY account) a`,
      )
      .bind(siteId),
    db
      .prepare(
        `INSERT INTO health_accounts (site_id, account, users, last_ts, started, reached, tickets)
         SELECT site_id, account, 0, NULL, 0, 0, count(*) FROM health_tickets
         WHERE site_id = ?1 AND account IS NOT NULL GROUP BY account
         ON CONFLICT DO UPDATE SET tickets = excluded.tickets`,
      )
      .bind(siteId),
    db
      .prepare(
        `INSERT INTO health_cells (site_id, nps_pts, csat_pts, ces_pts, ttv_state, tickets, last_day, n)
         SELECT site_id, nps_pts, csat_pts, ces_pts, ttv_state, tickets_key, last_day, count(*) FROM health_accounts
         WHERE site_id = ?1 GROUP BY nps_pts, csat_pts, ces_pts, ttv_state, tickets_key, last_day`,
      )
      .bind(siteId),
    db
      .prepare('INSERT INTO health_keys (site_id, account_path, ttv_start, ttv_value) VALUES (?1, ?2, ?3, ?4)')
      .bind(siteId, path, key.ttvStart, key.ttvValue),
  ]);
}

/** The SQL of the report, exported so a test can check its query plans use keys and indexes. */
export const HEALTH_SQL = {
  /** Accounts per cell (migrations 0151, 0154): O(days × combinations of answers and tickets). */
  CELLS: `SELECT nps_pts, csat_pts, ces_pts, ttv_state, tickets, last_day, n FROM health_cells WHERE site_id = ?1`,
  /** The worst accounts of one cell: by last activity, then name (the order of their scores). */
  CELL_WORST: `SELECT account, last_ts, started, reached, nps, csat, ces, tickets FROM health_accounts
       WHERE site_id = ?1 AND nps_pts = ?2 AND csat_pts = ?3 AND ces_pts = ?4 AND ttv_state = ?5 AND tickets_key = ?6
         AND last_day = ?7
       ORDER BY last_ts, account LIMIT ?8`,
  /** The worst accounts of one combination over the days up to ?7 (all of them idle past the inactivity days). */
  CELLS_IDLE: `SELECT account, last_ts, started, reached, nps, csat, ces, tickets FROM health_accounts
       WHERE site_id = ?1 AND nps_pts = ?2 AND csat_pts = ?3 AND ces_pts = ?4 AND ttv_state = ?5 AND tickets_key = ?6
         AND last_day BETWEEN 0 AND ?7
       ORDER BY last_day, last_ts, account LIMIT ?8`,
  /** Named accounts (those that pay), by key. */
  NAMED: `SELECT account, last_ts, started, reached, nps, csat, ces, tickets
       FROM health_accounts WHERE site_id = ?1 AND account IN (SELECT value FROM json_each(?2))`,
} as const;

/** A row of health_accounts (migrations 0150, 0154). */
export interface AccountRow {
  account: string;
  last_ts: number | null;
  started: number;
  reached: number;
  nps: string | null;
  csat: string | null;
  ces: string | null;
  tickets: number;
}
interface CellRow {
  nps_pts: number;
  csat_pts: number;
  ces_pts: number;
  ttv_state: number;
  tickets: number;
  last_day: number;
}

const answerOf = (json: string | null): TimedAnswer | null => {
  if (json === null) return null;
  const [score, lo, hi, direction, at] = JSON.parse(json) as [number, number, number, Direction, number];
  return { score, scale: [lo, hi] as const, direction, at };
};

/** An account's signals from its row of health_accounts. */
export const signalsOf = (row: AccountRow): AccountSignals<TimedAnswer> => ({
  account: row.account,
  nps: answerOf(row.nps),
  csat: answerOf(row.csat),
  ces: answerOf(row.ces),
  lastActive: row.last_ts,
  ttvReached: row.reached > 0 ? true : row.started > 0 ? false : null,
  openTickets: row.tickets,
});
/** A cell's combination: its key but the day. */
const comboKey = (c: CellRow) => `${c.nps_pts}|${c.csat_pts}|${c.ces_pts}|${c.ttv_state}|${c.tickets}`;
const known = (points: number) => (points < 0 ? null : points);
/** Scores computed from points read back from SQL may differ from JS's by rounding. */
const EPSILON = 1e-9;
/** Cells read per round trip while looking for the worst accounts. */
const WAVE = 16;

const cellOf = (row: CellRow): HealthCell => ({
  nps: known(row.nps_pts),
  csat: known(row.csat_pts),
  ces: known(row.ces_pts),
  ttvReached: row.ttv_state < 0 ? null : row.ttv_state === 1,
  openTickets: row.tickets,
  lastDay: row.last_day < 0 ? null : row.last_day,
});

/** How an account is scored: the site's weights, now, and its inactivity days. */
type Scoring = { weights: Record<HealthPartName, number>; now: number; inactivityDays: number };
/** A cell read back with the lowest and highest score its accounts can have. */
type RangedCell = { row: CellRow; n: number; lo: number; hi: number };

const ranged = (rows: readonly (CellRow & { n: number })[], options: Scoring): RangedCell[] =>
  rows.map((row) => ({ row, n: row.n, ...cellScoreRange(cellOf(row), options) }));

/**
 * Every account under the at-risk threshold, worst first (`atRisk`), from the cells: the worst
 * as many as the cells that can score under it hold. O(cells + accounts of those cells), not
 * every account: what the digest lists.
 */
export async function atRiskFromCells(
  db: D1Database,
  siteId: string,
  input: { threshold: number; options: Scoring },
): Promise<AccountHealth[]> {
  const { results } = await db.prepare(HEALTH_SQL.CELLS).bind(siteId).all<CellRow & { n: number }>();
  const cells = ranged(results, input.options);
  const limit = cells.filter((c) => c.lo < input.threshold + EPSILON).reduce((sum, c) => sum + c.n, 0);
  if (limit === 0) return [];
  return atRisk(await worstOfCells(db, siteId, cells, limit, input.options), input.threshold);
}

/**
 * `GET /v1/health` from the cells (migrations 0151, 0154): the number of accounts, the `limit`
 * worst (worstFirst) and the named accounts (`also`, e.g. those that pay), every one scored
 * exactly from its own row, in O(cells + limit × cells read), never every account or ticket.
 */
export async function healthFromCells(
  db: D1Database,
  siteId: string,
  input: { limit: number; also: readonly string[]; options: Scoring },
): Promise<{ total: number; worst: AccountHealth[]; named: AccountHealth[] }> {
  const { limit, also, options } = input;
  const [cellRows, namedRows] = await db.batch<Record<string, unknown>>([
    db.prepare(HEALTH_SQL.CELLS).bind(siteId),
    db.prepare(HEALTH_SQL.NAMED).bind(siteId, JSON.stringify([...new Set(also)])),
  ]);
  const rowOf = new Map(((namedRows?.results ?? []) as unknown as AccountRow[]).map((r) => [r.account, r]));
  const cells = ranged((cellRows?.results ?? []) as unknown as (CellRow & { n: number })[], options);
  return {
    total: cells.reduce((sum, c) => sum + c.n, 0),
    worst: await worstOfCells(db, siteId, cells, limit, options),
    named: also.flatMap((account) => {
      const row = rowOf.get(account);
      return row ? [accountHealth(signalsOf(row), options)] : [];
    }),
  };
}

/**
 * The `limit` worst accounts of the cells (worstFirst): per cell that can hold one of them at
 * most `limit` accounts by index, cells in order of the lowest score they allow, stopping once
 * no further cell can beat the `limit`-th found.
 */
async function worstOfCells(
  db: D1Database,
  siteId: string,
  cells: readonly RangedCell[],
  limit: number,
  options: Scoring,
): Promise<AccountHealth[]> {
  // A bound on the limit-th worst score: the highest score of the limit worst placed by bounds.
  const byHighest = [...cells].sort((a, b) => a.hi - b.hi);
  let bound = Number.POSITIVE_INFINITY;
  for (let seen = 0, i = 0; i < byHighest.length; i++) {
    seen += (byHighest[i] as RangedCell).n;
    if (seen >= limit) {
      bound = (byHighest[i] as RangedCell).hi;
      break;
    }
  }
  // Cells that can hold one of the worst, by the lowest score they allow. The days wholly past
  // the inactivity days score alike (recency 0), so they are read as one range per combination.
  const idleUntil = Math.floor((options.now - options.inactivityDays * DAY_MS + 1) / DAY_MS) - 1;
  const units = new Map<string, { row: CellRow; lo: number; idle: boolean }>();
  for (const c of cells) {
    if (c.lo > bound + EPSILON) continue;
    const idle = c.row.last_day >= 0 && c.row.last_day <= idleUntil;
    const key = idle ? comboKey(c.row) : `${comboKey(c.row)}|${c.row.last_day}`;
    if (!units.has(key)) units.set(key, { row: c.row, lo: c.lo, idle });
  }
  const candidates = [...units.values()].sort((a, b) => a.lo - b.lo);
  const found: AccountHealth[] = [];
  const cutoff = () => {
    found.sort(worstFirst);
    if (found.length > limit) found.length = limit;
    return found.length < limit
      ? Number.POSITIVE_INFINITY
      : ((found[limit - 1] as AccountHealth).score ?? Number.POSITIVE_INFINITY);
  };
  for (let i = 0; i < candidates.length; ) {
    const last = cutoff();
    const wave: typeof candidates = [];
    while (i < candidates.length && wave.length < WAVE && (candidates[i] as { lo: number }).lo - EPSILON <= last) {
      wave.push(candidates[i] as (typeof candidates)[number]);
      i += 1;
    }
    if (wave.length === 0) break;
    const read = await db.batch<AccountRow>(
      wave.map(({ row, idle }) =>
        db
          .prepare(idle ? HEALTH_SQL.CELLS_IDLE : HEALTH_SQL.CELL_WORST)
          .bind(
            siteId,
            row.nps_pts,
            row.csat_pts,
            row.ces_pts,
            row.ttv_state,
            row.tickets,
            idle ? idleUntil : row.last_day,
            limit,
          ),
      ),
    );
    for (const { results } of read) for (const row of results) found.push(accountHealth(signalsOf(row), options));
  }
  cutoff();
  return found;
}
