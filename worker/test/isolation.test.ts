import { env } from 'cloudflare:test';
import type { SiteCreated } from '@heard/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { issueSecretKey } from '../src/db/keys';
import { app } from '../src/index';
import { call, collect, newSite, npsAnswer } from './helpers';
import { deliver, event, SECRET, subscription } from './stripe';

/**
 * Every read and management route, called with site B's secret key, with A's ids filled in
 * where a route takes one: `{userId}`, `{anonymousId}`, `{keyId}`, `{siteId}`, `{survey}`,
 * `{event}`, `{entity}`, `{trait}`, `{surveyId}` (a configured survey of A's), in the path or the body. One line per route; a route added to the app without a
 * line here fails the coverage test below.
 */
const ROUTES: [route: string, path: string, body?: unknown][] = [
  ['GET /v1/scores', '/v1/scores?metric=nps'],
  ['GET /v1/scores', '/v1/scores?metric=nps&survey={survey}'],
  ['GET /v1/scores', '/v1/scores?metric=csat'],
  ['GET /v1/keys', '/v1/keys'],
  ['POST /v1/keys', '/v1/keys'],
  ['DELETE /v1/keys/:id', '/v1/keys/{keyId}'],
  ['DELETE /v1/keys/:id', '/v1/keys/current'],
  ['DELETE /v1/users/:id', '/v1/users/{userId}'],
  ['DELETE /v1/users/:id', '/v1/users/{anonymousId}'],
  ['POST /v1/sites', '/v1/sites', { name: 'B takes over', origins: ['https://evil.test'] }],
  ['GET /v1/surveys', '/v1/surveys'],
  [
    'POST /v1/surveys',
    '/v1/surveys',
    { name: 'B survey', kind: 'nps', status: 'active', texts: { en: { question: 'B?' } } },
  ],
  ['GET /v1/surveys/:id', '/v1/surveys/{surveyId}'],
  ['PATCH /v1/surveys/:id', '/v1/surveys/{surveyId}', { status: 'paused', priority: 9 }],
  ['DELETE /v1/surveys/:id', '/v1/surveys/{surveyId}'],
  ['GET /v1/export', '/v1/export?format=csv'],
  ['GET /v1/export', '/v1/export?format=ndjson&survey={survey}'],
  ['GET /v1/webhook', '/v1/webhook'],
  ['PUT /v1/webhook', '/v1/webhook', { url: 'https://evil.test/hook' }],
  ['DELETE /v1/webhook', '/v1/webhook'],
  ['GET /v1/settings', '/v1/settings'],
  ['PATCH /v1/settings', '/v1/settings', { churn: { inactivityDays: 3 } }],
  ['GET /v1/ttv', '/v1/ttv?start=signed_up&value={event}'],
  ['GET /v1/durations', '/v1/durations?start={event}&end=signed_up'],
  ['GET /v1/retention', '/v1/retention'],
  ['GET /v1/revenue', '/v1/revenue'],
  ['GET /v1/health', '/v1/health'],
  ['GET /v1/comments', '/v1/comments?metric=nps'],
  ['GET /v1/comments', '/v1/comments?metric=nps&q=COMMENT'],
  ['GET /v1/themes', '/v1/themes?metric=nps'],
  ['GET /v1/digest', '/v1/digest?period=week'],
  ['GET /v1/responses', '/v1/responses'],
  ['GET /v1/responses', '/v1/responses?q=COMMENT&status=contacted'],
  ['GET /v1/responses/summary', '/v1/responses/summary'],
  ['PATCH /v1/responses/:answerId', '/v1/responses/{answerId}', { status: 'closed', tags: ['b'], note: 'B was here' }],
  // Before B's own batches below, which name A's user and land in B's archive.
  ['GET /v1/archive/:day', `/v1/archive/${new Date().toISOString().slice(0, 10)}`],
  [
    'POST /v1/batch',
    '/v1/batch',
    {
      events: [
        { id: crypto.randomUUID(), name: 'revenue', userId: 'alice-of-site-a', value: 1, ts: Date.now() - 1000 },
      ],
    },
  ],
  ['POST /v1/batch', '/v1/batch', { batch: [{ type: 'identify', userId: 'alice-of-site-a', traits: { plan: 'b' } }] }],
  ['POST /v1/identity/secret', '/v1/identity/secret'],
  ['GET /v1/sources/stripe', '/v1/sources/stripe'],
  ['PUT /v1/sources/stripe', '/v1/sources/stripe', { signingSecret: 'whsec_site_b_takes_over' }],
  ['DELETE /v1/sources/stripe', '/v1/sources/stripe'],
  ['GET /v1/mrr', '/v1/mrr'],
  ['POST /v1/links', '/v1/links', { survey: '{surveyId}', userId: '{userId}' }],
  ['POST /v1/links/key', '/v1/links/key', { revokePrevious: true }],
  ['GET /v1/events/daily', '/v1/events/daily'],
  ['GET /v1/events/daily', '/v1/events/daily?name={event}'],
  ['POST /v1/sites/:id/move', '/v1/sites/{siteId}/move', { database: 'DB_2' }],
  ['POST /v1/sites/:id/move/start', '/v1/sites/{siteId}/move/start', { database: 'DB_2', rowsPerStep: 10 }],
  ['POST /v1/sites/:id/move/step', '/v1/sites/{siteId}/move/step'],
  ['GET /v1/sites/:id/move', '/v1/sites/{siteId}/move'],
];

/** Routes B's secret must not open at all (401). */
const ADMIN_ONLY = [
  'POST /v1/sites',
  'POST /v1/sites/:id/move',
  'POST /v1/sites/:id/move/start',
  'POST /v1/sites/:id/move/step',
  'GET /v1/sites/:id/move',
];

/** Routes that take no secret key: public-key writes and reads, the admin's, and health. */
const NOT_SECRET = [
  'POST /v1/collect',
  'GET /v1/surveys/active',
  'GET /healthz',
  'GET /openapi.json',
  // Stripe's webhook: only a signature made with A's own signing secret is let in (routes/stripe.test.ts).
  'POST /v1/sources/stripe/:siteId',
];

const A = {
  userId: 'alice-of-site-a',
  anonymousId: 'anon-of-site-a',
  survey: 'survey-of-site-a',
  event: 'event_of_site_a',
  entity: 'entity-of-site-a',
  trait: 'plan',
  comment: 'COMMENT-OF-SITE-A',
};

let siteA: SiteCreated;
let siteB: SiteCreated;
let keyIdA: string;
let surveyIdA: string;
let answerIdA: string;

/** Every row of every table that has a site_id column (tables added later included), for one site. */
async function snapshot(siteId: string): Promise<string> {
  const tables = await env.DB.prepare(
    `SELECT name FROM sqlite_master WHERE type = 'table' AND sql LIKE '%site_id %'
       AND name NOT LIKE '_cf_%' ESCAPE '\\' ORDER BY name`,
  ).all<{ name: string }>();
  const parts: string[] = [];
  for (const { name } of tables.results) {
    const rows = await env.DB.prepare(`SELECT * FROM "${name}" WHERE site_id = ?`).bind(siteId).all();
    parts.push(`${name}:${rows.results.map((row) => JSON.stringify(row)).sort()}`);
  }
  const site = await env.DB.prepare('SELECT * FROM sites WHERE id = ?').bind(siteId).first();
  return `${JSON.stringify(site)}\n${parts.join('\n')}`;
}

const fill = (path: string) =>
  path.replace(/\{(\w+)\}/g, (_, name: string) =>
    encodeURIComponent(
      name === 'keyId'
        ? keyIdA
        : name === 'siteId'
          ? siteA.id
          : name === 'surveyId'
            ? surveyIdA
            : name === 'answerId'
              ? answerIdA
              : A[name as keyof typeof A],
    ),
  );

beforeAll(async () => {
  siteA = await newSite('Site A');
  siteB = await newSite('Site B');
  const ts = Date.now() - 1000;
  const who = { userId: A.userId, anonymousId: A.anonymousId };
  const commented = npsAnswer(10, { ...who, survey: A.survey, comment: A.comment, traits: { [A.trait]: 'pro' } });
  answerIdA = commented.id;
  const seeded = await collect({
    site: siteA.publicKey,
    answers: [
      commented,
      npsAnswer(2, { ...who, survey: A.survey }),
      { ...npsAnswer(4), kind: 'csat', scale: [1, 5], ...who },
    ],
    events: [
      { id: crypto.randomUUID(), name: A.event, ...who, entity: A.entity, value: 42, ts },
      { id: crypto.randomUUID(), name: 'signed_up', ...who, ts },
    ],
    displays: [{ id: crypto.randomUUID(), kind: 'nps', action: 'shown', survey: A.survey, ...who, ts }],
  });
  expect(seeded.status).toBe(200);
  // A second key for A, so revoking one of A's keys would be possible if isolation failed.
  const second = await call('/v1/keys', { method: 'POST', headers: { Authorization: `Bearer ${siteA.secretKey}` } });
  keyIdA = ((await second.json()) as { id: string }).id;
  // A configured survey, a webhook and settings of A's, which B must neither read nor change.
  const asA = (method: string, body: unknown) => ({
    method,
    headers: { Authorization: `Bearer ${siteA.secretKey}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  const survey = await call(
    '/v1/surveys',
    asA('POST', { name: 'A survey', kind: 'csat', status: 'active', texts: { en: { question: 'A?' } } }),
  );
  expect(survey.status).toBe(201);
  surveyIdA = ((await survey.json()) as { id: string }).id;
  expect((await call('/v1/webhook', asA('PUT', { url: 'https://hooks.example.com/site-a' }))).ok).toBe(true);
  expect((await call('/v1/settings', asA('PATCH', { churn: { inactivityDays: 45 } }))).ok).toBe(true);
  const triaged = await call(`/v1/responses/${answerIdA}`, asA('PATCH', { status: 'contacted', note: 'A called' }));
  expect(triaged.ok).toBe(true);
  expect((await call('/v1/sources/stripe', asA('PUT', { signingSecret: SECRET }))).ok).toBe(true);
  const paying = subscription({ id: 'sub_site_a', customer: 'cus_site_a', unitAmount: 5_000 });
  expect((await deliver(siteA.id, event('customer.subscription.created', new Date(ts).toISOString(), paying))).ok).toBe(
    true,
  );
});

describe("tenant isolation: site B's secret sees and changes nothing of site A", () => {
  it('every secret-key route of the app has a line in ROUTES', () => {
    const appRoutes = new Set(
      app.routes
        .filter((r) => r.method !== 'ALL' && (r.path.startsWith('/v1/') || r.path === '/healthz'))
        .map((r) => `${r.method} ${r.path.replace(/\/$/, '')}`),
    );
    const covered = new Set([...ROUTES.map(([route]) => route), ...NOT_SECRET]);
    expect([...appRoutes].filter((route) => !covered.has(route))).toEqual([]);
  });

  for (const [route, path, body] of ROUTES) {
    it(`${route} (${path})`, async () => {
      const before = await snapshot(siteA.id);
      const [method] = route.split(' ');
      // A fresh key of B's for each route, so a route that revokes B's own key spoils no other.
      const { secretKey } = await issueSecretKey(env.DB, siteB.id);
      const url = fill(path);
      const sent = body === undefined ? '' : fill(JSON.stringify(body));
      const response = await call(url, {
        method,
        headers: { Authorization: `Bearer ${secretKey}`, 'Content-Type': 'application/json' },
        ...(body === undefined ? {} : { body: sent }),
      });
      expect(response.status, 'a clear answer, never a 5xx').toBeLessThan(500);
      if (ADMIN_ONLY.includes(route)) expect(response.status).toBe(401);
      else expect(response.status, 'B is let in, to its own site').not.toBe(401);
      const text = await response.text();
      const markers = [siteA.id, siteA.publicKey, keyIdA, surveyIdA, A.userId, A.anonymousId, A.comment, A.entity];
      // What B itself put in the URL or body may come back (an erasure names the id it was asked for).
      for (const marker of markers.filter((m) => !decodeURIComponent(url).includes(m) && !sent.includes(m))) {
        expect(text, `the response shows ${marker}`).not.toContain(marker);
      }
      if (response.ok && method === 'GET' && path.startsWith('/v1/scores')) {
        expect(JSON.parse(text)).toMatchObject({ n: 0 });
      }
      expect(await snapshot(siteA.id), 'site A changed').toBe(before);
    });
  }

  it("A's own secret still reads A's data afterwards", async () => {
    const scores = await call('/v1/scores?metric=nps', { headers: { Authorization: `Bearer ${siteA.secretKey}` } });
    expect(await scores.json()).toMatchObject({ n: 2, score: 0 });
  });
});
