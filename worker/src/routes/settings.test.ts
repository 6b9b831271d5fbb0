import { env } from 'cloudflare:test';
import { DEFAULT_SITE_SETTINGS, ZActiveSurveys, ZError, ZSiteSettings } from '@heard/core';
import { describe, expect, it } from 'vitest';
import { bodyOf, call, collect, newSite, npsAnswer, ORIGIN, read } from '../../test/helpers';

const patch = (secretKey: string, body: unknown) =>
  call('/v1/settings', {
    method: 'PATCH',
    headers: { Authorization: `Bearer ${secretKey}`, 'Content-Type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

describe('/v1/settings', () => {
  it('starts with the defaults', async () => {
    const site = await newSite();
    const response = await read('/v1/settings', site.secretKey);
    expect(response.status).toBe(200);
    expect(await bodyOf(ZSiteSettings, response)).toEqual(DEFAULT_SITE_SETTINGS);
  });

  it('patches a subset, keeps the rest and the keys other features store', async () => {
    const site = await newSite();
    await env.DB.prepare(`UPDATE sites SET settings = '{"fatigue":{"days":7}}' WHERE id = ?`).bind(site.id).run();
    const response = await patch(site.secretKey, { ttv: { value: 'first_report' }, health: { weights: { nps: 40 } } });
    expect(response.status).toBe(200);
    const body = await bodyOf(ZSiteSettings, response);
    expect(body.ttv).toEqual({ start: 'signed_up', value: 'first_report' });
    expect(body.health.weights.nps).toBe(40);
    expect(body.health.weights.recency).toBe(DEFAULT_SITE_SETTINGS.health.weights.recency);
    expect(await bodyOf(ZSiteSettings, await read('/v1/settings', site.secretKey))).toEqual(body);
    const row = await env.DB.prepare('SELECT settings FROM sites WHERE id = ?')
      .bind(site.id)
      .first<{ settings: string }>();
    expect(JSON.parse(row?.settings ?? '{}').fatigue).toEqual({ days: 7 });
  });

  it('sets the retention period and the survey cool-down, which collect and active surveys obey', async () => {
    const site = await newSite();
    const response = await patch(site.secretKey, { retentionDays: 30, surveys: { cooldownDays: 3 } });
    expect(response.status).toBe(200);
    expect(await bodyOf(ZSiteSettings, response)).toMatchObject({ retentionDays: 30, surveys: { cooldownDays: 3 } });
    // An answer older than the retention period would be purged again at once: collect refuses it.
    const old = npsAnswer(9, { ts: Date.now() - 31 * 86_400_000 });
    const refused = await collect({ site: site.publicKey, answers: [old] });
    expect(refused.status).toBe(400);
    const active = await call(`/v1/surveys/active?site=${site.publicKey}`, { headers: { Origin: ORIGIN } });
    expect(await bodyOf(ZActiveSurveys, active)).toMatchObject({ cooldownDays: 3 });
    // null keeps everything again.
    expect(await bodyOf(ZSiteSettings, await patch(site.secretKey, { retentionDays: null }))).toMatchObject({
      retentionDays: null,
    });
    expect((await collect({ site: site.publicKey, answers: [old] })).status).toBe(200);
    expect((await patch(site.secretKey, { retentionDays: 0 })).status).toBe(400);
  });

  it('turns the follow-up question off for the whole site: active surveys tell the widget', async () => {
    const site = await newSite();
    const active = async () =>
      (await call(`/v1/surveys/active?site=${site.publicKey}`, { headers: { Origin: ORIGIN } })).json();
    expect(await active()).toMatchObject({ followUp: true });
    const response = await patch(site.secretKey, { surveys: { followUp: false } });
    expect(await response.json()).toMatchObject({ surveys: { cooldownDays: 7, followUp: false } });
    expect(await active()).toMatchObject({ followUp: false, cooldownDays: 7 });
    expect((await patch(site.secretKey, { surveys: { followUp: 'no' } })).status).toBe(400);
  });

  it('refuses bad settings with 400 and changes nothing', async () => {
    const site = await newSite();
    for (const body of [
      { ttv: { start: 'signed up' } },
      { churn: { inactivityDays: 0 } },
      { health: { weights: { nps: -1 } } },
      { colour: 'red' },
      '{"ttv":',
    ]) {
      const response = await patch(site.secretKey, body);
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(await bodyOf(ZError, response)).toMatchObject({ error: { code: 'bad_request' } });
    }
    expect(await bodyOf(ZSiteSettings, await read('/v1/settings', site.secretKey))).toEqual(DEFAULT_SITE_SETTINGS);
  });

  it('needs the secret key of the site and changes only that site', async () => {
    const [a, b] = [await newSite('A'), await newSite('B')];
    expect((await patch(a.publicKey, { churn: { inactivityDays: 5 } })).status).toBe(401);
    expect((await read('/v1/settings', '')).status).toBe(401);
    await patch(a.secretKey, { churn: { inactivityDays: 5 } });
    expect(
      ((await (await read('/v1/settings', b.secretKey)).json()) as typeof DEFAULT_SITE_SETTINGS).churn.inactivityDays,
    ).toBe(30);
  });
});

describe('OpenAPI', () => {
  it('describes the customer-success routes with their query and body schemas', async () => {
    const doc = (await (await call('/openapi.json')).json()) as {
      paths: Record<string, Record<string, { parameters?: { name: string }[]; requestBody?: unknown }>>;
    };
    for (const path of ['/v1/ttv', '/v1/durations', '/v1/retention', '/v1/revenue', '/v1/health', '/v1/settings']) {
      expect(doc.paths[path], path).toBeDefined();
    }
    expect(doc.paths['/v1/ttv']?.get?.parameters?.map((p) => p.name)).toEqual([
      'start',
      'value',
      'from',
      'to',
      'cohort',
      'by',
      'exact',
    ]);
    expect(doc.paths['/v1/settings']?.patch?.requestBody).toBeDefined();
  });
});
