import { createExecutionContext, env, SELF, waitOnExecutionContext } from 'cloudflare:test';
import { expect, vi } from 'vitest';
import { REBUILT_TABLES, SITE_TABLES } from '../src/db/siteTables';
import worker from '../src/index';
import { ADMIN, call, counts, type newSite, ORIGIN, read } from './helpers';

// Two sites that get the same items by the queue path (collect through SELF, with INGEST_QUEUE
// bound) and the direct path (the same Worker with the queue unbound); one moves, its twin never
// does, and after the move every report of the two must be equal.

export type Site = Awaited<ReturnType<typeof newSite>>;

export const REPORTS = [
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
export async function reports(a: Site, b: Site) {
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
export async function sameReports(moving: Site, twin: Site) {
  const [a, b] = await reports(moving, twin);
  expect(a).toEqual(b);
}

/** Rows of the site in every table of a database: what "holds nothing" is checked with. */
export async function rowsIn(db: D1Database, siteId: string) {
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
export function items(at: number) {
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

export const collectRequest = (site: Site, body: object) =>
  new Request('https://collector.test/v1/collect', {
    method: 'POST',
    headers: { 'Content-Type': 'text/plain', Origin: ORIGIN },
    body: JSON.stringify({ site: site.publicKey, ...body }),
  });

/** The queue path: collect through the Worker as deployed here, with INGEST_QUEUE bound. */
export async function queued(site: Site, body: object) {
  const response = await SELF.fetch(collectRequest(site, body));
  expect(response.status).toBe(200);
}

/** The direct path: the same Worker with no queue bound, which writes to D1 in the request. */
export async function direct(site: Site, body: object) {
  const ctx = createExecutionContext();
  const response = await worker.fetch(collectRequest(site, body), { ...env, INGEST_QUEUE: undefined }, ctx);
  await waitOnExecutionContext(ctx);
  expect(response.status).toBe(200);
}

/** Sends the same items to both sites, one path each time in turn. */
export async function both(moving: Site, twin: Site, at: number, path: 'queued' | 'direct') {
  const body = items(at);
  const send = path === 'queued' ? queued : direct;
  await Promise.all([send(moving, body), send(twin, body)]);
}

export const move = (siteId: string, database: string, token = ADMIN) =>
  call(`/v1/sites/${siteId}/move`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ database }),
  });

/**
 * An admin request about a site's move, through SELF (queue bound: the steps run as queue
 * messages) or, with `queue: false`, through the same Worker with no queue (the caller steps).
 */
export async function admin(path: string, init: { method?: string; body?: object; queue?: boolean } = {}) {
  const request = new Request(`https://collector.test${path}`, {
    method: init.method ?? 'GET',
    headers: { Authorization: `Bearer ${ADMIN}`, 'Content-Type': 'application/json' },
    ...(init.body ? { body: JSON.stringify(init.body) } : {}),
  });
  if (init.queue !== false) return SELF.fetch(request);
  const ctx = createExecutionContext();
  const response = await worker.fetch(request, { ...env, INGEST_QUEUE: undefined }, ctx);
  await waitOnExecutionContext(ctx);
  return response;
}

/** Waits until the moved site (in `db`) holds what its twin holds and no write is parked. */
export async function settle(moving: Site, twin: Site, db = env.DB_2 as D1Database) {
  await vi.waitFor(
    async () => {
      const [a, b] = await Promise.all([counts(moving.id, db), counts(twin.id)]);
      const parked = await env.DB.prepare('SELECT COUNT(*) AS n FROM move_parked').first<{ n: number }>();
      expect(parked?.n).toBe(0);
      expect(a).toEqual(b);
    },
    { timeout: 20_000, interval: 200 },
  );
}
