import { createExecutionContext, createScheduledController, env, waitOnExecutionContext } from 'cloudflare:test';
import { DAY_MS, MOVE_STEPS, type SiteMoveStatus, ZSiteMoveStatus } from '@heard/core';
import { describe, expect, it, vi } from 'vitest';
import { SITE_TABLES } from '../src/db/siteTables';
import worker from '../src/index';
import { DIGEST_CRON } from '../src/scheduled';
import { call, counts, newSite } from './helpers';
import { admin, both, direct, items, move, rowsIn, type Site, sameReports, settle } from './twin';

// A move in steps (POST /v1/sites/:id/move/start), with a step of 10 rows (the least) so that the test sites
// need dozens of steps, while answers and events keep arriving by queue and directly. Runs with
// INGEST_QUEUE bound (vitest.queue.config.ts): through SELF the steps are queue messages; through
// the Worker with the queue unbound the caller runs each step.

const ROWS_PER_STEP = MOVE_STEPS.minRowsPerStep;
const DB_2 = env.DB_2 as D1Database;

const statusOf = async (response: Response) => {
  expect(response.status).toBeLessThan(300);
  return ZSiteMoveStatus.parse(await response.json());
};

/** A history for both sites: 12 collect bodies over 40 days, by both paths. */
async function history(moving: Site, twin: Site) {
  const now = Date.now() - 60_000;
  for (let day = 40; day > 0; day -= 3) await both(moving, twin, now - day * DAY_MS, day % 2 ? 'direct' : 'queued');
  await vi.waitFor(async () => expect(await counts(moving.id)).toEqual(await counts(twin.id)), { timeout: 20_000 });
}

/** The site is in DB_2 only: the primary holds nothing of its data and no parked write. */
async function onlyIn2(siteId: string) {
  expect(await env.DB.prepare('SELECT database, moving_to FROM sites WHERE id = ?').bind(siteId).first()).toEqual({
    database: 'DB_2',
    moving_to: null,
  });
  expect(Object.values(await rowsIn(env.DB, siteId)).every((n) => n === 0)).toBe(true);
  const parked = await env.DB.prepare('SELECT COUNT(*) AS n FROM move_parked WHERE site_id = ?').bind(siteId).first();
  expect(parked).toEqual({ n: 0 });
}

describe('a move in steps', () => {
  it('runs as queue messages, a bounded number of rows each, while ingest goes on; reports equal a twin', async () => {
    const [moving, twin] = [await newSite('moving'), await newSite('twin')];
    await history(moving, twin);
    const rows = Object.values(await rowsIn(env.DB, moving.id)).reduce((n, r) => n + r, 0);
    expect(rows).toBeGreaterThan(10 * ROWS_PER_STEP);

    const started = await statusOf(
      await admin(`/v1/sites/${moving.id}/move/start`, {
        method: 'POST',
        body: { database: 'DB_2', rowsPerStep: ROWS_PER_STEP },
      }),
    );
    expect(started).toMatchObject({ site: moving.id, from: 'DB', to: 'DB_2', phase: 'clear', steps: 0 });
    // A second move of the site while this one runs, in steps or in one request, is a 409.
    expect(
      (await admin(`/v1/sites/${moving.id}/move/start`, { method: 'POST', body: { database: 'DB_2' } })).status,
    ).toBe(409);
    expect((await move(moving.id, 'DB_2')).status).toBe(409);

    // Ingest by both paths, a collect body every half second or so, until the queue has run
    // every step; the status is read between.
    const seen: SiteMoveStatus[] = [];
    const deadline = Date.now() + 150_000;
    let sent = 0;
    for (;;) {
      await both(moving, twin, Date.now() - 1000, sent % 2 ? 'queued' : 'direct');
      sent += 1;
      await new Promise((resolve) => setTimeout(resolve, 400));
      const status = await statusOf(await admin(`/v1/sites/${moving.id}/move`));
      seen.push(status);
      if (status.phase === 'done' || status.phase === 'failed') break;
      expect(Date.now(), JSON.stringify(status)).toBeLessThan(deadline);
    }
    expect(sent).toBeGreaterThan(5);
    const done = seen.at(-1) as SiteMoveStatus;
    expect(done.phase, done.message ?? '').toBe('done');
    // Many steps, none over its budget: each copy step adds at most rowsPerStep rows.
    expect(done.steps).toBeGreaterThan(20);
    expect(done.rowsPerStep).toBe(ROWS_PER_STEP);
    const copying = seen.filter((s) => s.phase === 'copy');
    expect(copying.length).toBeGreaterThan(1);
    for (const [a, b] of copying.slice(1).map((s, i) => [copying[i] as SiteMoveStatus, s] as const)) {
      expect(b.copied - a.copied).toBeLessThanOrEqual((b.steps - a.steps) * ROWS_PER_STEP);
    }
    expect(new Set(seen.map((s) => s.phase)).has('copy')).toBe(true);
    expect(done.copied).toBeGreaterThanOrEqual(rows);
    expect(done.tables.map((t) => t.table)).toEqual(SITE_TABLES.map((t) => t.name));
    expect(done.finishedAt).toBeGreaterThanOrEqual(done.startedAt);
    // Collect bodies arrived while the copy ran: parked, then replayed into DB_2.
    expect(done.replayed).toBeGreaterThan(0);

    await settle(moving, twin);
    await onlyIn2(moving.id);
    await sameReports(moving, twin);
    // Steps of an ended move change nothing.
    const again = await statusOf(await admin(`/v1/sites/${moving.id}/move/step`, { method: 'POST' }));
    expect(again).toMatchObject({ phase: 'done', steps: done.steps });
  }, 180_000);

  it('runs by the caller without a queue, and resumes a step that crashed after its writes', async () => {
    const [moving, twin] = [await newSite('moving'), await newSite('twin')];
    await history(moving, twin);
    const step = () => admin(`/v1/sites/${moving.id}/move/step`, { method: 'POST', queue: false });
    const started = await statusOf(
      await admin(`/v1/sites/${moving.id}/move/start`, {
        method: 'POST',
        body: { database: 'DB_2', rowsPerStep: ROWS_PER_STEP },
        queue: false,
      }),
    );
    expect(started.phase).toBe('clear');
    let status = started;
    let crashed = false;
    let sent = 0;
    while (status.phase !== 'done' && status.phase !== 'failed') {
      await both(moving, twin, Date.now() - 1000, sent % 2 ? 'queued' : 'direct');
      sent += 1;
      if (!crashed && status.phase === 'copy' && status.copied > 2 * ROWS_PER_STEP) {
        // A step that copied its rows and died before saving: its row is as before the step,
        // and its lease still held.
        const before = await env.DB.prepare('SELECT * FROM site_moves WHERE site_id = ?')
          .bind(moving.id)
          .first<Record<string, unknown>>();
        const copiedBefore = status.copied;
        status = await statusOf(await step());
        expect(status.copied).toBeGreaterThan(copiedBefore);
        await env.DB.prepare(
          'UPDATE site_moves SET position = ?2, cursor = ?3, copied = ?4, step = ?5, lease_until = ?6 WHERE site_id = ?1',
        )
          .bind(moving.id, before?.position, before?.cursor, before?.copied, before?.step, Date.now() + 30_000)
          .run();
        // While the lease holds, a step is refused and nothing changes.
        const refused = await step();
        expect(refused.status).toBe(409);
        const held = await statusOf(await admin(`/v1/sites/${moving.id}/move`));
        expect(held).toMatchObject({ running: true, steps: before?.step });
        // The lease runs out; the next step does the crashed one again, from its saved cursor.
        await env.DB.prepare('UPDATE site_moves SET lease_until = ?2 WHERE site_id = ?1')
          .bind(moving.id, Date.now() - 1)
          .run();
        crashed = true;
      }
      status = await statusOf(await step());
      expect(status.steps).toBeLessThan(500);
    }
    expect(crashed).toBe(true);
    expect(status.phase, status.message ?? '').toBe('done');
    expect(status.steps).toBeGreaterThan(20);
    await settle(moving, twin);
    await onlyIn2(moving.id);
    await sameReports(moving, twin);
  }, 180_000);

  it('refuses a bad step size (400) and a step or status of a site with no move (404)', async () => {
    const site = await newSite();
    for (const rowsPerStep of [0, MOVE_STEPS.minRowsPerStep - 1, MOVE_STEPS.maxRowsPerStep + 1, 2.5]) {
      const response = await admin(`/v1/sites/${site.id}/move/start`, {
        method: 'POST',
        body: { database: 'DB_2', rowsPerStep },
      });
      expect(response.status, String(rowsPerStep)).toBe(400);
    }
    expect((await admin(`/v1/sites/${site.id}/move`)).status).toBe(404);
    expect((await admin(`/v1/sites/${site.id}/move/step`, { method: 'POST' })).status).toBe(404);
    expect((await call(`/v1/sites/${site.id}/move`)).status).toBe(401);
    expect(await env.DB.prepare('SELECT moving_to FROM sites WHERE id = ?').bind(site.id).first()).toEqual({
      moving_to: null,
    });
    expect(await DB_2.prepare('SELECT COUNT(*) AS n FROM sites WHERE id = ?').bind(site.id).first()).toEqual({ n: 0 });
  });

  it('parks a link answer posted during the move and replays it into the new database once; a newer answer wins', async () => {
    const site = await newSite('links');
    const secret = (path: string, body: object) =>
      call(path, {
        method: 'POST',
        headers: { Authorization: `Bearer ${site.secretKey}`, 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      });
    const survey = (await (
      await secret('/v1/surveys', {
        name: 'NPS',
        kind: 'nps',
        texts: { en: { question: 'Recommend us?' } },
        status: 'active',
      })
    ).json()) as { id: string };
    const tokens: string[] = [];
    for (const userId of ['cust-1', 'cust-2']) {
      const made = (await (await secret('/v1/links', { survey: survey.id, userId })).json()) as { url: string };
      tokens.push(new URL(made.url).pathname.slice('/s/'.length));
    }
    const [first, second] = tokens as [string, string];
    const answerLink = async (token: string, fields: Record<string, string>) => {
      const response = await call(`/s/${token}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams(fields),
      });
      expect(response.status).toBe(200);
      return response.text();
    };
    await answerLink(second, { score: '2' });
    const linkAnswers = (db: D1Database) =>
      db
        .prepare(
          "SELECT user_id, score, comment, channel FROM answers WHERE site_id = ? AND channel != 'web' ORDER BY user_id",
        )
        .bind(site.id)
        .all()
        .then((r) => r.results);

    const step = async () => statusOf(await admin(`/v1/sites/${site.id}/move/step`, { method: 'POST', queue: false }));
    let status = await statusOf(
      await admin(`/v1/sites/${site.id}/move/start`, {
        method: 'POST',
        body: { database: 'DB_2', rowsPerStep: ROWS_PER_STEP },
        queue: false,
      }),
    );
    while (status.phase !== 'copy') status = await step();
    // Mid-copy: answers to both links are parked (the page still thanks), nothing reaches the old database.
    await answerLink(first, { score: '3', comment: 'Slow' });
    await answerLink(second, { score: '10' });
    expect(await linkAnswers(env.DB)).toEqual([{ user_id: 'cust-2', score: 2, comment: null, channel: 'link' }]);
    const parked = await env.DB.prepare('SELECT kind, COUNT(*) AS n FROM move_parked WHERE site_id = ? GROUP BY kind')
      .bind(site.id)
      .all();
    expect(parked.results).toEqual([{ kind: 'link', n: 2 }]);

    // Switched, not yet replayed: cust-1 answers again, straight into DB_2, after the parked answer.
    while (status.phase !== 'replay') status = await step();
    await answerLink(first, { score: '9' });
    while (status.phase !== 'done') status = await step();
    expect(status.replayed).toBe(2);

    // Each link has one answer in DB_2: cust-1's newer 9 (the older parked 3 replaced nothing),
    // cust-2's parked 10 in place of the 2 copied; the rollup counts each once.
    expect(await linkAnswers(DB_2)).toEqual([
      { user_id: 'cust-1', score: 9, comment: null, channel: 'link' },
      { user_id: 'cust-2', score: 10, comment: null, channel: 'link' },
    ]);
    expect(await counts(site.id, DB_2)).toEqual({ answers: 2, events: 0, rolled: 2 });
    await onlyIn2(site.id);
    const report = (await (
      await call('/v1/scores?metric=nps', { headers: { Authorization: `Bearer ${site.secretKey}` } })
    ).json()) as { n: number; distribution: Record<string, number> };
    expect(report).toMatchObject({ n: 2, distribution: { 9: 1, 10: 1 } });
  });

  it('resumes a move whose steps stopped (a queue message out of retries) from the hourly cron', async () => {
    const site = await newSite('stalled');
    for (let i = 0; i < 3; i++) await direct(site, items(Date.now() - (i + 1) * DAY_MS));
    // Started with no queue and never stepped: as a chain whose last message was dropped.
    await statusOf(
      await admin(`/v1/sites/${site.id}/move/start`, { method: 'POST', body: { database: 'DB_2' }, queue: false }),
    );
    await env.DB.prepare('UPDATE site_moves SET updated_at = ?2 WHERE site_id = ?1')
      .bind(site.id, Date.now() - 10 * MOVE_STEPS.leaseMs)
      .run();
    const ctx = createExecutionContext();
    await worker.scheduled(createScheduledController({ scheduledTime: Date.now(), cron: DIGEST_CRON }), env, ctx);
    await waitOnExecutionContext(ctx);
    // The cron sent the next step to the queue, and the queue ran the rest.
    const done = await vi.waitFor(
      async () => {
        const status = await statusOf(await admin(`/v1/sites/${site.id}/move`));
        expect(status.phase).toBe('done');
        return status;
      },
      { timeout: 30_000, interval: 200 },
    );
    expect(done.steps).toBeGreaterThan(3);
    await onlyIn2(site.id);
    expect((await counts(site.id, DB_2)).answers).toBe(6);
  }, 60_000);
});
