import { env } from 'cloudflare:test';
import { ZErasure, ZError } from '@heard/core';
import { describe, expect, it } from 'vitest';
import { bodyOf, call, collect, counts, newSite, npsAnswer, read, storeAllEvents } from '../../test/helpers';

const erase = (id: string, secretKey: string, anonymousIds: string[] = []) =>
  call(
    `/v1/users/${encodeURIComponent(id)}${anonymousIds.length ? `?${anonymousIds.map((a) => `anonymousId=${encodeURIComponent(a)}`).join('&')}` : ''}`,
    { method: 'DELETE', headers: { Authorization: `Bearer ${secretKey}` } },
  );

async function rows(siteId: string) {
  const row = await env.DB.prepare(
    `SELECT (SELECT COUNT(*) FROM answers WHERE site_id = ?1) AS answers,
            (SELECT COUNT(*) FROM events WHERE site_id = ?1) AS events,
            (SELECT COUNT(*) FROM displays WHERE site_id = ?1) AS displays,
            (SELECT COUNT(*) FROM milestones WHERE site_id = ?1) AS milestones,
            (SELECT COUNT(*) FROM user_profiles WHERE site_id = ?1) AS profiles,
            (SELECT COALESCE(SUM(n), 0) FROM display_rollup WHERE site_id = ?1) AS displaysRolled`,
  )
    .bind(siteId)
    .first();
  return row;
}

describe('DELETE /v1/users/:id', () => {
  it("erases a user's answers, events, displays and milestones, also under their anonymous id, and corrects NPS", async () => {
    const site = await newSite();
    const now = Date.now() - 1000;
    const event = (name: string, who: Record<string, string>) => ({ id: crypto.randomUUID(), name, ...who, ts: now });
    const display = (who: Record<string, string>) => ({
      id: crypto.randomUUID(),
      kind: 'nps',
      action: 'shown',
      ...who,
      ts: now,
    });
    const alice = { userId: 'alice', anonymousId: 'anon-alice' };
    await collect({
      site: site.publicKey,
      answers: [npsAnswer(0, alice), npsAnswer(10, { userId: 'bob', anonymousId: 'anon-bob' })],
      // Before signing in Alice was only anon-alice: that is her too.
      events: [
        event('signed_up', { anonymousId: 'anon-alice' }),
        event('activated', alice),
        event('signed_up', { userId: 'bob' }),
      ],
      displays: [display(alice), display({ anonymousId: 'anon-bob' })],
    });
    const before = { answers: 2, events: 3, displays: 2, milestones: 3, profiles: 3, displaysRolled: 2 };
    expect(await rows(site.id)).toEqual(before);
    expect(await (await read('/v1/scores?metric=nps', site.secretKey)).json()).toMatchObject({ n: 2, score: 0 });

    // The site knows anon-alice is Alice (it is not taken from what visitors sent): it says so.
    const response = await erase('alice', site.secretKey, ['anon-alice']);
    expect(response.status).toBe(200);
    expect(await bodyOf(ZErasure, response)).toEqual({
      id: 'alice',
      erased: { answers: 1, events: 2, displays: 1, milestones: 2 },
      anonymousIds: ['anon-alice'],
      unverifiedLinks: [],
    });
    const after = { answers: 1, events: 1, displays: 1, milestones: 1, profiles: 1, displaysRolled: 1 };
    expect(await rows(site.id)).toEqual(after);
    // The rollup lost exactly Alice's answer: NPS is Bob's alone.
    expect(await counts(site.id)).toMatchObject({ answers: 1, rolled: 1 });
    expect(await (await read('/v1/scores?metric=nps', site.secretKey)).json()).toMatchObject({ n: 1, score: 100 });
    const left = await env.DB.prepare(
      `SELECT user_id, anonymous_id FROM answers WHERE site_id = ?1 UNION ALL SELECT user_id, anonymous_id FROM events
       WHERE site_id = ?1 UNION ALL SELECT user_id, anonymous_id FROM displays WHERE site_id = ?1`,
    )
      .bind(site.id)
      .all();
    expect(JSON.stringify(left.results)).not.toContain('alice');
  });

  it('erases by anonymous id alone, and answers zeros for someone never seen', async () => {
    const site = await newSite();
    await collect({ site: site.publicKey, answers: [npsAnswer(7, { anonymousId: 'visitor-1' })] });
    expect(await bodyOf(ZErasure, await erase('visitor-1', site.secretKey))).toEqual({
      id: 'visitor-1',
      erased: { answers: 1, events: 0, displays: 0, milestones: 0 },
      anonymousIds: [],
      unverifiedLinks: [],
    });
    expect(await counts(site.id)).toEqual({ answers: 0, events: 0, rolled: 0 });
    expect(await bodyOf(ZErasure, await erase('nobody', site.secretKey))).toEqual({
      id: 'nobody',
      erased: { answers: 0, events: 0, displays: 0, milestones: 0 },
      anonymousIds: [],
      unverifiedLinks: [],
    });
  });

  it("follows only links the site gives: a visitor's event cannot widen a user's erasure to another person", async () => {
    const site = await newSite();
    // Stored raw, the `page` event links the two ids (with events.store 'metrics' it is only counted).
    await storeAllEvents(site.secretKey);
    const now = Date.now() - 1000;
    await collect({
      site: site.publicKey,
      answers: [
        npsAnswer(9, { anonymousId: 'anon-bob', comment: "Bob's own words" }),
        npsAnswer(3, { userId: 'alice', anonymousId: undefined }),
      ],
      // Mallory claims that Bob's anonymous id is Alice's.
      events: [{ id: crypto.randomUUID(), name: 'page', userId: 'alice', anonymousId: 'anon-bob', ts: now }],
    });
    const response = await erase('alice', site.secretKey);
    expect(await response.json()).toEqual({
      id: 'alice',
      erased: { answers: 1, events: 1, displays: 0, milestones: 1 },
      anonymousIds: [],
      unverifiedLinks: ['anon-bob'],
    });
    const bob = await env.DB.prepare('SELECT comment FROM answers WHERE site_id = ? AND anonymous_id = ?')
      .bind(site.id, 'anon-bob')
      .first();
    expect(bob).toEqual({ comment: "Bob's own words" });
  });

  it('refuses a malformed anonymousId list with 400', async () => {
    const site = await newSite();
    expect((await erase('alice', site.secretKey, ['x'.repeat(201)])).status).toBe(400);
    expect((await erase('alice', site.secretKey, Array(51).fill('a'))).status).toBe(400);
  });

  it('needs a secret key and refuses an over-long id with 400', async () => {
    const site = await newSite();
    expect((await erase('alice', site.publicKey)).status).toBe(401);
    const long = await erase('x'.repeat(201), site.secretKey);
    expect(long.status).toBe(400);
    expect(await bodyOf(ZError, long)).toMatchObject({ error: { code: 'bad_request' } });
  });
});
