import { SELF } from 'cloudflare:test';
import { createClient, HeardApiError } from '@heard/core';
import { describe, expect, it } from 'vitest';
import { DAY, event, HOUR, track } from './events';
import { collect, newSite, npsAnswer, read } from './helpers';

const today = new Date().toISOString().slice(0, 10);
// Reports that end now censor at the clock; ending them yesterday makes two reads comparable.
const yesterday = new Date(Date.now() - DAY).toISOString().slice(0, 10);
const monthAgo = new Date(Date.now() - 30 * DAY).toISOString().slice(0, 10);

/** The typed client of a site, talking to the Worker's real fetch. */
const clientFor = (secretKey: string) =>
  createClient({ endpoint: 'https://collector.test/', secretKey, fetch: (url, init) => SELF.fetch(url, init) });

/** The body of a raw secret-key read, to compare with what the client returns for the same query. */
const raw = async (path: string, secretKey: string) => (await read(path, secretKey)).json();

describe('createClient against the real collector', () => {
  it('reads every report with the query it was given, as the raw route answers it', async () => {
    const site = await newSite();
    const now = Date.now();
    await collect({
      site: site.publicKey,
      answers: [
        npsAnswer(10, { survey: 'nps-quarterly', userId: 'u1', traits: { plan: 'pro' }, comment: 'Fast and clean' }),
        npsAnswer(3, { survey: 'nps-quarterly', userId: 'u2', traits: { plan: 'free' }, comment: 'Too slow' }),
      ],
    });
    await track(site.secretKey, [
      event('signed_up', 'u1', now - 5 * DAY, { props: { plan: 'pro' } }),
      event('activated', 'u1', now - 5 * DAY + 3 * HOUR),
      event('signed_up', 'u2', now - 4 * DAY, { props: { plan: 'free' } }),
      event('ticket_opened', 'u2', now - 2 * DAY, { entity: 'T-1' }),
      event('ticket_resolved', 'u2', now - 2 * DAY + 5 * HOUR, { entity: 'T-1' }),
      event('revenue', 'u1', now - 5 * DAY, { value: 49 }),
    ]);
    const heard = clientFor(site.secretKey);
    const key = site.secretKey;
    const range = `from=${monthAgo}&to=${yesterday}`;

    const scores = await heard.scores({
      metric: 'nps',
      survey: 'nps-quarterly',
      from: monthAgo,
      to: today,
      by: 'plan',
    });
    expect(scores).toMatchObject({ n: 2, score: 0 });
    expect(scores.segments?.map((s) => s.value).sort()).toEqual(['free', 'pro']);
    expect(scores).toEqual(
      await raw(`/v1/scores?metric=nps&survey=nps-quarterly&from=${monthAgo}&to=${today}&by=plan`, key),
    );

    const comments = await heard.comments({ metric: 'nps', q: 'slow', max: 6 });
    expect(comments.comments.map((c) => c.comment)).toEqual(['Too slow']);
    expect(comments).toEqual(await raw('/v1/comments?metric=nps&q=slow&max=6', key));

    const ttv = await heard.timeToValue({ from: monthAgo, to: yesterday, cohort: 'week' });
    expect(ttv).toMatchObject({ start: 'signed_up', value: 'activated', started: 2, reached: 1, conversion: 0.5 });
    expect(ttv).toEqual(await raw(`/v1/ttv?${range}&cohort=week`, key));

    const durations = await heard.durations({
      start: 'ticket_opened',
      end: 'ticket_resolved',
      from: monthAgo,
      to: yesterday,
    });
    expect(durations).toMatchObject({ n: 1, p50: 5 * HOUR, open: 0 });
    expect(durations).toEqual(await raw(`/v1/durations?start=ticket_opened&end=ticket_resolved&${range}`, key));

    expect(await heard.retention({ interval: 'week', from: monthAgo, to: yesterday })).toEqual(
      await raw(`/v1/retention?interval=week&${range}`, key),
    );
    const revenue = await heard.revenue({ from: monthAgo, to: yesterday });
    expect(revenue).toEqual(await raw(`/v1/revenue?${range}`, key));
    expect(revenue.event).toBe('revenue');
    const health = await heard.health({ limit: 5 });
    expect(health.accounts.length).toBeGreaterThan(0);
    // Recency is measured to the clock, so two reads differ in the last digits; the rest is the same.
    const rawHealth = (await raw('/v1/health?limit=5', key)) as typeof health;
    expect(health.weights).toEqual(rawHealth.weights);
    expect(health.accounts.map((a) => a.account)).toEqual(rawHealth.accounts.map((a) => a.account));
    expect(health.atRisk.map((a) => a.account)).toEqual(rawHealth.atRisk.map((a) => a.account));

    const surveys = await heard.surveys();
    expect(surveys.answered).toEqual([{ id: 'nps-quarterly', kind: 'nps', n: 2 }]);

    const csv = await heard.export({ format: 'csv', survey: 'nps-quarterly' });
    expect(csv.headers.get('Content-Type')).toMatch(/^text\/csv/);
    expect((await csv.text()).trim().split('\n')).toHaveLength(3);
  });

  it('manages surveys, settings and the webhook', async () => {
    const site = await newSite();
    const heard = clientFor(site.secretKey);
    const survey = await heard.createSurvey({
      name: 'NPS quarterly',
      kind: 'nps',
      texts: { en: { question: 'How likely are you to recommend us?' } },
    });
    expect(survey).toMatchObject({ kind: 'nps', scale: [0, 10], status: 'draft' });
    expect(await heard.updateSurvey(survey.id, { status: 'active' })).toMatchObject({ status: 'active' });
    expect(await heard.survey(survey.id)).toMatchObject({ id: survey.id, status: 'active' });
    expect((await heard.surveys()).surveys.map((s) => s.id)).toEqual([survey.id]);
    await heard.deleteSurvey(survey.id);
    await expect(heard.survey(survey.id)).rejects.toMatchObject({ status: 404, code: 'not_found' });

    const settings = await heard.updateSettings({ ttv: { start: 'signed_up', value: 'first_project' } });
    expect(settings.ttv).toMatchObject({ value: 'first_project' });
    expect(await heard.settings()).toEqual(settings);

    const webhook = await heard.setWebhook({ url: 'https://hooks.example.com/heard' });
    expect(webhook.secret).toEqual(expect.any(String));
    expect((await heard.webhook()).url).toBe('https://hooks.example.com/heard');
    await heard.deleteWebhook();
    await expect(heard.webhook()).rejects.toBeInstanceOf(HeardApiError);
  });

  it('turns refusals into HeardApiError with the issues, and cancels with a signal', async () => {
    const site = await newSite();
    const heard = clientFor(site.secretKey);
    const refused = await heard.comments({ metric: 'nps', min: 9, max: 2 }).catch((e: unknown) => e);
    expect(refused).toMatchObject({ name: 'HeardApiError', status: 400, message: 'min must not be above max' });
    const invalid = await heard.createSurvey({ name: '', kind: 'nps', texts: {} }).catch((e: unknown) => e);
    expect(invalid).toMatchObject({ status: 400, code: 'bad_request' });
    expect((invalid as HeardApiError).issues).toEqual(
      expect.arrayContaining([expect.objectContaining({ path: 'name' })]),
    );

    const stranger = clientFor('sk_not_a_key');
    await expect(stranger.surveys()).rejects.toMatchObject({ status: 401 });

    const controller = new AbortController();
    controller.abort();
    await expect(heard.scores({ metric: 'nps' }, { signal: controller.signal })).rejects.toMatchObject({
      name: 'AbortError',
    });
  });
});
