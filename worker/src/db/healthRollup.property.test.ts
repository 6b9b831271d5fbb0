import { env } from 'cloudflare:test';
import type { Answer, Event, Kind } from '@heard/core';
import { accountHealth, accountSignals, atRisk, DAY_MS as DAY, worstFirst } from '@heard/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { latestAnswers, milestoneUsers, profileRows } from './accountHealth';
import { type Items, storeBatch } from './collect';
import { ensureDurationRollup } from './durationRollup';
import { durationEntities } from './durations';
import { atRiskFromCells, ensureHealthRollup, HEALTH_SQL, type HealthKey, healthFromCells } from './healthRollup';
import { createSite } from './sites';
import { eraseUser } from './users';

const now = Date.now();
const START = 'ticket_opened';
const END = 'ticket_closed';

/** Events of a small pool of users, accounts and names in the last 60 days, so they collide. */
const eventOf = fc.record({
  user: fc.constantFrom('u1', 'u2', 'u3', 'u4', 'u5', 'anon:u6'),
  name: fc.constantFrom('page_viewed', 'identify', 'identify', 'signed_up', 'activated', 'joined', START, END),
  account: fc.constantFrom('acme', 'acme', 'beta', 7, 2.5, true, null),
  ticket: fc.constantFrom('T1', 'T2', 'T3', 'T4', 'T5'),
  ticketAccount: fc.option(fc.constantFrom('acme', 'zeta'), { freq: 3 }),
  age: fc.integer({ min: 0, max: 60 * DAY }),
});
const answerOf = fc.record({
  user: fc.constantFrom('u1', 'u2', 'u3', 'u4', 'u7'),
  anonymous: fc.boolean(),
  kind: fc.constantFrom<Kind>('nps', 'csat', 'ces'),
  score: fc.integer({ min: 1, max: 5 }),
  // Few distinct times, so answers of users of one account tie.
  age: fc.constantFrom(0, DAY),
});
const plan = fc.array(
  fc.record({
    events: fc.array(eventOf, { maxLength: 8 }),
    answers: fc.array(answerOf, { maxLength: 6 }),
    erase: fc.option(fc.constantFrom('u1', 'u2'), { freq: 5 }),
  }),
  { minLength: 1, maxLength: 5 },
);
const keyOf = fc.record({
  accountTrait: fc.constantFrom('company', 'team'),
  ttvStart: fc.constantFrom('signed_up', 'joined'),
  ttvValue: fc.constantFrom('activated', 'page_viewed'),
});
const weight = fc.integer({ min: 0, max: 30 });
const optionsOf = fc.record({
  weights: fc.record({ nps: weight, csat: weight, ces: weight, recency: weight, ttv: weight, tickets: weight }),
  inactivityDays: fc.constantFrom(1, 14, 30),
});

/** The open tickets, as GET /v1/health reads them (both paths). */
async function openTickets(siteId: string, key: HealthKey) {
  const tickets = await durationEntities(env.DB, {
    siteId,
    start: START,
    end: END,
    from: 0,
    to: now + 1,
    accountTrait: key.accountTrait,
  });
  return tickets.filter((t) => t.end === null);
}

/** The signals read per user, as scoredAccounts computed them before the rollup. */
async function exact(siteId: string, key: HealthKey) {
  const [users, answers, milestones] = await Promise.all([
    profileRows(env.DB, siteId, key.accountTrait),
    latestAnswers(env.DB, siteId),
    milestoneUsers(env.DB, siteId, [key.ttvStart, key.ttvValue]),
  ]);
  return accountSignals({
    users,
    answers: answers.map((a) => ({
      userKey: a.userKey,
      kind: a.kind,
      ts: a.ts,
      answer: { score: a.score, scale: [a.scaleMin, a.scaleMax] as const, direction: a.direction, at: a.ts },
    })),
    started: new Set(milestones.filter((m) => m.name === key.ttvStart).map((m) => m.user_key)),
    reached: new Set(milestones.filter((m) => m.name === key.ttvValue).map((m) => m.user_key)),
    openTickets: await openTickets(siteId, key),
  });
}

const CELL = 'nps_pts, csat_pts, ces_pts, ttv_state, tickets, last_day';
/** The cells kept by the triggers, and the same counted from the accounts now. */
async function cellsOf(siteId: string) {
  const kept = await env.DB.prepare(`SELECT ${CELL}, n FROM health_cells WHERE site_id = ?1 ORDER BY ${CELL}`)
    .bind(siteId)
    .all();
  const counted = await env.DB.prepare(
    `SELECT ${CELL.replace('tickets', 'tickets_key AS tickets')}, count(*) AS n FROM health_accounts
     WHERE site_id = ?1 GROUP BY ${CELL.replace('tickets', 'tickets_key')} ORDER BY ${CELL.replace('tickets', 'tickets_key')}`,
  )
    .bind(siteId)
    .all();
  return { kept: kept.results, counted: counted.results };
}
/** Accounts asked for by name (as the paying ones are): some exist, some never do. */
const NAMED = ['acme', 'beta', '7', '2.5', 'true', 'u1', 'u3', 'zeta', 'nobody'];

describe('the health rollup under any arrival order, identify, milestones, answers and erasure', () => {
  it('gives the worst accounts, the total and the named accounts as read per user, with cells counting the accounts: kept live, built afterwards, rebuilt for new settings', async () => {
    await fc.assert(
      fc.asyncProperty(plan, keyOf, keyOf, optionsOf, async (steps, key, next, options) => {
        const live = await createSite(env.DB, { name: 'live', origins: [] });
        const later = await createSite(env.DB, { name: 'later', origins: [] });
        await ensureHealthRollup(env.DB, live.id, key);
        await ensureDurationRollup(env.DB, live.id, START, END);
        const check = async (siteId: string, k: HealthKey) => {
          const score = { ...options, now };
          const want = (await exact(siteId, k)).map((s) => accountHealth(s, score)).sort(worstFirst);
          // The open tickets follow the resolution rollup, as the report keeps it (an erasure drops it).
          await ensureDurationRollup(env.DB, siteId, START, END);
          const { kept, counted } = await cellsOf(siteId);
          expect(kept).toEqual(counted);
          for (const limit of [1, 2, 3, 1000]) {
            const got = await healthFromCells(env.DB, siteId, {
              limit,
              also: NAMED,
              options: score,
            });
            expect(got.total).toBe(want.length);
            expect(got.worst).toEqual(want.slice(0, limit));
            expect(got.named).toEqual(NAMED.flatMap((name) => want.filter((a) => a.account === name)));
          }
          // The digest's list: every account under the threshold.
          for (const threshold of [0, 40, 60, 101]) {
            expect(await atRiskFromCells(env.DB, siteId, { threshold, options: score })).toEqual(
              atRisk(want, threshold),
            );
          }
        };
        for (const step of steps) {
          const events: Event[] = step.events.map(
            (e): Event => ({
              id: crypto.randomUUID(),
              name: e.name,
              userId: e.user,
              ts: now - e.age,
              ...(e.name === 'identify' && e.account !== null
                ? { props: { company: e.account, team: e.account } }
                : {}),
              ...(e.name === START || e.name === END
                ? { entity: e.ticket, ...(e.ticketAccount ? { props: { company: e.ticketAccount } } : {}) }
                : {}),
            }),
          );
          const answers: Answer[] = step.answers.map((a) => ({
            id: crypto.randomUUID(),
            kind: a.kind,
            score: a.kind === 'nps' ? a.score * 2 : a.score,
            scale: a.kind === 'nps' ? [0, 10] : [1, 5],
            ...(a.kind === 'ces' ? { direction: 'lower-better' as const } : {}),
            ...(a.anonymous ? { anonymousId: a.user } : { userId: a.user }),
            ts: now - a.age,
          }));
          const items: Items = { answers, displays: [], events };
          for (const site of [live, later]) await storeBatch(env.DB, site.id, items, now);
          if (step.erase) for (const site of [live, later]) await eraseUser(env.DB, site.id, step.erase);
          await check(live.id, key);
        }
        await ensureHealthRollup(env.DB, later.id, key);
        await check(later.id, key);
        await ensureHealthRollup(env.DB, later.id, next);
        await check(later.id, next);
        // Back to the first settings on the live site: rebuilt, still equal.
        await ensureHealthRollup(env.DB, live.id, next);
        await check(live.id, next);
      }),
      { numRuns: 20 },
    );
  }, 180_000);
});

describe('the health cells over thousands of accounts and hundreds of days', () => {
  it('give the worst accounts of every limit as read per user, reading a cell only while it can beat them', async () => {
    const site = await createSite(env.DB, { name: 'many', origins: [] });
    const key: HealthKey = { accountTrait: 'company', ttvStart: 'signed_up', ttvValue: 'activated' };
    await ensureHealthRollup(env.DB, site.id, key);
    await ensureDurationRollup(env.DB, site.id, START, END);
    // 3,000 users in 1,000 accounts, active over 200 days; 1 in 3 answered NPS, 1 in 5 CSAT;
    // 1 in 7 opened a ticket before their last activity, 1 in 3 of those a second one, 1 in 28 of
    // those (who reached value) four more: past the four at which the tickets part is 0.
    await env.DB.batch([
      env.DB.prepare(
        `WITH RECURSIVE u(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM u WHERE i < 2999)
         INSERT INTO user_profiles (site_id, user_key, first_ts, last_ts, traits, traits_ts)
         SELECT ?1, 'p-' || i, ?2 - 300 * ${DAY}, ?2 - ((i * 37) % 200) * ${DAY} - (i * 7919) % ${DAY}, json_object('company', 'c-' || (i % 1000)), 1 FROM u`,
      ).bind(site.id, now),
      env.DB.prepare(
        `WITH RECURSIVE u(i) AS (SELECT 0 UNION ALL SELECT i + 3 FROM u WHERE i < 2997)
         INSERT INTO latest_answers (site_id, user_key, kind, answer_id, score, scale_min, scale_max, direction, ts)
         SELECT ?1, 'p-' || i, 'nps', 'a-' || i, i % 11, 0, 10, 'higher-better', ?2 - i FROM u`,
      ).bind(site.id, now),
      env.DB.prepare(
        `WITH RECURSIVE u(i) AS (SELECT 0 UNION ALL SELECT i + 5 FROM u WHERE i < 2995)
         INSERT INTO latest_answers (site_id, user_key, kind, answer_id, score, scale_min, scale_max, direction, ts)
         SELECT ?1, 'p-' || i, 'csat', 'c-' || i, 1 + i % 5, 1, 5, 'higher-better', ?2 - i FROM u`,
      ).bind(site.id, now),
      env.DB.prepare(
        `WITH RECURSIVE u(i) AS (SELECT 0 UNION ALL SELECT i + 2 FROM u WHERE i < 2998)
         INSERT INTO milestones (site_id, user_key, name, ts) SELECT ?1, 'p-' || i, 'signed_up', ?2 - 250 * ${DAY} FROM u`,
      ).bind(site.id, now),
      env.DB.prepare(
        `WITH RECURSIVE u(i) AS (SELECT 0 UNION ALL SELECT i + 4 FROM u WHERE i < 2996)
         INSERT INTO milestones (site_id, user_key, name, ts) SELECT ?1, 'p-' || i, 'activated', ?2 - 240 * ${DAY} FROM u`,
      ).bind(site.id, now),
      env.DB.prepare(
        `WITH RECURSIVE u(i) AS (SELECT 0 UNION ALL SELECT i + 7 FROM u WHERE i < 2993)
         INSERT INTO events (site_id, id, name, user_id, entity, ts, received_at)
         SELECT ?1, 't-' || i, '${START}', 'p-' || i, 'T-' || i, ?2 - 300 * ${DAY} - i, ?2 FROM u
         UNION ALL SELECT ?1, 's-' || i, '${START}', 'p-' || i, 'S-' || i, ?2 - 300 * ${DAY} - i, ?2 FROM u WHERE i % 3 = 0
         UNION ALL SELECT ?1, x || '-' || i, '${START}', 'p-' || i, x || '-' || i, ?2 - 300 * ${DAY} - i, ?2
           FROM u, (SELECT 'A' AS x UNION ALL SELECT 'B' UNION ALL SELECT 'C' UNION ALL SELECT 'D') WHERE i % 196 = 0`,
      ).bind(site.id, now),
    ]);
    const ticketed = await env.DB.prepare(
      'SELECT count(*) AS n, sum(tickets > 4) AS many FROM health_accounts WHERE site_id = ?1 AND tickets > 0',
    )
      .bind(site.id)
      .first<{ n: number; many: number }>();
    // Users 0, 7, …, 2996 (429, each in an account of their own), of whom 0, 196, …, 2940 (16) have 5 or 6.
    expect(ticketed).toEqual({ n: 429, many: 16 });
    const cells =
      (await env.DB.prepare('SELECT count(*) AS n FROM health_cells WHERE site_id = ?1')
        .bind(site.id)
        .first<number>('n')) ?? 0;
    // The same database, counting the reads of a cell's accounts.
    let cellReads = 0;
    const counting = new Proxy(env.DB, {
      get(target, name) {
        if (name === 'prepare')
          return (sql: string) => {
            if (sql === HEALTH_SQL.CELL_WORST || sql === HEALTH_SQL.CELLS_IDLE) cellReads += 1;
            return target.prepare(sql);
          };
        const value = Reflect.get(target, name);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    const reads: Record<string, number> = {};
    for (const options of [
      { weights: { nps: 25, csat: 10, ces: 10, recency: 25, ttv: 15, tickets: 15 }, inactivityDays: 90 },
      { weights: { nps: 0, csat: 0, ces: 0, recency: 1, ttv: 0, tickets: 0 }, inactivityDays: 30 },
      { weights: { nps: 1, csat: 0, ces: 0, recency: 0, ttv: 0, tickets: 0 }, inactivityDays: 30 },
    ]) {
      const score = { ...options, now };
      const want = (await exact(site.id, key)).map((s) => accountHealth(s, score)).sort(worstFirst);
      expect(want).toHaveLength(1000);
      for (const limit of [1, 10, 100, 999, 1000]) {
        cellReads = 0;
        const got = await healthFromCells(counting, site.id, {
          limit,
          also: ['c-1', 'c-999'],
          options: score,
        });
        reads[`${options.inactivityDays}/${options.weights.nps}/${limit}`] = cellReads;
        expect(got.total).toBe(1000);
        expect(got.worst).toEqual(want.slice(0, limit));
        expect(got.named.map((a) => a.account)).toEqual(['c-1', 'c-999']);
      }
      // Hundreds of accounts under 40 (364–910 of the 1,000 with these weights).
      const risky = atRisk(want, 40);
      expect(risky.length).toBeGreaterThan(300);
      expect(await atRiskFromCells(env.DB, site.id, { threshold: 40, options: score })).toEqual(risky);
    }
    // Each account is a cell of its own here: the default weights read one cell per listed
    // account or fewer; weights that make most accounts tie (recency only, 30 days) read every
    // combination's idle range, still not every cell.
    expect(cells).toBe(1000);
    for (const limit of [1, 10, 100]) expect(reads[`90/25/${limit}`]).toBeLessThanOrEqual(limit);
    for (const [what, n] of Object.entries(reads)) expect(n, what).toBeLessThan(cells);
  }, 60_000);
});
