import { type CustomerLife, DAY_MS, foldLives, periodBounds, periodStart } from '@heard/core';
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
    db.prepare('DELETE FROM retention_periods WHERE site_id = ?1').bind(siteId),
    db.prepare('DELETE FROM retention_period_days WHERE site_id = ?1').bind(siteId),
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
/** An account's lost day as the last day's reads count it: ?2 the last day's start, ?3 `to`, ?4 the last day, ?5 after. */
const lostDay = 'CASE WHEN lost_ts < ?2 THEN lost_ts / 86400000 WHEN lost_ts < ?3 THEN ?4 ELSE ?5 END';

/**
 * The SQL of the report, exported so a test can check its query plans use keys and indexes.
 * Times are days since 1970: `cut` is the start of the period that holds the window's last day,
 * `next` the start of the one after; earlier times fold to `before` (a day before the first
 * period), later ones to `after` (the day after the last: still a customer at the window's end).
 */
export const RETENTION_SQL = {
  /**
   * (site, unit, cut, before, after): accounts first active before `cut`, not lost in its period
   * nor before the first (those are in no period of the window).
   */
  PERIODS: `SELECT json_group_array(json_array(f, l, n)) AS rows FROM (
       SELECT max(first_p, ?4) AS f, CASE WHEN lost_p > ?3 THEN ?5 ELSE lost_p END AS l, sum(n) AS n
       FROM retention_periods WHERE site_id = ?1 AND unit = ?2 AND first_p < ?3 AND lost_p <> ?3 AND lost_p > ?4 AND n <> 0
       GROUP BY 1, 2)`,
  /** (site, unit, cut, next, last day, before, after): accounts first active before `cut`, lost in its period off the last day. */
  PERIOD_DAYS: `SELECT json_group_array(json_array(f, l, n)) AS rows FROM (
       SELECT max(first_p, ?6) AS f, CASE WHEN lost_day > ?5 THEN ?7 ELSE lost_day END AS l, sum(n) AS n
       FROM retention_period_days WHERE site_id = ?1 AND unit = ?2 AND lost_day >= ?3 AND lost_day < ?4
         AND lost_day <> ?5 AND first_p < ?3 AND n <> 0
       GROUP BY 1, 2)`,
  /** (site, cut, last day, after): accounts first active from `cut` to before the last day, not lost on it. */
  DAYS: `SELECT json_group_array(json_array(f, l, n)) AS rows FROM (
       SELECT first_day AS f, CASE WHEN lost_day > ?3 THEN ?4 ELSE lost_day END AS l, sum(n) AS n
       FROM retention_cells WHERE site_id = ?1 AND first_day >= ?2 AND first_day < ?3 AND lost_day <> ?3 AND n <> 0
       GROUP BY 1, 2)`,
  /**
   * (site, last day's start, `to`, last day, after): accounts first active on the last day before
   * `to`, per lost day (a time on the last day before `to` reads as its start; at or after `to`, as `after`).
   */
  FIRST_ON_LAST_DAY: `SELECT json_group_array(json_array(f, l, n)) AS rows FROM (
       SELECT ?4 AS f, ${lostDay} AS l, count(*) AS n FROM retention_accounts
       WHERE site_id = ?1 AND first_ts >= ?2 AND first_ts < ?3 GROUP BY 2)`,
  /** (site, last day's start, `to`, last day, after): accounts first active before the last day and lost on it. */
  LOST_ON_LAST_DAY: `SELECT json_group_array(json_array(f, l, n)) AS rows FROM (
       SELECT first_ts / 86400000 AS f, ${lostDay} AS l, count(*) AS n FROM retention_accounts
       WHERE site_id = ?1 AND lost_ts >= ?2 AND lost_ts < ?2 + 86400000 AND first_ts < ?2 GROUP BY 1, 2)`,
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

/** The reads of {@link retentionLives} for a window, in its order, with the days they are cut at. */
export function retentionReads(
  db: D1Database,
  q: { siteId: string; from: number; to: number; interval: 'month' | 'week' },
) {
  const bounds = periodBounds(q.from, q.to, q.interval);
  const lastDay = Math.floor(q.to / DAY_MS);
  const dayStart = lastDay * DAY_MS;
  const periodOf = (t: number) => Date.parse(periodStart(t, q.interval)) / DAY_MS;
  const cut = periodOf(dayStart);
  const next = (periodBounds(dayStart, dayStart + 1, q.interval)[1] as number) / DAY_MS;
  const before = (bounds[0] as number) / DAY_MS - 1;
  const after = lastDay + 1;
  const statements = [
    db.prepare(RETENTION_SQL.PERIODS).bind(q.siteId, q.interval, cut, before, after),
    db.prepare(RETENTION_SQL.PERIOD_DAYS).bind(q.siteId, q.interval, cut, next, lastDay, before, after),
    db.prepare(RETENTION_SQL.DAYS).bind(q.siteId, cut, lastDay, after),
    db.prepare(RETENTION_SQL.FIRST_ON_LAST_DAY).bind(q.siteId, dayStart, q.to, lastDay, after),
    db.prepare(RETENTION_SQL.LOST_ON_LAST_DAY).bind(q.siteId, dayStart, q.to, lastDay, after),
    db.prepare(RETENTION_SQL.LATE_USERS).bind(q.siteId, q.to),
    db.prepare(RETENTION_SQL.LATE_ACCOUNTS).bind(q.siteId, q.to),
  ];
  return { statements, bounds, lastDay, dayStart, cut, before, after, periodOf };
}

/**
 * The customer lives `retentionReport` needs for a window `[from, to)` that ends by now, read
 * from the rollup. The report compares times only with period starts and `to`, so an account
 * counts by its (first, lost) periods unless a time falls in the period that holds the last day
 * (`cut` on): lost in it, by (first period, lost day); first active in it, by (first day, lost
 * day); first active or lost on the last, partial day itself, by whether before `to` (a time on
 * that day before `to` reads as the day's start). The accounts with a user first active at or
 * after `to` are recomputed from their other users (none for a window ending now). A lost time
 * still ahead stands for "still a customer". Times before the first period and after the window
 * are summed together: the report reads O(periods² + 31²) counts, plus the index entries of the
 * accounts first active or lost on the last day.
 */
export async function retentionLives(
  db: D1Database,
  q: { siteId: string; from: number; to: number; interval: 'month' | 'week' },
): Promise<CustomerLife[]> {
  const { statements, bounds, lastDay, dayStart, cut, before, after, periodOf } = retentionReads(db, q);
  const [periods, periodDays, days, firstToday, lostToday, lateUsers, lateAccounts] = await db.batch<{
    rows: string;
  }>(statements);
  // The five counts hold disjoint accounts; equal (first, lost) days are the same life.
  const counts = new Map<string, { first: number; lost: number; n: number }>();
  for (const read of [periods, periodDays, days, firstToday, lostToday]) {
    for (const [f, l, n] of JSON.parse(read?.results[0]?.rows ?? '[]') as [number, number, number][]) {
      const into = counts.get(`${f}:${l}`);
      if (into) into.n += n;
      else counts.set(`${f}:${l}`, { first: f * DAY_MS, lost: l * DAY_MS, n });
    }
  }
  /** The count a stored account is in, keyed as the reads key it; null if none counts it. */
  const keyOf = ({ first, lost }: AccountRow) => {
    const [f, l] = [Math.floor(first / DAY_MS), Math.floor(lost / DAY_MS)];
    if (first >= q.to) return null;
    const lostAt = lost < dayStart ? l : lost < q.to ? lastDay : after;
    if (f === lastDay || l === lastDay) return `${f}:${lostAt}`;
    if (f >= cut) return `${f}:${l > lastDay ? after : l}`;
    const fp = Math.max(periodOf(first), before);
    const lp = periodOf(lost);
    if (lp === cut) return `${fp}:${l > lastDay ? after : l}`;
    if (lp <= before) return null;
    return `${fp}:${lp > cut ? after : lp}`;
  };
  // An account with a user first active at or after `to`: the report sees only its other users.
  for (const stored of rowsOf(lateAccounts?.results[0]?.rows)) {
    const key = keyOf(stored);
    const cell = key === null ? undefined : counts.get(key);
    if (cell) cell.n -= 1;
  }
  const exact = new Map<string, AccountRow>();
  for (const user of rowsOf(lateUsers?.results[0]?.rows)) {
    const account = exact.get(user.account);
    if (!account) exact.set(user.account, { ...user });
    else {
      account.first = Math.min(account.first, user.first);
      account.lost = Math.max(account.lost, user.lost);
    }
  }
  return [
    ...foldLives([...counts.values()], bounds, dayStart),
    ...[...exact.values()].map(({ first, lost }) => ({ first, lost })),
  ];
}
