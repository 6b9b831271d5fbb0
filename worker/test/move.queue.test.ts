import { env } from 'cloudflare:test';
import { DAY_MS, ZSiteMoved } from '@heard/core';
import { describe, expect, it, vi } from 'vitest';
import { purgeSite } from '../src/db/purge';
import { SITE_TABLES } from '../src/db/siteTables';
import { bodyOf, call, counts, newSite } from './helpers';
import { both, move, rowsIn, sameReports, settle } from './twin';

// Runs with INGEST_QUEUE bound (vitest.queue.config.ts) and the two D1 bindings of
// wrangler.jsonc (DB, DB_2): collect through SELF is the queue path; the same Worker called
// with the queue unbound is the direct path. A twin site gets every item the moved site gets,
// and never moves: after the move, each report of the two must be equal.

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
