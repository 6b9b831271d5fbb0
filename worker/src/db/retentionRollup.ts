import { type CustomerLife, DAY_MS, foldLives, periodBounds } from '@heard/core';
import { jsonPath } from './json';

/** The settings a site's retention rollup is kept for (migration 0110). */
export interface RetentionKey {
  accountTrait: string;
  churnEvent: string;
  inactivityMs: number;
}

/** Every customer of a site as a row of retention_users: the same rules as the triggers of 0110. */
const CUSTOMERS = `SELECT p.site_id, p.user_key,
    (SELECT CASE typeof(x) WHEN 'null' THEN p.user_key
              WHEN 'real' THEN (CASE WHEN x = CAST(x AS INTEGER) AND abs(x) < 1e15 THEN CAST(CAST(x AS INTEGER) AS TEXT) ELSE CAST(x AS TEXT) END)
              ELSE CAST(x AS TEXT) END FROM (SELECT json_extract(p.traits, ?2) AS x)) AS account,
    p.first_ts, coalesce(m.ts, p.last_ts + ?4) AS lost_ts
  FROM user_profiles p
  LEFT JOIN milestones m ON m.site_id = p.site_id AND m.name = ?3 AND m.user_key = p.user_key
  WHERE p.site_id = ?1 AND p.first_ts IS NOT NULL AND p.user_key NOT LIKE 'anon:%'`;

/**
 * Makes sure the site keeps the retention rollup of these settings (migration 0110). The first
 * call under a setting builds it from the profiles and churn milestones, once (O(users)), in one
 * transaction so ingest running beside it is counted exactly once; it drops the rollup of any
 * earlier setting.
 */
export async function ensureRetentionRollup(db: D1Database, siteId: string, key: RetentionKey): Promise<void> {
  const path = jsonPath(key.accountTrait);
  const kept = await db
    .prepare(
      'SELECT 1 FROM retention_keys WHERE site_id = ?1 AND account_path = ?2 AND churn_event = ?3 AND inactivity_ms = ?4',
    )
    .bind(siteId, path, key.churnEvent, key.inactivityMs)
    .first();
  if (kept) return;
  await db.batch([
    // Accounts before users, so the users' delete trigger finds no account left to recompute.
    db.prepare('DELETE FROM retention_keys WHERE site_id = ?1').bind(siteId),
    db.prepare('DELETE FROM retention_accounts WHERE site_id = ?1').bind(siteId),
    db.prepare('DELETE FROM retention_cells WHERE site_id = ?1').bind(siteId),
    db.prepare('DELETE FROM retention_users WHERE site_id = ?1').bind(siteId),
    db
      .prepare('INSERT INTO retention_keys (site_id, account_path, churn_event, inactivity_ms) VALUES (?1, ?2, ?3, ?4)')
      .bind(siteId, path, key.churnEvent, key.inactivityMs),
    // Accounts first, in one GROUP BY (their insert trigger counts each in its cell); then the
    // users, whose trigger finds every account already as wide as they make it.
    db
      .prepare(
        `INSERT INTO retention_accounts (site_id, account, first_ts, lost_ts)
         SELECT ?1, account, min(first_ts), max(lost_ts) FROM (${CUSTOMERS}) GROUP BY account`,
      )
      .bind(siteId, path, key.churnEvent, key.inactivityMs),
    db
      .prepare(`INSERT INTO retention_users (site_id, user_key, account, first_ts, lost_ts) ${CUSTOMERS}`)
      .bind(siteId, path, key.churnEvent, key.inactivityMs),
  ]);
}

const late = 'SELECT account FROM retention_users WHERE site_id = ?1 AND first_ts >= ?2';

/** The SQL of the report, exported so a test can check its query plans use keys and indexes. */
export const RETENTION_SQL = {
  /** Accounts per (first day, lost day) off the last day (?3), folded before the first period (?2) and after the window. */
  CELLS: `SELECT json_group_array(json_array(f, l, n)) AS rows FROM (
       SELECT max(first_day, ?2) AS f, CASE WHEN lost_day > ?3 THEN ?3 + 1 ELSE max(lost_day, ?2) END AS l, sum(n) AS n
       FROM retention_cells WHERE site_id = ?1 AND first_day < ?3 AND lost_day <> ?3 AND n <> 0
       GROUP BY 1, 2)`,
  /** Accounts first active on the last day, before `to`. */
  FIRST_ON_LAST_DAY: `SELECT json_group_array(json_array(account, first_ts, lost_ts)) AS rows FROM retention_accounts
         WHERE site_id = ?1 AND first_ts >= ?2 AND first_ts < ?3`,
  /** Accounts first active before the last day and lost on it. */
  LOST_ON_LAST_DAY: `SELECT json_group_array(json_array(account, first_ts, lost_ts)) AS rows FROM retention_accounts
         WHERE site_id = ?1 AND lost_ts >= ?2 AND lost_ts < ?3 AND first_ts < ?2`,
  /** The users first active before `to` of accounts that have a user first active at or after it. */
  LATE_USERS: `SELECT json_group_array(json_array(account, first_ts, lost_ts)) AS rows FROM retention_users
         WHERE site_id = ?1 AND account IN (${late}) AND first_ts < ?2`,
  /** Those accounts as stored. */
  LATE_ACCOUNTS: `SELECT json_group_array(json_array(account, first_ts, lost_ts)) AS rows FROM retention_accounts
         WHERE site_id = ?1 AND account IN (${late})`,
} as const;

interface AccountRow {
  account: string;
  first: number;
  lost: number;
}

const rowsOf = (json: string | undefined) =>
  (JSON.parse(json ?? '[]') as [string, number, number][]).map(([account, first, lost]) => ({ account, first, lost }));

/**
 * The customer lives `retentionReport` needs for a window `[from, to)` that ends by now, read
 * from the rollup: day cells (counts) for every account whose first and lost days both differ
 * from the window's last, partial day; the accounts of that day one by one, to the ms; and
 * the accounts with a user first active at or after `to`, recomputed from their other users
 * (none for a window ending now). A lost time still ahead stands for "still a customer": every
 * period of the window compares it only with times up to `to`. Cells before the first period
 * and lost after the window are summed together, so the report reads O(window days²) cells.
 */
export async function retentionLives(
  db: D1Database,
  q: { siteId: string; from: number; to: number; interval: 'month' | 'week' },
): Promise<CustomerLife[]> {
  const lastDay = Math.floor(q.to / DAY_MS);
  const before = Math.floor((periodBounds(q.from, q.to, q.interval)[0] as number) / DAY_MS) - 1;
  const dayStart = lastDay * DAY_MS;
  const [cells, firstToday, lostToday, lateUsers, lateAccounts] = await db.batch<{ rows: string }>([
    db.prepare(RETENTION_SQL.CELLS).bind(q.siteId, before, lastDay),
    db.prepare(RETENTION_SQL.FIRST_ON_LAST_DAY).bind(q.siteId, dayStart, q.to),
    db.prepare(RETENTION_SQL.LOST_ON_LAST_DAY).bind(q.siteId, dayStart, dayStart + DAY_MS),
    db.prepare(RETENTION_SQL.LATE_USERS).bind(q.siteId, q.to),
    db.prepare(RETENTION_SQL.LATE_ACCOUNTS).bind(q.siteId, q.to),
  ]);
  const counts = new Map<string, { first: number; lost: number; n: number }>();
  for (const [f, l, n] of JSON.parse(cells?.results[0]?.rows ?? '[]') as [number, number, number][]) {
    counts.set(`${f}:${l}`, { first: f * DAY_MS, lost: l * DAY_MS, n });
  }
  const exact = new Map<string, AccountRow>();
  for (const row of [...rowsOf(firstToday?.results[0]?.rows), ...rowsOf(lostToday?.results[0]?.rows)]) {
    exact.set(row.account, row);
  }
  // An account with a user first active at or after `to`: the report sees only its other users.
  for (const stored of rowsOf(lateAccounts?.results[0]?.rows)) {
    if (exact.delete(stored.account)) continue;
    const f = Math.floor(stored.first / DAY_MS);
    const l = Math.floor(stored.lost / DAY_MS);
    if (f >= lastDay || l === lastDay) continue;
    const cell = counts.get(`${Math.max(f, before)}:${l > lastDay ? lastDay + 1 : Math.max(l, before)}`);
    if (cell) cell.n -= 1;
  }
  for (const user of rowsOf(lateUsers?.results[0]?.rows)) {
    const account = exact.get(user.account);
    if (!account) exact.set(user.account, { ...user });
    else {
      account.first = Math.min(account.first, user.first);
      account.lost = Math.max(account.lost, user.lost);
    }
  }
  return [
    ...foldLives([...counts.values()], periodBounds(q.from, q.to, q.interval), dayStart),
    ...[...exact.values()].map(({ first, lost }) => ({ first, lost })),
  ];
}
