import type { AccountSignals, Direction, LatestAnswer } from '@heard/core';
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
      .prepare('INSERT INTO health_keys (site_id, account_path, ttv_start, ttv_value) VALUES (?1, ?2, ?3, ?4)')
      .bind(siteId, path, key.ttvStart, key.ttvValue),
  ]);
}

/** The SQL of the report, exported so a test can check its query plans use keys and indexes. */
export const HEALTH_SQL = {
  ACCOUNTS: `SELECT account, last_ts, started, reached, nps, csat, ces FROM health_accounts WHERE site_id = ?1`,
  /** The accounts of the given users (the starters of open tickets without an account prop). */
  USER_ACCOUNTS: `SELECT user_key, account FROM health_users
       WHERE site_id = ?1 AND user_key IN (SELECT value FROM json_each(?2))`,
} as const;

const answerOf = (json: string | null): TimedAnswer | null => {
  if (json === null) return null;
  const [score, lo, hi, direction, at] = JSON.parse(json) as [number, number, number, Direction, number];
  return { score, scale: [lo, hi] as const, direction, at };
};

/**
 * Every account's health signals from the rollup (one row per account) and the open tickets
 * given: what `accountSignals` gathers from every user's facts, in no particular order. A ticket
 * counts for its own account, else its starter's; an account that only has tickets is listed too,
 * and a ticket of a starter with no profile counts nowhere (as there).
 */
export async function rollupSignals(
  db: D1Database,
  siteId: string,
  openTickets: readonly { userKey: string; account: string | null }[],
): Promise<AccountSignals<TimedAnswer>[]> {
  const starters = [...new Set(openTickets.filter((t) => t.account === null).map((t) => t.userKey))];
  const [accounts, owners] = await db.batch<Record<string, unknown>>([
    db.prepare(HEALTH_SQL.ACCOUNTS).bind(siteId),
    db.prepare(HEALTH_SQL.USER_ACCOUNTS).bind(siteId, JSON.stringify(starters)),
  ]);
  const byAccount = new Map<string, AccountSignals<TimedAnswer>>();
  for (const row of (accounts?.results ?? []) as {
    account: string;
    last_ts: number | null;
    started: number;
    reached: number;
    nps: string | null;
    csat: string | null;
    ces: string | null;
  }[]) {
    byAccount.set(row.account, {
      account: row.account,
      nps: answerOf(row.nps),
      csat: answerOf(row.csat),
      ces: answerOf(row.ces),
      lastActive: row.last_ts,
      ttvReached: row.reached > 0 ? true : row.started > 0 ? false : null,
      openTickets: 0,
    });
  }
  const accountOf = new Map(
    ((owners?.results ?? []) as { user_key: string; account: string }[]).map((r) => [r.user_key, r.account]),
  );
  for (const ticket of openTickets) {
    const account = ticket.account ?? accountOf.get(ticket.userKey);
    if (account === undefined) continue;
    let signals = byAccount.get(account);
    if (!signals) {
      signals = { account, nps: null, csat: null, ces: null, lastActive: null, ttvReached: null, openTickets: 0 };
      byAccount.set(account, signals);
    }
    signals.openTickets += 1;
  }
  return [...byAccount.values()];
}
