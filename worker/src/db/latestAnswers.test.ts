import { env } from 'cloudflare:test';
import { DAY_MS as DAY } from '@heard/core';
import { describe, expect, it } from 'vitest';
import { call, collect, newSite, npsAnswer } from '../../test/helpers';
import { latestAnswers } from './accountHealth';
import { purgeSite } from './purge';

const kept = async (siteId: string) =>
  (await latestAnswers(env.DB, siteId)).map((a) => `${a.userKey}:${a.kind}:${a.score}`).sort();

describe('latest answers (migration 0008 triggers)', () => {
  it("keep each person's newest answer per kind, whatever order answers arrive in", async () => {
    const site = await newSite();
    const t = Date.now() - 10 * DAY;
    const newest = npsAnswer(9, { userId: 'u', ts: t + 2 * DAY });
    await collect({ site: site.publicKey, answers: [newest] });
    await collect({
      site: site.publicKey,
      answers: [
        npsAnswer(2, { userId: 'u', ts: t }), // older, arriving late: ignored
        { ...npsAnswer(3, { userId: 'u', ts: t + DAY }), kind: 'csat', scale: [1, 5] },
        { ...npsAnswer(6, { ts: t }), anonymousId: 'visitor' },
        newest, // re-sent: changes nothing
      ],
    });
    expect(await kept(site.id)).toEqual(['anon:visitor:nps:6', 'u:csat:3', 'u:nps:9']);
  });

  it("go with a person's erasure, and with a retention purge only when the kept answer is purged", async () => {
    const site = await newSite();
    const now = Date.now();
    await collect({
      site: site.publicKey,
      answers: [
        npsAnswer(1, { userId: 'old', ts: now - 40 * DAY }),
        npsAnswer(3, { userId: 'both', ts: now - 40 * DAY }),
        npsAnswer(8, { userId: 'both', ts: now - DAY }),
        npsAnswer(10, { userId: 'erased', ts: now - DAY }),
      ],
    });
    const erased = await call('/v1/users/erased', {
      method: 'DELETE',
      headers: { Authorization: `Bearer ${site.secretKey}` },
    });
    expect(erased.status).toBe(200);
    expect(await kept(site.id)).toEqual(['both:nps:8', 'old:nps:1']);
    await purgeSite(env.DB, site.id, now - 30 * DAY);
    expect(await kept(site.id)).toEqual(['both:nps:8']);
  });

  it('are built for answers stored before the migration', async () => {
    const site = await newSite();
    const t = Date.now() - DAY;
    await collect({
      site: site.publicKey,
      answers: [npsAnswer(4, { userId: 'u', ts: t }), npsAnswer(7, { userId: 'u', ts: t + 1000 })],
    });
    await env.DB.prepare('DELETE FROM latest_answers WHERE site_id = ?').bind(site.id).run();
    const migration = env.TEST_MIGRATIONS.find((m) => m.name.startsWith('0008'));
    const backfill = migration?.queries.find((q) => q.includes('row_number()'));
    if (!backfill) throw new Error('migration 0008 must fill latest_answers from the stored answers');
    await env.DB.prepare(backfill).run();
    expect(await kept(site.id)).toEqual(['u:nps:7']);
  });
});
