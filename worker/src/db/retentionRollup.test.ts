import { env } from 'cloudflare:test';
import { accountLives, DAY_MS as DAY, retentionReport } from '@heard/core';
import { describe, expect, it } from 'vitest';
import { storeBatch } from './collect';
import { customerRows } from './retention';
import { ensureRetentionRollup, RETENTION_SQL, retentionLives, retentionReads } from './retentionRollup';
import { createSite } from './sites';

const HOUR = 3_600_000;
const now = Date.now();
// A window ending at noon two days ago: its last day is partial, and some users began after it.
const day = Math.floor(now / DAY) - 2;
const to = day * DAY + 12 * HOUR;
const from = to - 14 * DAY;
const key = { accountTrait: 'company', churnEvent: 'churned', inactivityMs: 3 * DAY };

const ev = (name: string, userId: string, ts: number, props?: Record<string, string>) => ({
  id: crypto.randomUUID(),
  name,
  userId,
  ts,
  ...(props ? { props } : {}),
});

describe('retentionLives', () => {
  it('reads the last, partial day to the ms and leaves out users first active after the window', async () => {
    const site = await createSite(env.DB, { name: 'r', origins: [] });
    await ensureRetentionRollup(env.DB, site.id, key);
    const events = [
      // x: new an hour into the last day, still a customer.
      ev('page_viewed', 'x', day * DAY + HOUR),
      ev('page_viewed', 'x', now),
      // y: first active exactly at `to`, so not in the window.
      ev('page_viewed', 'y', to),
      // z: churns 1 ms before `to` (lost in the window); w churns at `to` (not lost in it).
      ev('page_viewed', 'z', to - 5 * DAY),
      ev('churned', 'z', to - 1),
      ev('page_viewed', 'w', to - 5 * DAY),
      ev('churned', 'w', to),
      // acme: p quiet since 10 days before `to` (lost 7 days before it); q joins after `to` and
      // stays active, which keeps acme a customer now but not in this window.
      ev('identify', 'p', to - 10 * DAY, { company: 'acme' }),
      ev('identify', 'q', to + HOUR, { company: 'acme' }),
      ev('page_viewed', 'q', now),
    ];
    await storeBatch(env.DB, site.id, { answers: [], displays: [], events }, now);
    const window = { from, to, interval: 'week' as const };
    const report = retentionReport(await retentionLives(env.DB, { siteId: site.id, ...window }), window);
    const sum = (k: 'new' | 'lost') => report.periods.reduce((n, p) => n + p[k], 0);
    // New: x, z, w, acme. Lost: z (to − 1 ms) and acme (p's inactivity ran out at to − 7 days).
    expect(sum('new')).toBe(4);
    expect(sum('lost')).toBe(2);
    expect(report.periods.at(-1)?.end).toBe(2);
    const exact = accountLives(await customerRows(env.DB, { siteId: site.id, to, ...key }), {
      now,
      inactivityMs: key.inactivityMs,
    });
    expect(report).toEqual(retentionReport(exact, window));
    // Cells hold accounts, not users: acme counts once though it has two.
    const cells = await env.DB.prepare('SELECT sum(n) AS n FROM retention_cells WHERE site_id = ?')
      .bind(site.id)
      .first<{ n: number }>();
    expect(cells?.n).toBe(5);
  });

  it('reads nothing for a site without customers, and one customer as one', async () => {
    const site = await createSite(env.DB, { name: 'empty', origins: [] });
    await ensureRetentionRollup(env.DB, site.id, key);
    const window = { from, to, interval: 'month' as const };
    expect(await retentionLives(env.DB, { siteId: site.id, ...window })).toEqual([]);
    await storeBatch(env.DB, site.id, { answers: [], displays: [], events: [ev('page_viewed', 'solo', from)] }, now);
    const report = retentionReport(await retentionLives(env.DB, { siteId: site.id, ...window }), window);
    expect(report.periods.reduce((n, p) => n + p.new, 0)).toBe(1);
    expect(report.periods.reduce((n, p) => n + p.lost, 0)).toBe(1);
  });
});

describe('the retention report read', () => {
  it('reads counts that grow with periods, not with accounts or with days', async () => {
    const site = await createSite(env.DB, { name: 'many', origins: [] });
    await ensureRetentionRollup(env.DB, site.id, key);
    // 6,000 accounts first active over 400 days, each active for 0–182 days after: thousands of
    // distinct (first day, lost day) cells.
    await env.DB.prepare(
      `WITH RECURSIVE u(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM u WHERE i < 5999)
       INSERT INTO user_profiles (site_id, user_key, first_ts, last_ts, traits, traits_ts)
       SELECT ?1, 'm-' || i, ?2 - (i % 400) * ?3 - i, ?2 - (i % 400) * ?3 + (i / 400) * 13 * ?3, '{}', 1 FROM u`,
    )
      .bind(site.id, to - 2 * HOUR, DAY)
      .run();
    const cells = await env.DB.prepare('SELECT count(*) AS n FROM retention_cells WHERE site_id = ?1 AND n > 0')
      .bind(site.id)
      .first<number>('n');
    expect(cells).toBeGreaterThan(4000);
    for (const interval of ['month', 'week'] as const) {
      const window = { from: to - 365 * DAY, to, interval };
      const reads = await env.DB.batch(retentionReads(env.DB, { siteId: site.id, ...window }).statements);
      const rows = reads.reduce((n, r) => n + r.meta.rows_read, 0);
      // The period cells of the site's history (20 months, 84 weeks, up to the last day's period),
      // ≤ 31 lost days (7 by week) per first period, ≤ 31² first days (7²), each read and grouped.
      expect(rows, interval).toBeLessThan(interval === 'month' ? 2000 : 4000);
      expect(rows, interval).toBeLessThan(cells ?? 0);
      const exact = accountLives(await customerRows(env.DB, { siteId: site.id, to, ...key }), {
        now,
        inactivityMs: key.inactivityMs,
      });
      expect(retentionReport(await retentionLives(env.DB, { siteId: site.id, ...window }), window)).toEqual(
        retentionReport(exact, window),
      );
    }
  });
});

describe('retention rollup query plans', () => {
  const plan = async (sql: string, ...params: unknown[]) => {
    const { results } = await env.DB.prepare(`EXPLAIN QUERY PLAN ${sql}`)
      .bind(...params)
      .all<{ detail: string }>();
    return results.map((r) => r.detail);
  };

  it('reads every table of the report by a key or an index range, never a scan', async () => {
    for (const [name, sql] of Object.entries(RETENTION_SQL)) {
      const params = Math.max(...[...sql.matchAll(/\?(\d)/g)].map((m) => Number(m[1])));
      const steps = await plan(sql, ...['s', 'week', 1, 2, 3, 4, 5].slice(0, params));
      expect(
        steps.filter((step) => /^SCAN retention_/.test(step)),
        `${name}:\n${steps.join('\n')}`,
      ).toEqual([]);
      expect(
        steps.some((step) => /^SEARCH retention_/.test(step)),
        name,
      ).toBe(true);
      // The last day's losses are counted in the index, not looked up one by one.
      if (name === 'LOST_ON_LAST_DAY')
        expect(steps.join('\n'), name).toMatch(/SEARCH retention_accounts USING COVERING INDEX/);
    }
  });

  it('recomputes an account from its own users, not by walking the first-active index', async () => {
    const steps = await plan(
      'SELECT min(first_ts), max(lost_ts) FROM retention_users WHERE site_id = ?1 AND account = ?2',
      's',
      'acme',
    );
    expect(steps.join('\n')).toMatch(
      /SEARCH retention_users USING COVERING INDEX retention_users_account \(site_id=\? AND account=\?\)/,
    );
  });
});
