import { env } from 'cloudflare:test';
import { DAY_MS as DAY } from '@heard/core';
import { describe, expect, it } from 'vitest';
import { type Items, storeBatch } from './collect';
import { ensureDurationRollup } from './durationRollup';
import { type AccountRow, ensureHealthRollup, healthFromCells, signalsOf } from './healthRollup';
import { createSite } from './sites';
import { eraseUser } from './users';

const now = Date.now();
const key = { accountTrait: 'company', ttvStart: 'signed_up', ttvValue: 'activated' };

const ev = (name: string, userId: string, ts: number, props?: Record<string, string | number | boolean>) => ({
  id: crypto.randomUUID(),
  name,
  userId,
  ts,
  ...(props ? { props } : {}),
});
const nps = (userId: string, score: number, ts: number) => ({
  id: crypto.randomUUID(),
  kind: 'nps' as const,
  score,
  scale: [0, 10] as [number, number],
  userId,
  ts,
});
const store = (siteId: string, items: Partial<Items>) =>
  storeBatch(env.DB, siteId, { answers: [], events: [], displays: [], ...items }, now);
/** Every account's signals as its row of the rollup holds them. */
async function accounts(siteId: string) {
  const { results } = await env.DB.prepare(
    'SELECT account, last_ts, started, reached, nps, csat, ces, tickets FROM health_accounts WHERE site_id = ?1',
  )
    .bind(siteId)
    .all<AccountRow>();
  return Object.fromEntries(results.map((row) => [row.account, signalsOf(row)]));
}
const weights = { nps: 0, csat: 0, ces: 0, recency: 0, ttv: 0, tickets: 1 };

describe('the health rollup', () => {
  it('takes the latest answer across an account’s users, the smaller user key on a tie', async () => {
    const site = await createSite(env.DB, { name: 'h', origins: [] });
    await ensureHealthRollup(env.DB, site.id, key);
    await store(site.id, {
      events: [
        ev('identify', 'b', now - 3 * DAY, { company: 'acme' }),
        ev('identify', 'a', now - 2 * DAY, { company: 'acme' }),
      ],
      answers: [nps('b', 9, now - DAY), nps('a', 3, now - DAY), nps('b', 1, now - 2 * DAY)],
    });
    // a and b answered at the same ms: a (the smaller key) wins, as the per-user read keeps it.
    expect((await accounts(site.id)).acme).toMatchObject({
      nps: { score: 3, at: now - DAY },
      lastActive: now - 2 * DAY,
    });
    // b answers later: b's answer now.
    await store(site.id, { answers: [nps('b', 10, now - 1000)] });
    expect((await accounts(site.id)).acme?.nps).toEqual({
      score: 10,
      scale: [0, 10],
      direction: 'higher-better',
      at: now - 1000,
    });
    // b erased: back to a's answer, and a's activity.
    await eraseUser(env.DB, site.id, 'b');
    expect((await accounts(site.id)).acme).toMatchObject({ nps: { score: 3 }, lastActive: now - 2 * DAY });
  });

  it('counts time to value per account: null until one starts, false until one reaches it', async () => {
    const site = await createSite(env.DB, { name: 'h', origins: [] });
    await ensureHealthRollup(env.DB, site.id, key);
    await store(site.id, {
      events: [ev('identify', 'a', now - DAY, { company: 7 }), ev('page_viewed', 'b', now - DAY)],
    });
    // A number as the account trait is spelled as String() spells it; b has none: its own account.
    expect(Object.keys(await accounts(site.id)).sort()).toEqual(['7', 'b']);
    expect((await accounts(site.id))['7']?.ttvReached).toBeNull();
    await store(site.id, { events: [ev('signed_up', 'a', now - DAY)] });
    expect((await accounts(site.id))['7']?.ttvReached).toBe(false);
    await store(site.id, {
      events: [ev('activated', 'b', now - DAY), ev('identify', 'b', now - 1000, { company: 7 })],
    });
    // b moves into account 7 with its value reached: 7 reached, and b's own account is gone.
    const moved = await accounts(site.id);
    expect(Object.keys(moved)).toEqual(['7']);
    expect(moved['7']).toMatchObject({ ttvReached: true, lastActive: now - 1000 });
  });

  it('counts open tickets for their own account, else the starter’s, and lists ticket-only accounts', async () => {
    const site = await createSite(env.DB, { name: 'h', origins: [] });
    await ensureHealthRollup(env.DB, site.id, key);
    await ensureDurationRollup(env.DB, site.id, 'ticket_opened', 'ticket_closed');
    const ticket = (userId: string, entity: string, ts: number, props?: Record<string, string>) => ({
      ...ev('ticket_opened', userId, ts, props),
      entity,
    });
    await store(site.id, {
      events: [
        ev('identify', 'a', now - DAY, { company: 'acme' }),
        ticket('a', 'T1', now - DAY),
        ticket('a', 'T2', now - DAY, { company: 'zeta' }),
        // An anonymous starter without an account trait counts for nobody.
        { id: crypto.randomUUID(), name: 'ticket_opened', anonymousId: 'x', entity: 'T3', ts: now - DAY },
      ],
    });
    const options = { weights, now, inactivityDays: 30 };
    const read = () => healthFromCells(env.DB, site.id, { limit: 10, also: [], options });
    let { total, worst } = await read();
    expect(total).toBe(2);
    // Tied on score, the one never active first.
    expect(worst.map((a) => [a.account, a.parts.tickets.value])).toEqual([
      ['zeta', 75],
      ['acme', 75],
    ]);
    expect(worst[0]).toMatchObject({ lastActive: null, parts: { nps: { value: null }, ttv: { value: null } } });

    // The starter identified into another account takes T1 along; T2 stays with its prop's.
    // Closing T2 leaves zeta with no users and no tickets: no account.
    await store(site.id, {
      events: [
        ev('identify', 'a', now - DAY + 1, { company: 'beta' }),
        { ...ev('ticket_closed', 'a', now - 1), entity: 'T2' },
        ticket('b', 'T4', now - DAY),
        ticket('b', 'T5', now - DAY),
      ],
    });
    ({ total, worst } = await read());
    expect(worst.map((a) => [a.account, a.parts.tickets.value])).toEqual([
      ['b', 50],
      ['beta', 75],
    ]);
    expect(total).toBe(2);
    // An earlier start of T4 by someone else moves it to them; erasing b leaves their tickets to nobody.
    await store(site.id, { events: [ticket('a', 'T4', now - 2 * DAY)] });
    ({ worst } = await read());
    expect(worst.map((a) => [a.account, a.parts.tickets.value])).toEqual([
      ['beta', 50],
      ['b', 75],
    ]);
    await eraseUser(env.DB, site.id, 'b');
    await ensureDurationRollup(env.DB, site.id, 'ticket_opened', 'ticket_closed');
    ({ total, worst } = await read());
    expect(worst.map((a) => [a.account, a.parts.tickets.value])).toEqual([['beta', 50]]);
    expect(total).toBe(1);
  });

  it('keeps an open ticket by key: a ticket event reads a few rows, not the site’s tickets', async () => {
    const site = await createSite(env.DB, { name: 'h', origins: [] });
    await ensureHealthRollup(env.DB, site.id, key);
    await ensureDurationRollup(env.DB, site.id, 'ticket_opened', 'ticket_closed');
    await env.DB.prepare(
      `WITH RECURSIVE u(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM u WHERE i < 499)
       INSERT INTO user_profiles (site_id, user_key, first_ts, last_ts, traits, traits_ts)
       SELECT ?1, 'm-' || i, 1, 2, '{}', 1 FROM u`,
    )
      .bind(site.id)
      .run();
    // 2,000 open tickets, four per user.
    await env.DB.prepare(
      `WITH RECURSIVE u(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM u WHERE i < 1999)
       INSERT INTO events (site_id, id, name, user_id, entity, ts, received_at)
       SELECT ?1, 'e-' || i, 'ticket_opened', 'm-' || (i % 500), 't-' || i, ?2 - i, ?2 FROM u`,
    )
      .bind(site.id, now)
      .run();
    expect(await accounts(site.id)).toHaveProperty(['m-7', 'openTickets'], 4);
    const open = await env.DB.prepare(
      `INSERT INTO events (site_id, id, name, user_id, entity, ts, received_at) VALUES (?1, 'x', 'ticket_opened', 'm-7', 't-new', ?2, ?2)`,
    )
      .bind(site.id, now)
      .run();
    const close = await env.DB.prepare(
      `INSERT INTO events (site_id, id, name, user_id, entity, ts, received_at) VALUES (?1, 'y', 'ticket_closed', 'm-7', 't-7', ?2, ?2)`,
    )
      .bind(site.id, now)
      .run();
    for (const [what, { meta }] of Object.entries({ open, close })) expect(meta.rows_read, what).toBeLessThan(200);
    expect(await accounts(site.id)).toHaveProperty(['m-7', 'openTickets'], 4);
    const profile = await env.DB.prepare(
      `UPDATE user_profiles SET traits = '{"company":"acme"}' WHERE site_id = ?1 AND user_key = 'm-7'`,
    )
      .bind(site.id)
      .run();
    expect(profile.meta.rows_read).toBeLessThan(200);
    expect(await accounts(site.id)).toHaveProperty(['acme', 'openTickets'], 4);
  });

  it('is built once per setting from what is stored, and rebuilt when the setting changes', async () => {
    const site = await createSite(env.DB, { name: 'h', origins: [] });
    await store(site.id, {
      events: [ev('identify', 'a', now - DAY, { company: 'acme', team: 'red' }), ev('signed_up', 'a', now - DAY)],
      answers: [nps('a', 6, now - DAY)],
    });
    expect(await accounts(site.id)).toEqual({});
    await ensureHealthRollup(env.DB, site.id, key);
    expect(await accounts(site.id)).toEqual({
      acme: {
        account: 'acme',
        nps: { score: 6, scale: [0, 10], direction: 'higher-better', at: now - DAY },
        csat: null,
        ces: null,
        lastActive: now - DAY,
        ttvReached: false,
        openTickets: 0,
      },
    });
    await ensureHealthRollup(env.DB, site.id, { ...key, accountTrait: 'team', ttvStart: 'identify' });
    expect(Object.keys(await accounts(site.id))).toEqual(['red']);
    expect((await accounts(site.id)).red?.ttvReached).toBe(false);
  });

  it('recomputes an account from its own users only, not by scanning the site', async () => {
    const site = await createSite(env.DB, { name: 'h', origins: [] });
    await ensureHealthRollup(env.DB, site.id, key);
    await env.DB.prepare(
      `WITH RECURSIVE u(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM u WHERE i < 1999)
       INSERT INTO user_profiles (site_id, user_key, first_ts, last_ts, traits, traits_ts)
       SELECT ?1, 'm-' || i, 1, 2, json_object('company', 'c-' || (i % 400)), 1 FROM u`,
    )
      .bind(site.id)
      .run();
    expect(Object.keys(await accounts(site.id))).toHaveLength(400);
    // One answer of a user of a five-user account: a few dozen rows read, not the 2,000 users.
    const { meta } = await env.DB.prepare(
      `INSERT INTO latest_answers (site_id, user_key, kind, answer_id, score, scale_min, scale_max, direction, ts)
       VALUES (?1, 'm-7', 'nps', 'x', 4, 0, 10, 'higher-better', 5)`,
    )
      .bind(site.id)
      .run();
    expect(meta.rows_read).toBeLessThan(200);
    expect((await accounts(site.id))['c-7']?.nps?.score).toBe(4);
  });
});
