// Every route of the API called through openapi-fetch with the types openapi-typescript made from
// the live document (openapi.d.ts): `pnpm check` compiles it with no cast, and
// tests/e2e/openapi.test.ts runs it against a real collector.
import createClient from 'openapi-fetch';
import type { paths } from './openapi';

/** What the calls need: a collector, a site's keys and an allowed origin, and the admin token. */
export interface Target {
  collector: string;
  publicKey: string;
  secretKey: string;
  origin: string;
  adminToken: string;
}

/** One call's outcome: the operation, the document's path and method, and what came back. */
export interface Called {
  operation: string;
  path: string;
  method: string;
  status: number;
  contentType: string;
  /** The JSON body, when the answer was JSON. */
  body?: unknown;
}

/** Calls every operation once, in an order where each finds what it needs; returns each status. */
export async function callEveryRoute(target: Target): Promise<Called[]> {
  const api = createClient<paths>({ baseUrl: target.collector });
  const secret = { Authorization: `Bearer ${target.secretKey}` };
  const called: Called[] = [];
  // A copy of each answer before openapi-fetch reads its body, and the document path it called.
  const seen = new Map<Response, { path: string; method: string; copy: Response }>();
  api.use({
    onResponse({ response, schemaPath, request }) {
      seen.set(response, { path: schemaPath, method: request.method.toLowerCase(), copy: response.clone() });
    },
  });
  const note = async (operation: string, response: Response) => {
    const { copy, ...where } = seen.get(response) ?? { path: '?', method: '?', copy: response };
    const contentType = response.headers.get('Content-Type') ?? '';
    const body = contentType.startsWith('application/json') ? await copy.json() : undefined;
    called.push({ operation, ...where, status: response.status, contentType, body });
  };
  const today = new Date().toISOString().slice(0, 10);
  const window = { from: today, to: today };

  await note('getHealthz', (await api.GET('/healthz')).response);
  await note('getOpenApi', (await api.GET('/openapi.json')).response);
  await note('getDocs', (await api.GET('/docs', { parseAs: 'text' })).response);

  const site = await api.POST('/v1/sites', {
    body: { name: 'generated client', origins: [target.origin] },
    headers: { Authorization: `Bearer ${target.adminToken}` },
  });
  await note('createSite', site.response);

  const id = crypto.randomUUID();
  const collected = await api.POST('/v1/collect', {
    body: {
      site: target.publicKey,
      answers: [
        {
          id,
          kind: 'nps',
          score: 9,
          scale: [0, 10],
          anonymousId: 'generated-client',
          comment: 'typed',
          ts: Date.now(),
        },
      ],
      events: [{ id: crypto.randomUUID(), name: 'signed_up', anonymousId: 'generated-client', ts: Date.now() }],
    },
    headers: { Origin: target.origin },
  });
  await note('collect', collected.response);
  const accepted: number | undefined = collected.data?.accepted;
  if (accepted !== 2) throw new Error(`collect accepted ${accepted}`);

  await note(
    'getActiveSurveys',
    (await api.GET('/v1/surveys/active', { params: { query: { site: target.publicKey } } })).response,
  );
  const created = await api.POST('/v1/surveys', {
    body: { name: 'Generated', kind: 'csat', texts: { en: { question: 'How satisfied are you?' } } },
    headers: secret,
  });
  await note('createSurvey', created.response);
  const surveyId = created.data?.id ?? 'missing';
  await note('listSurveys', (await api.GET('/v1/surveys', { headers: secret })).response);
  const path = { params: { path: { id: surveyId } }, headers: secret };
  await note('getSurvey', (await api.GET('/v1/surveys/{id}', path)).response);
  await note('updateSurvey', (await api.PATCH('/v1/surveys/{id}', { ...path, body: { status: 'paused' } })).response);
  const link = await api.POST('/v1/links', {
    body: { survey: surveyId, userId: 'generated-client', props: { entity: 'ticket-1' } },
    headers: secret,
  });
  await note('createLink', link.response);
  const token = { params: { path: { token: new URL(link.data?.url ?? 'http://x/s/missing').pathname.slice(3) } } };
  await note('linkPage', (await api.GET('/s/{token}', { ...token, parseAs: 'text' })).response);
  await note('linkPageScript', (await api.GET('/s/_/page.js', { parseAs: 'text' })).response);
  const answered = await api.POST('/s/{token}', {
    ...token,
    body: { score: 4, comment: 'by link' },
    bodySerializer: (form) => new URLSearchParams(Object.entries(form).map(([k, v]) => [k, String(v)])).toString(),
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    parseAs: 'text',
  });
  await note('answerLink', answered.response);
  await note('rotateLinkKey', (await api.POST('/v1/links/key', { body: {}, headers: secret })).response);
  await note('deleteSurvey', (await api.DELETE('/v1/surveys/{id}', path)).response);

  const scores = await api.GET('/v1/scores', { params: { query: { metric: 'nps', ...window } }, headers: secret });
  await note('getScores', scores.response);
  const n: number | undefined = scores.data?.n;
  if (!n) throw new Error('the score counts no answer');
  await note('listComments', (await api.GET('/v1/comments', { params: { query: window }, headers: secret })).response);
  await note(
    'getThemes',
    (await api.GET('/v1/themes', { params: { query: { metric: 'nps', ...window } }, headers: secret })).response,
  );
  await note(
    'getDigest',
    (await api.GET('/v1/digest', { params: { query: { period: 'week' } }, headers: secret })).response,
  );
  await note(
    'listResponses',
    (await api.GET('/v1/responses', { params: { query: { status: 'open', limit: 10 } }, headers: secret })).response,
  );
  await note(
    'updateResponse',
    (
      await api.PATCH('/v1/responses/{answerId}', {
        params: { path: { answerId: id } },
        body: { status: 'contacted', tags: ['typed'], note: 'replied', author: 'generated client' },
        headers: secret,
      })
    ).response,
  );
  await note(
    'getResponsesSummary',
    (await api.GET('/v1/responses/summary', { params: { query: { interval: 'week' } }, headers: secret })).response,
  );
  await note(
    'exportAnswers',
    (await api.GET('/v1/export', { params: { query: { format: 'ndjson' } }, headers: secret, parseAs: 'text' }))
      .response,
  );
  await note('getTtv', (await api.GET('/v1/ttv', { params: { query: window }, headers: secret })).response);
  await note('getDurations', (await api.GET('/v1/durations', { params: { query: window }, headers: secret })).response);
  await note('getRetention', (await api.GET('/v1/retention', { params: { query: window }, headers: secret })).response);
  await note('getRevenue', (await api.GET('/v1/revenue', { params: { query: window }, headers: secret })).response);
  await note(
    'getHealth',
    (await api.GET('/v1/health', { params: { query: { limit: 10 } }, headers: secret })).response,
  );

  await note('getSettings', (await api.GET('/v1/settings', { headers: secret })).response);
  await note(
    'getEventsDaily',
    (await api.GET('/v1/events/daily', { params: { query: window }, headers: secret })).response,
  );
  // 200 once the collect above is archived (ARCHIVE bound), else 404: both are documented.
  await note(
    'getArchive',
    (await api.GET('/v1/archive/{day}', { params: { path: { day: today } }, headers: secret, parseAs: 'text' }))
      .response,
  );
  await note(
    'updateSettings',
    (await api.PATCH('/v1/settings', { body: { churn: { inactivityDays: 30 } }, headers: secret })).response,
  );
  await note('listKeys', (await api.GET('/v1/keys', { headers: secret })).response);
  const issued = await api.POST('/v1/keys', { headers: secret });
  await note('issueKey', issued.response);
  const revoke = { params: { path: { id: issued.data?.id ?? 'missing' } }, headers: secret };
  await note('revokeKey', (await api.DELETE('/v1/keys/{id}', revoke)).response);

  await note(
    'setWebhook',
    // A loopback receiver: the local collector allows them (WEBHOOK_LOOPBACK) and cannot look names up.
    (await api.PUT('/v1/webhook', { body: { url: 'http://127.0.0.1:9/heard' }, headers: secret })).response,
  );
  await note('getWebhook', (await api.GET('/v1/webhook', { headers: secret })).response);
  await note('deleteWebhook', (await api.DELETE('/v1/webhook', { headers: secret })).response);

  const signingSecret = 'whsec_generated_client_secret';
  const source = await api.PUT('/v1/sources/stripe', { body: { signingSecret }, headers: secret });
  await note('setStripeSource', source.response);
  // Stripe's webhook takes the raw signed body, which the document does not type: sent as Stripe sends it.
  const stripeEvent = JSON.stringify({
    id: `evt_${crypto.randomUUID()}`,
    object: 'event',
    type: 'customer.created',
    created: Math.floor(Date.now() / 1000),
    data: { object: { id: 'cus_generated', object: 'customer' } },
  });
  const received = await fetch(source.data?.url ?? 'missing', {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      'Stripe-Signature': await stripeSignature(stripeEvent, signingSecret),
    },
    body: stripeEvent,
  });
  called.push({
    operation: 'receiveStripeEvent',
    path: '/v1/sources/stripe/{siteId}',
    method: 'post',
    status: received.status,
    contentType: received.headers.get('Content-Type') ?? '',
    body: await received.json(),
  });
  await note('getStripeSource', (await api.GET('/v1/sources/stripe', { headers: secret })).response);
  await note('getMrr', (await api.GET('/v1/mrr', { params: { query: window }, headers: secret })).response);
  await note('deleteStripeSource', (await api.DELETE('/v1/sources/stripe', { headers: secret })).response);

  const backend = await api.POST('/v1/batch', {
    body: {
      events: [{ id: crypto.randomUUID(), name: 'revenue', userId: 'generated-client', value: 10, ts: Date.now() }],
    },
    headers: secret,
  });
  await note('batch', backend.response);
  await note('issueIdentitySecret', (await api.POST('/v1/identity/secret', { headers: secret })).response);

  const user = { params: { path: { id: 'generated-client' } }, headers: secret };
  await note('eraseUser', (await api.DELETE('/v1/users/{id}', user)).response);
  // Last: the site moves to the stack's second database (400 where the collector has none).
  const moved = await api.POST('/v1/sites/{id}/move', {
    params: { path: { id: site.data?.id ?? 'missing' } },
    body: { database: 'DB_2' },
    headers: { Authorization: `Bearer ${target.adminToken}` },
  });
  await note('moveSite', moved.response);
  const admin = { Authorization: `Bearer ${target.adminToken}` };
  const siteId = { path: { id: site.data?.id ?? 'missing' } };
  await note('getSiteMove', (await api.GET('/v1/sites/{id}/move', { params: siteId, headers: admin })).response);
  // And back to the primary in steps: started, then one step (the queue, where bound, runs the rest).
  const back = await api.POST('/v1/sites/{id}/move/start', {
    params: siteId,
    body: { database: 'DB', rowsPerStep: 1000 },
    headers: admin,
  });
  await note('startSiteMove', back.response);
  await note('stepSiteMove', (await api.POST('/v1/sites/{id}/move/step', { params: siteId, headers: admin })).response);
  return called;
}

/** `Stripe-Signature` as Stripe makes it: `t=<seconds>,v1=<hex HMAC-SHA256 of "t.body">`. */
export async function stripeSignature(body: string, secret: string): Promise<string> {
  const t = Math.floor(Date.now() / 1000);
  const encoder = new TextEncoder();
  const key = await crypto.subtle.importKey('raw', encoder.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, [
    'sign',
  ]);
  const mac = new Uint8Array(await crypto.subtle.sign('HMAC', key, encoder.encode(`${t}.${body}`)));
  return `t=${t},v1=${[...mac].map((b) => b.toString(16).padStart(2, '0')).join('')}`;
}
