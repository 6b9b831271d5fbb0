import type { AccountHealth, AccountSignals, Direction, HealthCell, HealthPartName, LatestAnswer } from '@heard/core';
import { accountHealth, cellScoreRange, DAY_MS, worstFirst } from '@heard/core';
import { jsonPath } from './json';

/** The settings a site's health rollup is kept for (migration 0150). */
export interface HealthKey {
  accountTrait: string;
  ttvStart: string;
  ttvValue: string;
}

/** A latest answer as `GET /v1/health` gives it: with its time. */
export type TimedAnswer = LatestAnswer & { at: number };

/** Every identified user of a site as a row of health_users: the same rules as the triggers of 0150. */
const USERS = `SELECT p.site_id, p.user_key,
    (SELECT CASE typeof(x) WHEN 'null' THEN p.user_key
              WHEN 'real' THEN (CASE WHEN x = CAST(x AS INTEGER) AND abs(x) < 1e15 THEN CAST(CAST(x AS INTEGER) AS TEXT) ELSE CAST(x AS TEXT) END)
              ELSE CAST(x AS TEXT) END FROM (SELECT json_extract(p.traits, ?2) AS x)) AS account,
    p.last_ts,
    EXISTS (SELECT 1 FROM milestones m WHERE m.site_id = p.site_id AND m.name = ?3 AND m.user_key = p.user_key) AS started,
    EXISTS (SELECT 1 FROM milestones m WHERE m.site_id = p.site_id AND m.name = ?4 AND m.user_key = p.user_key) AS reached
  FROM user_profiles p WHERE p.site_id = ?1 AND p.user_key NOT LIKE 'anon:%'`;

const latest = (kind: string) => `(SELECT json_array(l.score, l.scale_min, l.scale_max, l.direction, l.ts)
    FROM health_users v JOIN latest_answers l ON l.site_id = v.site_id AND l.user_key = v.user_key AND l.kind = '${kind}'
    WHERE v.site_id = a.site_id AND v.account = a.account ORDER BY l.ts DESC, v.user_key LIMIT 1)`;

/**
 * Makes sure the site keeps the health rollup of these settings (migration 0150). The first call
 * under a setting builds it from the profiles, first occurrences and latest answers, once
 * (O(users)), in one transaction so ingest beside it is counted exactly once; it drops the rollup
 * of any earlier setting. The users go in while no key is registered (their triggers do nothing),
 * the accounts in one GROUP BY, then the key.
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
    db
      .prepare(`INSERT INTO health_users (site_id, user_key, account, last_ts, started, reached) ${USERS}`)
      .bind(siteId, path, key.ttvStart, key.ttvValue),
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
        `INSERT INTO health_cells (site_id, nps_pts, csat_pts, ces_pts, ttv_state, last_day, n)
         SELECT site_id, nps_pts, csat_pts, ces_pts, ttv_state, last_day, count(*) FROM health_accounts
         WHERE site_id = ?1 GROUP BY nps_pts, csat_pts, ces_pts, ttv_state, last_day`,
      )
      .bind(siteId),
    db
      .prepare('INSERT INTO health_keys (site_id, account_path, ttv_start, ttv_value) VALUES (?1, ?2, ?3, ?4)')
      .bind(siteId, path, key.ttvStart, key.ttvValue),
  ]);
}

/** The SQL of the report, exported so a test can check its query plans use keys and indexes. */
export const HEALTH_SQL = {
  /** The accounts of the given users (the starters of open tickets without an account prop). */
  USER_ACCOUNTS: `SELECT user_key, account FROM health_users
       WHERE site_id = ?1 AND user_key IN (SELECT value FROM json_each(?2))`,
  /** Accounts per cell (migration 0151): O(days × combinations of answers). */
  CELLS: `SELECT nps_pts, csat_pts, ces_pts, ttv_state, last_day, n FROM health_cells WHERE site_id = ?1`,
  /** The worst accounts of one cell: by last activity, then name (the order of their scores). */
  CELL_WORST: `SELECT account, last_ts, started, reached, nps, csat, ces FROM health_accounts
       WHERE site_id = ?1 AND nps_pts = ?2 AND csat_pts = ?3 AND ces_pts = ?4 AND ttv_state = ?5 AND last_day = ?6
       ORDER BY last_ts, account LIMIT ?7`,
  /** The worst accounts of one combination over the days up to ?6 (all of them idle past the inactivity days). */
  CELLS_IDLE: `SELECT account, last_ts, started, reached, nps, csat, ces FROM health_accounts
       WHERE site_id = ?1 AND nps_pts = ?2 AND csat_pts = ?3 AND ces_pts = ?4 AND ttv_state = ?5 AND last_day BETWEEN 0 AND ?6
       ORDER BY last_day, last_ts, account LIMIT ?7`,
  /** Named accounts (those with open tickets, those that pay), with their cell. */
  NAMED: `SELECT account, last_ts, started, reached, nps, csat, ces, nps_pts, csat_pts, ces_pts, ttv_state, last_day
       FROM health_accounts WHERE site_id = ?1 AND account IN (SELECT value FROM json_each(?2))`,
} as const;

/** A row of health_accounts (migration 0150). */
export interface AccountRow {
  account: string;
  last_ts: number | null;
  started: number;
  reached: number;
  nps: string | null;
  csat: string | null;
  ces: string | null;
}
interface CellRow {
  nps_pts: number;
  csat_pts: number;
  ces_pts: number;
  ttv_state: number;
  last_day: number;
}

const answerOf = (json: string | null): TimedAnswer | null => {
  if (json === null) return null;
  const [score, lo, hi, direction, at] = JSON.parse(json) as [number, number, number, Direction, number];
  return { score, scale: [lo, hi] as const, direction, at };
};

/** An account's signals from its row of health_accounts. */
export const signalsOf = (row: AccountRow, openTickets: number): AccountSignals<TimedAnswer> => ({
  account: row.account,
  nps: answerOf(row.nps),
  csat: answerOf(row.csat),
  ces: answerOf(row.ces),
  lastActive: row.last_ts,
  ttvReached: row.reached > 0 ? true : row.started > 0 ? false : null,
  openTickets,
});
const cellKey = (c: CellRow) => `${c.nps_pts}|${c.csat_pts}|${c.ces_pts}|${c.ttv_state}|${c.last_day}`;
const known = (points: number) => (points < 0 ? null : points);
/** Scores computed from points read back from SQL may differ from JS's by rounding. */
const EPSILON = 1e-9;
/** Cells read per round trip while looking for the worst accounts. */
const WAVE = 16;

/**
 * `GET /v1/health` from the cells (migration 0151): the number of accounts, the `limit` worst
 * (worstFirst) and the named accounts (`also`, e.g. those that pay), every one scored exactly
 * from its own row. Reads every cell, the accounts with open tickets, and per cell that can
 * hold one of the worst at most `limit` accounts by index, cells in order of the lowest score
 * they allow, stopping once no further cell can beat the `limit`-th found: O(cells + tickets +
 * limit × cells read), never every account.
 */
export async function healthFromCells(
  db: D1Database,
  siteId: string,
  input: {
    openTickets: readonly { userKey: string; account: string | null }[];
    limit: number;
    also: readonly string[];
    options: { weights: Record<HealthPartName, number>; now: number; inactivityDays: number };
  },
): Promise<{ total: number; worst: AccountHealth[]; named: AccountHealth[] }> {
  const { openTickets, limit, also, options } = input;
  const starters = [...new Set(openTickets.filter((t) => t.account === null).map((t) => t.userKey))];
  const [cellRows, owners] = await db.batch<Record<string, unknown>>([
    db.prepare(HEALTH_SQL.CELLS).bind(siteId),
    db.prepare(HEALTH_SQL.USER_ACCOUNTS).bind(siteId, JSON.stringify(starters)),
  ]);
  const ownerOf = new Map(
    ((owners?.results ?? []) as { user_key: string; account: string }[]).map((r) => [r.user_key, r.account]),
  );
  const ticketsOf = new Map<string, number>();
  for (const ticket of openTickets) {
    const account = ticket.account ?? ownerOf.get(ticket.userKey);
    if (account !== undefined) ticketsOf.set(account, (ticketsOf.get(account) ?? 0) + 1);
  }
  const names = [...new Set([...ticketsOf.keys(), ...also])];
  const { results: namedRows } = await db
    .prepare(HEALTH_SQL.NAMED)
    .bind(siteId, JSON.stringify(names))
    .all<AccountRow & CellRow>();
  const rowOf = new Map(namedRows.map((r) => [r.account, r]));
  const score = (row: AccountRow) => accountHealth(signalsOf(row, ticketsOf.get(row.account) ?? 0), options);
  const none = (account: string): AccountRow => ({
    account,
    last_ts: null,
    started: 0,
    reached: 0,
    nps: null,
    csat: null,
    ces: null,
  });

  // Accounts with open tickets are scored from their own rows, and left out of their cells.
  const ticketed = new Map<string, AccountHealth>();
  const inCell = new Map<string, number>();
  for (const account of ticketsOf.keys()) {
    const row = rowOf.get(account);
    ticketed.set(account, score(row ?? none(account)));
    if (row) inCell.set(cellKey(row), (inCell.get(cellKey(row)) ?? 0) + 1);
  }
  const cells = ((cellRows?.results ?? []) as unknown as (CellRow & { n: number })[]).map((row) => {
    const cell: HealthCell = {
      nps: known(row.nps_pts),
      csat: known(row.csat_pts),
      ces: known(row.ces_pts),
      ttvReached: row.ttv_state < 0 ? null : row.ttv_state === 1,
      lastDay: row.last_day < 0 ? null : row.last_day,
    };
    const skip = inCell.get(cellKey(row)) ?? 0;
    return { row, n: row.n, free: row.n - skip, skip, ...cellScoreRange(cell, options) };
  });
  const total = cells.reduce((sum, c) => sum + c.n, 0) + [...ticketsOf.keys()].filter((a) => !rowOf.has(a)).length;

  // A bound on the limit-th worst score: the highest score of the limit worst placed by bounds.
  const bounds = [
    ...cells.map((c) => ({ score: c.hi, n: c.free })),
    ...[...ticketed.values()].map((a) => ({ score: a.score ?? Number.POSITIVE_INFINITY, n: 1 })),
  ].sort((a, b) => a.score - b.score);
  let bound = Number.POSITIVE_INFINITY;
  for (let seen = 0, i = 0; i < bounds.length; i++) {
    seen += (bounds[i] as { n: number }).n;
    if (seen >= limit) {
      bound = (bounds[i] as { score: number }).score;
      break;
    }
  }
  // Cells that can hold one of the worst, by the lowest score they allow. The days wholly past
  // the inactivity days score alike (recency 0), so they are read as one range per combination.
  const idleUntil = Math.floor((options.now - options.inactivityDays * DAY_MS + 1) / DAY_MS) - 1;
  const units = new Map<string, { row: CellRow; lo: number; skip: number; idle: boolean }>();
  for (const c of cells) {
    if (c.free <= 0 || c.lo > bound + EPSILON) continue;
    const idle = c.row.last_day >= 0 && c.row.last_day <= idleUntil;
    const key = idle ? `${cellKey({ ...c.row, last_day: -2 })}` : cellKey(c.row);
    const unit = units.get(key);
    if (unit) unit.skip += c.skip;
    else units.set(key, { row: c.row, lo: c.lo, skip: c.skip, idle });
  }
  const candidates = [...units.values()].sort((a, b) => a.lo - b.lo);
  const found: AccountHealth[] = [...ticketed.values()];
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
      wave.map(({ row, skip, idle }) =>
        db
          .prepare(idle ? HEALTH_SQL.CELLS_IDLE : HEALTH_SQL.CELL_WORST)
          .bind(
            siteId,
            row.nps_pts,
            row.csat_pts,
            row.ces_pts,
            row.ttv_state,
            idle ? idleUntil : row.last_day,
            limit + skip,
          ),
      ),
    );
    for (const { results } of read) {
      for (const row of results) if (!ticketed.has(row.account)) found.push(score(row));
    }
  }
  cutoff();
  const named = also.map((account) => ticketed.get(account) ?? score(rowOf.get(account) ?? none(account)));
  return {
    total,
    worst: found,
    named: named.filter((a) => rowOf.has(a.account) || ticketsOf.has(a.account)),
  };
}
