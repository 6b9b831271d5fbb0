import { createExecutionContext, env, SELF, waitOnExecutionContext } from 'cloudflare:test';
import { DAY_MS, ZSiteMoved } from '@heard/core';
import { describe, expect, it, vi } from 'vitest';
import { purgeSite } from '../src/db/purge';
import { REBUILT_TABLES, SITE_TABLES } from '../src/db/siteTables';
import worker from '../src/index';
import { ADMIN, bodyOf, call, counts, newSite, ORIGIN, read } from './helpers';

// Runs with INGEST_QUEUE bound (vitest.queue.config.ts) and the two D1 bindings of
// wrangler.jsonc (DB, DB_2): collect through SELF is the queue path; the same Worker called
// with the queue unbound is the direct path. A twin site gets every item the moved site gets,
// and never moves: after the move, each report of the two must be equal.

type Site = Awaited<ReturnType<typeof newSite>>;

const REPORTS = [
  '/v1/scores?metric=nps',
  '/v1/scores?metric=nps&by=plan',
  '/v1/scores?metric=csat&interval=day',
  '/v1/comments',
  '/v1/ttv',
  '/v1/durations',
  '/v1/retention',
  '/v1/revenue',
  '/v1/health',
  '/v1/mrr',
  '/v1/events/daily',
  '/v1/surveys',
  '/v1/settings',
];

/**
 * Every report of two sites, each read of the two made at once. The health report scores
 * recency against the clock, so its figures are compared to 2 decimals; read-time instants are left out.
 */
async function reports(a: Site, b: Site) {
  // The instants a report is read at (`from`/`to` as ISO times, `censoredAt`) are the clock's, not the data's.
  const now = new Set(['from', 'to', 'censoredAt']);
  const steady = (path: string, body: unknown): unknown =>
    JSON.parse(
      JSON.stringify(body, (key, value) => {
        if (now.has(key) && (typeof value === 'number' || /T\d\d:/.test(String(value)))) return undefined;
        return path === '/v1/health' && typeof value === 'number' ? Math.round(value * 100) / 100 : value;
      }),
    );
  const out: Record<string, unknown>[] = [{}, {}];
  for (const path of REPORTS) {
    const responses = await Promise.all([read(path, a.secretKey), read(path, b.secretKey)]);
    for (const [i, response] of responses.entries()) {
      expect(response.status, path).toBe(200);
      (out[i] as Record<string, unknown>)[path] = steady(path, await response.json());
    }
  }
  // The export lists every answer (CSV); ids are the same on both sites.
  const exports = await Promise.all([a, b].map((site) => read('/v1/export?format=csv', site.secretKey)));
  for (const [i, response] of exports.entries()) (out[i] as Record<string, unknown>).export = await response.text();
  return out;
}

/** Asserts that every report of the moved site equals its twin's. */
async function sameReports(moving: Site, twin: Site) {
  const [a, b] = await reports(moving, twin);
  expect(a).toEqual(b);
}

/** Rows of the site in every table of a database: what "holds nothing" is checked with. */
async function rowsIn(db: D1Database, siteId: string) {
  const out: Record<string, number> = {};
  for (const name of [...SITE_TABLES.map((t) => t.name), ...REBUILT_TABLES]) {
    const row = await db
      .prepare(`SELECT COUNT(*) AS n FROM ${name} WHERE site_id = ?`)
      .bind(siteId)
      .first<{ n: number }>();
    out[name] = row?.n ?? 0;
  }
  return out;
}

let sequence = 0;
/** One collect body's items: answers with traits and comments, raw and counted-only events, displays. */
function items(at: number) {
  sequence += 1;
  const user = `u${sequence % 7}`;
  return {
    answers: [
      {
        id: crypto.randomUUID(),
        kind: 'nps',
        score: sequence % 11,
        scale: [0, 10],
        userId: user,
        traits: { plan: sequence % 2 ? 'pro' : 'free', account: `acct-${sequence % 3}` },
        ...(sequence % 3 === 0 ? { comment: `comment ${sequence}` } : {}),
        ts: at,
      },
      { id: crypto.randomUUID(), kind: 'csat', score: (sequence % 5) + 1, scale: [1, 5], userId: user, ts: at },
    ],
    events: [
      { id: crypto.randomUUID(), name: 'signed_up', userId: user, ts: at - 5000 },
      { id: crypto.randomUUID(), name: 'activated', userId: user, ts: at },
      { id: crypto.randomUUID(), name: 'ticket_opened', userId: user, entity: `t${sequence}`, ts: at - 3000 },
      { id: crypto.randomUUID(), name: 'ticket_resolved', userId: user, entity: `t${sequence}`, ts: at },
      { id: crypto.randomUUID(), name: 'page_viewed', userId: user, ts: at },
      { id: crypto.randomUUID(), name: 'button_clicked', anonymousId: `anon-${sequence}`, ts: at },
    ],
    displays: [{ id: crypto.randomUUID(), kind: 'nps', action: 'shown', userId: user, ts: at }],
  };
}

const collectRequest = (site: Site, body: object) =>
  new Request('https://collector.test/v1/collect', {
    method: 'POST',
    headers: { 'Content-Type': 'text/plain', Origin: ORIGIN },
    body: JSON.stringify({ site: site.publicKey, ...body }),
  });

/** The queue path: collect through the Worker as deployed here, with INGEST_QUEUE bound. */
async function queued(site: Site, body: object) {
  const response = await SELF.fetch(collectRequest(site, body));
  expect(response.status).toBe(200);
}

/** The direct path: the same Worker with no queue bound, which writes to D1 in the request. */
async function direct(site: Site, body: object) {
  const ctx = createExecutionContext();
  const response = await worker.fetch(collectRequest(site, body), { ...env, INGEST_QUEUE: undefined }, ctx);
  await waitOnExecutionContext(ctx);
  expect(response.status).toBe(200);
}

/** Sends the same items to both sites, one path each time in turn. */
async function both(moving: Site, twin: Site, at: number, path: 'queued' | 'direct') {
  const body = items(at);
  const send = path === 'queued' ? queued : direct;
  await Promise.all([send(moving, body), send(twin, body)]);
}

const move = (siteId: string, database: string, token = ADMIN) =>
  call(`/v1/sites/${siteId}/move`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ database }),
  });

async function settle(moving: Site, twin: Site) {
  await vi.waitFor(
    async () => {
      const [a, b] = await Promise.all([counts(moving.id, env.DB_2 as D1Database), counts(twin.id)]);
      const parked = await env.DB.prepare('SELECT COUNT(*) AS n FROM move_parked').first<{ n: number }>();
      expect(parked?.n).toBe(0);
      expect(a).toEqual(b);
    },
    { timeout: 20_000, interval: 200 },
  );
}

describe('POST /v1/sites/:id/move', () => {
  it('moves a site to DB_2 while answers and events keep arriving by queue and directly; reports equal a twin that never moved', async () => {
    const [moving, twin] = [await newSite('moving'), await newSite('twin')];
    const now = Date.now() - 60_000;
    // History: 40 days back, then a retention purge, so the rollups hold more than the raw rows.
    for (let day = 40; day > 0; day -= 4) {
      await both(moving, twin, now - day * DAY_MS, day % 8 ? 'direct' : 'queued');
    }
    for (const site of [moving, twin]) {
      await call('/v1/batch', {
        method: 'POST',
        headers: { Authorization: `Bearer ${site.secretKey}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({
          events: [{ id: 'a1b2c3d4-0000-4000-8000-000000000001', name: 'revenue', userId: 'u1', value: 49, ts: now }],
        }),
      });
      await purgeSite(env.DB, site.id, now - 30 * DAY_MS);
    }
    await vi.waitFor(async () => expect(await counts(moving.id)).toEqual(await counts(twin.id)), { timeout: 20_000 });
    const before = await rowsIn(env.DB, moving.id);
    expect(before.answers).toBeGreaterThan(0);
    expect(before.event_ids).toBeGreaterThan(0);

    // The move, with ingest from both paths running until it has answered, and a little after.
    let done = false;
    const moved = move(moving.id, 'DB_2').finally(() => {
      done = true;
    });
    let sent = 0;
    while (!done || sent < 6) {
      await both(moving, twin, Date.now() - 1000, sent % 2 ? 'queued' : 'direct');
      sent += 1;
    }
    const response = await moved;
    expect(response.status).toBe(200);
    const report = await bodyOf(ZSiteMoved, response);
    expect(report).toMatchObject({ site: moving.id, from: 'DB', to: 'DB_2' });
    expect(report.tables.map((t) => t.table)).toEqual(SITE_TABLES.map((t) => t.name));
    expect(report.tables.find((t) => t.table === 'answers')?.copied).toBeGreaterThanOrEqual(before.answers ?? 0);
    // Writes that came in while the copy ran were parked and replayed, none lost.
    expect(report.replayed).toBeGreaterThan(0);

    await settle(moving, twin);
    const row = await env.DB.prepare('SELECT database, moving_to FROM sites WHERE id = ?').bind(moving.id).first();
    expect(row).toEqual({ database: 'DB_2', moving_to: null });
    expect(Object.values(await rowsIn(env.DB, moving.id)).every((n) => n === 0)).toBe(true);
    expect(
      await env.DB.prepare('SELECT COUNT(*) AS n FROM move_parked WHERE site_id = ?').bind(moving.id).first(),
    ).toEqual({ n: 0 });
    await sameReports(moving, twin);

    // Ingest after the move lands in DB_2, by both paths.
    await both(moving, twin, Date.now() - 1000, 'direct');
    await both(moving, twin, Date.now() - 1000, 'queued');
    await settle(moving, twin);
    await sameReports(moving, twin);

    // And back to the primary: DB_2 then holds nothing of the site, not even its row.
    const back = await move(moving.id, 'DB');
    expect(back.status).toBe(200);
    expect(Object.values(await rowsIn(env.DB_2 as D1Database, moving.id)).every((n) => n === 0)).toBe(true);
    expect(
      await (env.DB_2 as D1Database).prepare('SELECT COUNT(*) AS n FROM sites WHERE id = ?').bind(moving.id).first(),
    ).toEqual({ n: 0 });
    await sameReports(moving, twin);
  }, 120_000);

  it('refuses a bad database (400), an unknown site (404) and a caller without the admin token (401)', async () => {
    const site = await newSite();
    for (const name of ['DB_9', 'sites', 'ASSETS', 'DB']) {
      const response = await move(site.id, name);
      expect(response.status, name).toBe(400);
    }
    expect((await move('site_nope', 'DB_2')).status).toBe(404);
    expect((await move(site.id, 'DB_2', 'not-the-token')).status).toBe(401);
    expect((await move(site.id, 'DB_2', site.secretKey)).status).toBe(401);
    const row = await env.DB.prepare('SELECT database, moving_to FROM sites WHERE id = ?').bind(site.id).first();
    expect(row).toEqual({ database: 'DB', moving_to: null });
  });
});
