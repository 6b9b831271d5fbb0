import { createExecutionContext, createScheduledController, env, waitOnExecutionContext } from 'cloudflare:test';
import { DAY_MS as DAY } from '@heard/core';
import { describe, expect, it } from 'vitest';
import { call, collect, counts, newSite, npsAnswer, read } from '../../test/helpers';
import worker from '../index';

async function runCron(scheduledTime = Date.now()) {
  const ctx = createExecutionContext();
  await worker.scheduled(createScheduledController({ scheduledTime, cron: '17 3 * * *' }), env, ctx);
  await waitOnExecutionContext(ctx);
}

const setRetention = (siteId: string, days: number) =>
  env.DB.prepare('UPDATE sites SET settings = ? WHERE id = ?')
    .bind(JSON.stringify({ retentionDays: days }), siteId)
    .run();

const raw = (siteId: string) =>
  env.DB.prepare(
    `SELECT (SELECT COUNT(*) FROM answers WHERE site_id = ?1) AS answers,
            (SELECT COUNT(*) FROM events WHERE site_id = ?1) AS events,
            (SELECT COUNT(*) FROM displays WHERE site_id = ?1) AS displays,
            (SELECT COUNT(*) FROM milestones WHERE site_id = ?1) AS milestones`,
  )
    .bind(siteId)
    .first();

describe('retention (retentionDays site setting, daily cron)', () => {
  it('deletes raw rows older than N days while the rollup and the scores stay as they were', async () => {
    const site = await newSite();
    const old = Date.now() - 90 * DAY;
    await collect({
      site: site.publicKey,
      answers: [npsAnswer(10, { ts: old }), npsAnswer(0, { ts: old }), npsAnswer(9), npsAnswer(3)],
      events: [
        { id: crypto.randomUUID(), name: 'signed_up', userId: 'u1', ts: old },
        { id: crypto.randomUUID(), name: 'activated', userId: 'u1', ts: Date.now() },
      ],
      displays: [{ id: crypto.randomUUID(), kind: 'nps', action: 'shown', userId: 'u1', ts: old }],
    });
    const before = await (await read('/v1/scores?metric=nps', site.secretKey)).json();
    expect(before).toMatchObject({ n: 4, score: 0 });

    await setRetention(site.id, 30);
    await runCron();

    expect(await raw(site.id)).toEqual({ answers: 2, events: 1, displays: 0, milestones: 2 });
    // The rollup still counts the purged answers: 4 counted, 2 raw rows left.
    expect(await counts(site.id)).toEqual({ answers: 2, events: 1, rolled: 4 });
    expect(await (await read('/v1/scores?metric=nps', site.secretKey)).json()).toEqual(before);
    // The purge flag is gone: a later erasure decrements the rollup again.
    expect((await env.DB.prepare('SELECT COUNT(*) AS n FROM retention_purge').first())?.n).toBe(0);
    const recent = await env.DB.prepare('SELECT anonymous_id FROM answers WHERE site_id = ? LIMIT 1')
      .bind(site.id)
      .first<{ anonymous_id: string }>();
    const erased = await call(`/v1/users/${recent?.anonymous_id}`, {
      method: 'DELETE',
      headers: { Authorization: `Bearer ${site.secretKey}` },
    });
    expect(erased.status).toBe(200);
    expect(await counts(site.id)).toEqual({ answers: 1, events: 1, rolled: 3 });
  });

  it('leaves sites without the setting, and other sites, alone', async () => {
    const kept = await newSite();
    const purged = await newSite();
    const old = Date.now() - 200 * DAY;
    await collect({ site: kept.publicKey, answers: [npsAnswer(5, { ts: old })] });
    await collect({ site: purged.publicKey, answers: [npsAnswer(5, { ts: old })] });
    await setRetention(purged.id, 100);
    await runCron();
    expect(await counts(kept.id)).toEqual({ answers: 1, events: 0, rolled: 1 });
    expect(await counts(purged.id)).toEqual({ answers: 0, events: 0, rolled: 1 });
  });

  it('refuses items older than the retention period, so a purged answer re-sent is never counted twice', async () => {
    const site = await newSite();
    const answer = npsAnswer(9, { ts: Date.now() - 60 * DAY });
    await collect({ site: site.publicKey, answers: [answer] });
    await setRetention(site.id, 30);
    await runCron();
    const again = await collect({ site: site.publicKey, answers: [answer] });
    expect(again.status).toBe(400);
    expect(JSON.stringify(await again.json())).toContain('retention');
    expect(await counts(site.id)).toEqual({ answers: 0, events: 0, rolled: 1 });
  });
});
