import {
  type ActiveSurveys,
  contactsFrom,
  DEFAULT_COOLDOWN_DAYS,
  DEFAULT_SCALE,
  LIMITS,
  matchLocale,
  pickLocale,
  type Survey,
  type SurveyList,
  type SurveyTexts,
  scaleFits,
  ZActiveQuery,
  ZActiveSurveys,
  ZSurvey,
  ZSurveyCreate,
  ZSurveyList,
  ZSurveyPatch,
} from '@heard/core';
import { etag } from 'hono/etag';
import { z } from 'zod';
import { disclosedUser } from '../activeUser';
import { dbFor } from '../db/site';
import {
  answeredSurveys,
  createSurvey,
  deleteSurvey,
  getSurvey,
  listSurveys,
  readActive,
  type SurveyFields,
  surveyHasAnswers,
  updateSurvey,
} from '../db/surveys';
import { fail } from '../middleware/errors';
import { defineRoute } from '../route';

/**
 * A survey's texts for a locale: the exact locale, then its language, then `default`,
 * then English, then the first one given.
 */
export function textsFor(texts: Record<string, SurveyTexts>, locale: string | undefined): SurveyTexts {
  const keys = Object.keys(texts);
  const key = pickLocale(keys, locale) ?? pickLocale(keys, 'default') ?? pickLocale(keys, 'en') ?? keys[0];
  return texts[key as string] as SurveyTexts;
}

async function ownSurvey(db: D1Database, siteId: string, id: string): Promise<Survey> {
  const survey = await getSurvey(db, siteId, id);
  if (!survey) fail(404, `no survey ${id} on this site`);
  return survey;
}

const ZSurveyId = z.object({ id: z.string().min(1).max(LIMITS.idChars).describe('the survey id') });
const NOT_FOUND = [404] as const;

/** The active surveys' ETag: the first half of the body's SHA-256 (32 hex digits). */
const halfSha256 = async (body: Uint8Array) => (await crypto.subtle.digest('SHA-256', body)).slice(0, 16);

/**
 * `GET /v1/surveys/active` (public key, from the site's pages) and the secret-key CRUD of
 * `/v1/surveys[/:id]`. Every query is scoped to the key's site: another site's survey is a 404.
 */
export const surveys = [
  defineRoute(
    {
      method: 'get',
      path: '/v1/surveys/active',
      operationId: 'getActiveSurveys',
      tag: 'surveys',
      summary: 'The surveys a page may show now, with their rules, and what the rules need to know of this user',
      description:
        "Called by the widget with the public key. Texts are resolved for `locale`. Answers carry an ETag; a request whose If-None-Match matches gets a 304. Only the site's allowed origins may read the answer.",
      auth: 'public',
      cors: 'site',
      middleware: [etag({ generateDigest: halfSha256 })],
      query: ZActiveQuery,
      response: {
        status: 200,
        schema: ZActiveSurveys,
        description: 'running surveys, the cool-down and the contacts that still count',
        headers: {
          ETag: { description: 'the version of this answer, for If-None-Match' },
          'Cache-Control': { description: 'private, max-age=60' },
        },
        also: { 304: { description: 'unchanged since the ETag sent in If-None-Match' } },
      },
    },
    async (c, { query }) => {
      const site = c.var.site;
      const read = await readActive(dbFor(c.env, c.var.site), site.id, query.user);
      const setting = Number(read.settings.cooldownDays);
      const cooldownDays = Number.isInteger(setting) && setting >= 0 ? setting : DEFAULT_COOLDOWN_DAYS;
      const running = read.surveys.filter(
        (survey) => query.locale === undefined || matchLocale(survey.targeting.locales, query.locale),
      );
      // A public key can ask about any user id: send only what the rules need (activeUser.ts).
      const now = Date.now();
      const user = disclosedUser(running, contactsFrom(read.records), read, cooldownDays, now);
      const body: ActiveSurveys = {
        surveys: running.map((survey) => ({
          id: survey.id,
          kind: survey.kind,
          scale: survey.scale,
          texts: textsFor(survey.texts, query.locale),
          appearance: survey.appearance,
          targeting: survey.targeting,
          priority: survey.priority,
        })),
        cooldownDays,
        // On unless the site turned it off: the widget asks "why?" after a score by default.
        followUp: read.settings.followUp !== false,
        ...user,
      };
      c.header('Cache-Control', 'private, max-age=60');
      c.header('Vary', 'Origin');
      return c.json(body);
    },
  ),
  defineRoute(
    {
      method: 'get',
      path: '/v1/surveys',
      operationId: 'listSurveys',
      tag: 'surveys',
      summary: "The site's surveys, and every survey id its answers carry",
      description:
        '`answered` also lists ids asked ad hoc with `ask(kind, { survey })`, with their kind and answer count, most answered first.',
      auth: 'secret',
      response: { status: 200, schema: ZSurveyList, description: 'the surveys and the answered ids' },
    },
    async (c) => {
      const [surveys, answered] = await Promise.all([
        listSurveys(dbFor(c.env, c.var.site), c.var.site.id),
        answeredSurveys(dbFor(c.env, c.var.site), c.var.site.id),
      ]);
      return c.json({ surveys, answered } satisfies SurveyList);
    },
  ),
  defineRoute(
    {
      method: 'post',
      path: '/v1/surveys',
      operationId: 'createSurvey',
      tag: 'surveys',
      summary: 'Create a survey',
      description:
        "Without `scale`, the kind's first scale (NPS 0–10, CSAT 1–5, CES 1–7). With `maxAnswers`, the answer that reaches it makes the survey `completed`, and `GET /v1/surveys/active` stops serving it; answers already under way are still stored.",
      auth: 'secret',
      body: { schema: ZSurveyCreate, name: 'survey' },
      response: { status: 201, schema: ZSurvey, description: 'the survey as stored' },
    },
    async (c, { body: input }) => {
      const scale = input.scale ?? ([...DEFAULT_SCALE[input.kind]] as [number, number]);
      return c.json(await createSurvey(dbFor(c.env, c.var.site), c.var.site.id, { ...input, scale }), 201);
    },
  ),
  defineRoute(
    {
      method: 'get',
      path: '/v1/surveys/{id}',
      operationId: 'getSurvey',
      tag: 'surveys',
      summary: 'One survey',
      auth: 'secret',
      params: ZSurveyId,
      errors: NOT_FOUND,
      response: { status: 200, schema: ZSurvey, description: 'the survey' },
    },
    async (c, { params }) => c.json(await ownSurvey(dbFor(c.env, c.var.site), c.var.site.id, params.id)),
  ),
  defineRoute(
    {
      method: 'patch',
      path: '/v1/surveys/{id}',
      operationId: 'updateSurvey',
      tag: 'surveys',
      summary: 'Change any fields of a survey',
      description:
        'Kind and scale cannot change once the survey has answers (409): every answer keeps the scale it was given on. A survey made active (or given a lower `maxAnswers`) whose answers already reach its `maxAnswers` comes back `completed`.',
      auth: 'secret',
      params: ZSurveyId,
      body: { schema: ZSurveyPatch, name: 'survey change' },
      errors: [404, 409],
      response: { status: 200, schema: ZSurvey, description: 'the survey as stored' },
    },
    async (c, { params, body: patch }) => {
      const current = await ownSurvey(dbFor(c.env, c.var.site), c.var.site.id, params.id);
      const kind = patch.kind ?? current.kind;
      const scale =
        patch.scale ??
        (scaleFits(kind, current.scale) ? current.scale : ([...DEFAULT_SCALE[kind]] as [number, number]));
      if (!scaleFits(kind, scale)) {
        fail(400, 'invalid survey change', { issues: [{ path: 'scale', message: 'scale is not one this kind uses' }] });
      }
      const scaleChanged = kind !== current.kind || scale[0] !== current.scale[0] || scale[1] !== current.scale[1];
      if (scaleChanged && (await surveyHasAnswers(dbFor(c.env, c.var.site), c.var.site.id, current.id))) {
        fail(
          409,
          `survey ${current.id} already has answers on its ${current.kind} ${current.scale.join('–')} scale; its kind and scale cannot change. Create a new survey instead`,
        );
      }
      const fields: SurveyFields = {
        name: patch.name ?? current.name,
        kind,
        scale,
        texts: patch.texts ?? current.texts,
        appearance: patch.appearance ?? current.appearance,
        targeting: patch.targeting ?? current.targeting,
        schedule: patch.schedule ?? current.schedule,
        status: patch.status ?? current.status,
        priority: patch.priority ?? current.priority,
        // null clears the quota; leaving the field out keeps it.
        maxAnswers: patch.maxAnswers !== undefined ? patch.maxAnswers : current.maxAnswers,
      };
      if (
        fields.schedule.start !== undefined &&
        fields.schedule.end !== undefined &&
        fields.schedule.start >= fields.schedule.end
      ) {
        fail(400, 'invalid survey change', { issues: [{ path: 'schedule.end', message: 'start must be before end' }] });
      }
      return c.json(await updateSurvey(dbFor(c.env, c.var.site), c.var.site.id, current.id, fields));
    },
  ),
  defineRoute(
    {
      method: 'delete',
      path: '/v1/surveys/{id}',
      operationId: 'deleteSurvey',
      tag: 'surveys',
      summary: 'Delete a survey; its answers stay and keep counting in the scores',
      auth: 'secret',
      params: ZSurveyId,
      errors: NOT_FOUND,
      response: { status: 204, description: 'deleted' },
    },
    async (c, { params }) => {
      if (!(await deleteSurvey(dbFor(c.env, c.var.site), c.var.site.id, params.id)))
        fail(404, `no survey ${params.id} on this site`);
      return c.body(null, 204);
    },
  ),
];
