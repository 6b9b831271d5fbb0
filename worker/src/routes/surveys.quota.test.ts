import { ZActiveSurveys, ZCollectResult, ZError, ZSurvey, ZSurveyList } from '@heard/core';
import { describe, expect, it } from 'vitest';
import { bodyOf, call, collect, newSite, npsAnswer, ORIGIN } from '../../test/helpers';

const json = (secretKey: string, method: string, body?: unknown): RequestInit => ({
  method,
  headers: { Authorization: `Bearer ${secretKey}`, 'Content-Type': 'application/json' },
  ...(body === undefined ? {} : { body: JSON.stringify(body) }),
});
const nps = {
  name: 'NPS, first 3 answers',
  kind: 'nps',
  texts: { en: { question: 'How likely are you to recommend us?' } },
  status: 'active',
  maxAnswers: 3,
};

async function create(secretKey: string, body: unknown = nps) {
  const response = await call('/v1/surveys', json(secretKey, 'POST', body));
  expect(response.status).toBe(201);
  return bodyOf(ZSurvey, response);
}
const read = async (secretKey: string, id: string) =>
  bodyOf(ZSurvey, await call(`/v1/surveys/${id}`, json(secretKey, 'GET')));
const served = async (publicKey: string) =>
  (
    await bodyOf(ZActiveSurveys, await call(`/v1/surveys/active?site=${publicKey}`, { headers: { Origin: ORIGIN } }))
  ).surveys.map((s) => s.id);
const answers = (survey: string, n: number, extra: Record<string, unknown> = {}) =>
  Array.from({ length: n }, (_, i) => npsAnswer(9, { survey, userId: `u${i}`, ...extra }));

describe('maxAnswers', () => {
  it('completes the survey with the answer that reaches it, and active stops serving it', async () => {
    const site = await newSite();
    const survey = await create(site.secretKey);
    expect(survey).toMatchObject({ maxAnswers: 3, status: 'active' });
    const other = await create(site.secretKey, { ...nps, name: 'no quota', maxAnswers: undefined });
    expect(other.maxAnswers).toBeNull();

    await collect({ site: site.publicKey, answers: answers(survey.id, 2) });
    expect((await read(site.secretKey, survey.id)).status).toBe('active');
    expect(await served(site.publicKey)).toContain(survey.id);

    // Answers without the survey id, of another kind under its id, or of another survey do not count.
    await collect({
      site: site.publicKey,
      answers: [
        npsAnswer(9),
        npsAnswer(4, { kind: 'csat', scale: [1, 5], survey: survey.id }),
        ...answers(other.id, 5),
      ],
    });
    expect((await read(site.secretKey, survey.id)).status).toBe('active');

    await collect({ site: site.publicKey, answers: answers(survey.id, 1, { userId: 'third' }) });
    const done = await read(site.secretKey, survey.id);
    expect(done.status).toBe('completed');
    expect(done.updatedAt).toBeGreaterThanOrEqual(survey.updatedAt);
    expect(await served(site.publicKey)).toEqual([other.id]);
    expect((await read(site.secretKey, other.id)).status).toBe('active');
  });

  it('keeps answers already under way once the survey is completed', async () => {
    const site = await newSite();
    const survey = await create(site.secretKey, { ...nps, maxAnswers: 1 });
    // Two answers in one batch past a quota of one: both are stored, the survey completes.
    const first = await collect({ site: site.publicKey, answers: answers(survey.id, 2) });
    expect((await bodyOf(ZCollectResult, first)).accepted).toBe(2);
    const late = await collect({ site: site.publicKey, answers: answers(survey.id, 1, { userId: 'late' }) });
    expect(late.status).toBe(200);
    expect((await bodyOf(ZCollectResult, late)).accepted).toBe(1);
    expect((await read(site.secretKey, survey.id)).status).toBe('completed');
    const list = await bodyOf(ZSurveyList, await call('/v1/surveys', json(site.secretKey, 'GET')));
    expect(list.answered).toEqual([{ id: survey.id, kind: 'nps', n: 3 }]);
  });

  it('completes a survey whose quota is lowered to its answers, or that is activated when full', async () => {
    const site = await newSite();
    const survey = await create(site.secretKey, { ...nps, maxAnswers: 10 });
    await collect({ site: site.publicKey, answers: answers(survey.id, 2) });
    const lowered = await call(`/v1/surveys/${survey.id}`, json(site.secretKey, 'PATCH', { maxAnswers: 2 }));
    expect(await bodyOf(ZSurvey, lowered)).toMatchObject({ status: 'completed', maxAnswers: 2 });
    expect(await served(site.publicKey)).toEqual([]);

    // Activating it again while it is full changes nothing: it stays completed.
    const again = await call(`/v1/surveys/${survey.id}`, json(site.secretKey, 'PATCH', { status: 'active' }));
    expect((await bodyOf(ZSurvey, again)).status).toBe('completed');
    // A higher quota and activation run it again; clearing the quota (null) keeps it running.
    const raised = await call(
      `/v1/surveys/${survey.id}`,
      json(site.secretKey, 'PATCH', { status: 'active', maxAnswers: 3 }),
    );
    expect((await bodyOf(ZSurvey, raised)).status).toBe('active');
    expect(await served(site.publicKey)).toEqual([survey.id]);
    const cleared = await call(`/v1/surveys/${survey.id}`, json(site.secretKey, 'PATCH', { maxAnswers: null }));
    expect((await bodyOf(ZSurvey, cleared)).maxAnswers).toBeNull();
    await collect({ site: site.publicKey, answers: answers(survey.id, 5, { userId: undefined, anonymousId: 'a' }) });
    expect((await read(site.secretKey, survey.id)).status).toBe('active');
    // A patch that leaves maxAnswers out keeps it.
    await call(`/v1/surveys/${survey.id}`, json(site.secretKey, 'PATCH', { maxAnswers: 50 }));
    const renamed = await call(`/v1/surveys/${survey.id}`, json(site.secretKey, 'PATCH', { name: 'renamed' }));
    expect((await bodyOf(ZSurvey, renamed)).maxAnswers).toBe(50);
  });

  it('a draft or paused survey is never completed by answers, and a new survey created full is completed', async () => {
    const site = await newSite();
    const paused = await create(site.secretKey, { ...nps, status: 'paused', maxAnswers: 1 });
    await collect({ site: site.publicKey, answers: answers(paused.id, 2) });
    expect((await read(site.secretKey, paused.id)).status).toBe('paused');
    // Answers that an ad hoc survey id already carries count for a survey made later under it: none here
    // (ids are made by the collector), so a new survey starts from zero.
    const fresh = await create(site.secretKey, { ...nps, maxAnswers: 1 });
    expect(fresh.status).toBe('active');
  });

  it('refuses a quota that is not a positive whole number, naming the field', async () => {
    const site = await newSite();
    for (const maxAnswers of [0, -1, 1.5, '10']) {
      const response = await call('/v1/surveys', json(site.secretKey, 'POST', { ...nps, maxAnswers }));
      expect(response.status, String(maxAnswers)).toBe(400);
      expect((await bodyOf(ZError, response)).error.issues?.map((i) => i.path)).toContain('maxAnswers');
    }
  });
});
