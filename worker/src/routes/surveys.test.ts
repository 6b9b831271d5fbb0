import { env } from 'cloudflare:test';
import { ZActiveSurveys, ZError, ZSurvey, ZSurveyList } from '@heard/core';
import { describe, expect, it } from 'vitest';
import { bodyOf, call, collect, newSite, npsAnswer, ORIGIN } from '../../test/helpers';
import { purgeSite } from '../db/purge';

const json = (secretKey: string, method: string, body: unknown): RequestInit => ({
  method,
  headers: { Authorization: `Bearer ${secretKey}`, 'Content-Type': 'application/json' },
  body: typeof body === 'string' ? body : JSON.stringify(body),
});
const ces = {
  name: 'CES after support',
  kind: 'ces',
  texts: {
    en: { question: 'It was easy to get my issue resolved.', followUp: 'What made it hard?' },
    de: { question: 'Es war einfach, mein Problem zu lösen.' },
  },
  targeting: { triggers: [{ type: 'event', name: 'ticket_resolved' }], recontactDays: 30 },
  status: 'active',
  priority: 5,
};

async function create(secretKey: string, body: unknown = ces) {
  const response = await call('/v1/surveys', json(secretKey, 'POST', body));
  expect(response.status).toBe(201);
  return bodyOf(ZSurvey, response);
}
const active = (query: string, headers: Record<string, string> = { Origin: ORIGIN }) =>
  call(`/v1/surveys/active?${query}`, { headers });

describe('/v1/surveys (secret key)', () => {
  it('creates a survey with defaults, reads, lists, patches and deletes it', async () => {
    const site = await newSite();
    const survey = await create(site.secretKey);
    expect(survey).toMatchObject({
      id: expect.stringMatching(/^srv_/),
      kind: 'ces',
      scale: [1, 7],
      status: 'active',
      priority: 5,
      appearance: {},
      schedule: {},
      targeting: {
        triggers: [{ type: 'event', name: 'ticket_resolved' }],
        recontactDays: 30,
        dismissDays: 14,
        sample: 1,
      },
    });
    const read = await call(`/v1/surveys/${survey.id}`, json(site.secretKey, 'GET', undefined));
    expect(await bodyOf(ZSurvey, read)).toEqual(survey);

    const patched = await call(
      `/v1/surveys/${survey.id}`,
      json(site.secretKey, 'PATCH', { status: 'paused', priority: 9 }),
    );
    expect(patched.status).toBe(200);
    expect(await bodyOf(ZSurvey, patched)).toMatchObject({
      id: survey.id,
      status: 'paused',
      priority: 9,
      name: ces.name,
    });

    const list = await bodyOf(ZSurveyList, await call('/v1/surveys', json(site.secretKey, 'GET', undefined)));
    expect(list.surveys.map((s) => s.id)).toEqual([survey.id]);

    expect((await call(`/v1/surveys/${survey.id}`, json(site.secretKey, 'DELETE', undefined))).status).toBe(204);
    expect((await call(`/v1/surveys/${survey.id}`, json(site.secretKey, 'GET', undefined))).status).toBe(404);
  });

  it('lists every survey id answers carry, ad hoc ones too, with kind and count, most answered first', async () => {
    const site = await newSite();
    const managed = await create(site.secretKey);
    const other = await newSite('Other');
    await collect({
      site: site.publicKey,
      answers: [
        npsAnswer(9, { survey: 'nps-quarterly' }),
        npsAnswer(3, { survey: 'nps-quarterly' }),
        npsAnswer(10),
        { ...npsAnswer(6), kind: 'ces', scale: [1, 7], survey: managed.id },
      ],
    });
    await collect({ site: other.publicKey, answers: [npsAnswer(1, { survey: 'theirs' })] });
    const list = await bodyOf(ZSurveyList, await call('/v1/surveys', json(site.secretKey, 'GET', undefined)));
    expect(list.surveys.map((s) => s.id)).toEqual([managed.id]);
    // The answer asked without a survey id is counted in every report but names no survey to pick.
    expect(list.answered).toEqual([
      { id: 'nps-quarterly', kind: 'nps', n: 2 },
      { id: managed.id, kind: 'ces', n: 1 },
    ]);
  });

  it('answers bad input with a 400 naming the field, and stores nothing', async () => {
    const site = await newSite();
    const cases: [unknown, string][] = [
      [{ ...ces, kind: 'stars' }, 'kind'],
      [{ ...ces, scale: [0, 10] }, 'scale'],
      [{ ...ces, texts: {} }, 'texts'],
      [{ ...ces, texts: { 'not a locale!': { question: 'x' } } }, 'texts.not a locale!'],
      [{ ...ces, status: 'live' }, 'status'],
      [{ ...ces, priority: -1 }, 'priority'],
      [{ ...ces, targeting: { sample: 2 } }, 'targeting.sample'],
      [{ ...ces, targeting: { pages: [{ op: 'regex', value: '([' }] } }, 'targeting.pages.0.value'],
      [{ ...ces, targeting: { traits: [{ key: 'plan', op: 'in', value: 'pro' }] } }, 'targeting.traits.0.value'],
      [{ ...ces, targeting: { traits: [{ key: 'seats', op: 'gt', value: 'ten' }] } }, 'targeting.traits.0.value'],
      [{ ...ces, targeting: { triggers: [{ type: 'click' }] } }, 'targeting.triggers.0.type'],
      [{ ...ces, schedule: { start: 2000, end: 1000 } }, 'schedule.end'],
      [{ ...ces, color: 'red' }, ''],
    ];
    for (const [body, path] of cases) {
      const response = await call('/v1/surveys', json(site.secretKey, 'POST', body));
      expect(response.status, JSON.stringify(body)).toBe(400);
      const error = await bodyOf(ZError, response);
      expect(error.error.code).toBe('bad_request');
      expect(error.error.issues?.map((i) => i.path)).toContain(path);
    }
    expect((await call('/v1/surveys', json(site.secretKey, 'POST', '{not json'))).status).toBe(400);
    const patch = await call('/v1/surveys/srv_x', json(site.secretKey, 'PATCH', {}));
    expect(patch.status).toBe(400);
    const count = await env.DB.prepare('SELECT COUNT(*) AS n FROM surveys WHERE site_id = ?').bind(site.id).first('n');
    expect(count).toBe(0);
  });

  it('refuses to change the scale of a survey that has answers, and allows it before', async () => {
    const site = await newSite();
    const survey = await create(site.secretKey);
    const toFive = await call(`/v1/surveys/${survey.id}`, json(site.secretKey, 'PATCH', { scale: [1, 5] }));
    expect(toFive.status).toBe(200);
    expect((await bodyOf(ZSurvey, toFive)).scale).toEqual([1, 5]);
    await collect({
      site: site.publicKey,
      answers: [npsAnswer(2, { kind: 'ces', scale: [1, 5], survey: survey.id })],
    });
    const back = await call(`/v1/surveys/${survey.id}`, json(site.secretKey, 'PATCH', { scale: [1, 7] }));
    expect(back.status).toBe(409);
    expect((await bodyOf(ZError, back)).error.message).toMatch(/Create a new survey/);
    const kind = await call(`/v1/surveys/${survey.id}`, json(site.secretKey, 'PATCH', { kind: 'nps' }));
    expect(kind.status).toBe(409);
    const bad = await call(`/v1/surveys/${survey.id}`, json(site.secretKey, 'PATCH', { scale: [0, 10] }));
    expect(bad.status).toBe(400);
    const texts = await call(`/v1/surveys/${survey.id}`, json(site.secretKey, 'PATCH', { name: 'renamed' }));
    expect(texts.status).toBe(200);
    expect(
      (await bodyOf(ZSurvey, await call(`/v1/surveys/${survey.id}`, json(site.secretKey, 'GET', undefined)))).scale,
    ).toEqual([1, 5]);
  });

  it('keeps the scale while purged answers still count in the scores, and frees it once the answers are erased', async () => {
    const site = await newSite();
    const survey = await create(site.secretKey);
    const old = Date.now() - 30 * 86_400_000;
    await collect({
      site: site.publicKey,
      answers: [npsAnswer(3, { kind: 'ces', scale: [1, 7], survey: survey.id, userId: 'u-old', ts: old })],
    });
    // Retention removes the raw answer; the daily rollup (and so the scores) keeps counting it.
    await purgeSite(env.DB, site.id, Date.now() - 86_400_000);
    const raw = await env.DB.prepare('SELECT COUNT(*) AS n FROM answers WHERE site_id = ?').bind(site.id).first('n');
    expect(raw).toBe(0);
    const locked = await call(`/v1/surveys/${survey.id}`, json(site.secretKey, 'PATCH', { scale: [1, 5] }));
    expect(locked.status).toBe(409);

    const other = await create(site.secretKey);
    await collect({
      site: site.publicKey,
      answers: [npsAnswer(4, { kind: 'ces', scale: [1, 7], survey: other.id, userId: 'u-gone' })],
    });
    expect((await call(`/v1/surveys/${other.id}`, json(site.secretKey, 'PATCH', { scale: [1, 5] }))).status).toBe(409);
    // An erased person's answers leave the scores: nothing holds the scale any more.
    const erased = await call('/v1/users/u-gone', json(site.secretKey, 'DELETE', undefined));
    expect(erased.status).toBe(200);
    const freed = await call(`/v1/surveys/${other.id}`, json(site.secretKey, 'PATCH', { scale: [1, 5] }));
    expect(freed.status).toBe(200);
    expect((await bodyOf(ZSurvey, freed)).scale).toEqual([1, 5]);
  });

  it("hides one site's surveys from another site's key", async () => {
    const mine = await newSite('Mine');
    const theirs = await newSite('Theirs');
    const survey = await create(mine.secretKey);
    for (const method of ['GET', 'DELETE']) {
      expect((await call(`/v1/surveys/${survey.id}`, json(theirs.secretKey, method, undefined))).status).toBe(404);
    }
    expect((await call(`/v1/surveys/${survey.id}`, json(theirs.secretKey, 'PATCH', { status: 'paused' }))).status).toBe(
      404,
    );
    const list = await bodyOf(ZSurveyList, await call('/v1/surveys', json(theirs.secretKey, 'GET', undefined)));
    expect(list.surveys).toEqual([]);
    const body = await bodyOf(ZActiveSurveys, await active(`site=${theirs.publicKey}`));
    expect(body.surveys).toEqual([]);
    expect(
      (await bodyOf(ZSurvey, await call(`/v1/surveys/${survey.id}`, json(mine.secretKey, 'GET', undefined)))).status,
    ).toBe('active');
  });

  it('needs a secret key', async () => {
    const site = await newSite();
    expect((await call('/v1/surveys')).status).toBe(401);
    expect((await call('/v1/surveys', json(site.publicKey, 'POST', ces))).status).toBe(401);
  });
});

describe('GET /v1/surveys/active (public key)', () => {
  it('lists running surveys with texts for the locale, and answers 304 to a matching ETag', async () => {
    const site = await newSite();
    const running = await create(site.secretKey);
    await create(site.secretKey, { ...ces, name: 'draft', status: 'draft' });
    await create(site.secretKey, { ...ces, name: 'over', schedule: { end: Date.now() - 1000 } });
    await create(site.secretKey, { ...ces, name: 'later', schedule: { start: Date.now() + 86_400_000 } });
    await create(site.secretKey, { ...ces, name: 'french only', targeting: { locales: ['fr'] } });

    const response = await active(`site=${site.publicKey}&locale=de-AT`);
    expect(response.status).toBe(200);
    expect(response.headers.get('Access-Control-Allow-Origin')).toBe(ORIGIN);
    const body = await bodyOf(ZActiveSurveys, response);
    expect(body.surveys).toHaveLength(1);
    expect(body.surveys[0]).toMatchObject({
      id: running.id,
      kind: 'ces',
      scale: [1, 7],
      texts: { question: 'Es war einfach, mein Problem zu lösen.' },
      priority: 5,
    });
    expect(body).toMatchObject({ cooldownDays: 7, contacts: [] });

    const english = await bodyOf(ZActiveSurveys, await active(`site=${site.publicKey}&locale=ja`));
    expect(english.surveys[0]?.texts.question).toBe('It was easy to get my issue resolved.');

    const etag = response.headers.get('ETag') as string;
    expect(etag).toMatch(/^"[0-9a-f]{32}"$/);
    expect(response.headers.get('Cache-Control')).toBe('private, max-age=60');
    const again = await active(`site=${site.publicKey}&locale=de-AT`, { Origin: ORIGIN, 'If-None-Match': etag });
    expect(again.status).toBe(304);
    await call(`/v1/surveys/${running.id}`, json(site.secretKey, 'PATCH', { priority: 1 }));
    const changed = await active(`site=${site.publicKey}&locale=de-AT`, { Origin: ORIGIN, 'If-None-Match': etag });
    expect(changed.status).toBe(200);
  });

  it("returns what still blocks an identified user's prompts, from every device, and that they signed up", async () => {
    const site = await newSite();
    const survey = await create(site.secretKey, {
      ...ces,
      targeting: { ...ces.targeting, afterDays: { days: 0, since: 'signed_up' } },
    });
    const now = Date.now();
    await collect({
      site: site.publicKey,
      events: [{ id: crypto.randomUUID(), name: 'signed_up', userId: 'u1', ts: now - 5000 }],
      displays: [
        { id: crypto.randomUUID(), kind: 'ces', action: 'shown', survey: survey.id, userId: 'u1', ts: now - 3000 },
        { id: crypto.randomUUID(), kind: 'ces', action: 'dismissed', survey: survey.id, userId: 'u1', ts: now - 2000 },
        { id: crypto.randomUUID(), kind: 'ces', action: 'shown', survey: survey.id, userId: 'u2', ts: now - 2000 },
        // Older than every cool-down (30 days re-contact, 7 days global): not sent.
        {
          id: crypto.randomUUID(),
          kind: 'ces',
          action: 'shown',
          survey: survey.id,
          userId: 'u1',
          ts: now - 40 * 86_400_000,
        },
        {
          id: crypto.randomUUID(),
          kind: 'nps',
          action: 'shown',
          survey: 'gone',
          userId: 'u1',
          ts: now - 8 * 86_400_000,
        },
        {
          id: crypto.randomUUID(),
          kind: 'nps',
          action: 'shown',
          survey: 'gone',
          userId: 'u1',
          ts: now - 6 * 86_400_000,
        },
      ],
    });
    const body = await bodyOf(ZActiveSurveys, await active(`site=${site.publicKey}&user=u1`));
    // Only what still blocks: this survey's last prompt (which also covers the global cool-down;
    // the older prompt of a survey that is gone adds nothing), and not the sign-up date, only that
    // the user passed the survey's 0-day threshold (activeUser.test.ts).
    expect(body.contacts).toEqual([{ survey: survey.id, ts: now - 3000, dismissed: true }]);
    expect(Date.now() - (body.signedUp ?? 0)).toBeGreaterThanOrEqual(0);
    expect(Date.now() - (body.signedUp ?? 0)).toBeLessThan(61_000);
    // No survey counts days since first seen, so that is not given away.
    expect(body.firstSeen).toBeUndefined();
    const anonymous = await bodyOf(ZActiveSurveys, await active(`site=${site.publicKey}`));
    expect(anonymous.contacts).toEqual([]);
  });

  it('uses the site setting for the global cool-down', async () => {
    const site = await newSite();
    await env.DB.prepare(`UPDATE sites SET settings = '{"surveys":{"cooldownDays":2}}' WHERE id = ?`)
      .bind(site.id)
      .run();
    const body = await bodyOf(ZActiveSurveys, await active(`site=${site.publicKey}`));
    expect(body.cooldownDays).toBe(2);
  });

  it('refuses unknown keys, secret keys, foreign origins and a missing site', async () => {
    const site = await newSite();
    expect((await active('site=pk_nope')).status).toBe(401);
    expect((await active(`site=${site.secretKey}`)).status).toBe(401);
    expect((await active(`site=${site.publicKey}`, { Origin: 'https://evil.example' })).status).toBe(403);
    const missing = await active('');
    expect(missing.status).toBe(400);
    expect((await bodyOf(ZError, missing)).error.issues?.[0]?.path).toBe('site');
  });
});
