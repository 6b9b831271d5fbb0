import {
  type ActiveSurveys,
  contactsFrom,
  DEFAULT_COOLDOWN_DAYS,
  matchLocale,
  SCALES,
  type Survey,
  type SurveyList,
  type SurveyTexts,
  ZActiveQuery,
  ZSurveyCreate,
  ZSurveyList,
  ZSurveyPatch,
} from '@heard/core';
import { Hono } from 'hono';
import { disclosedUser } from '../activeUser';
import { originAllowed } from '../db/sites';
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
import type { AppEnv } from '../env';
import { sha256 } from '../keys';
import { requireSecretKey } from '../middleware/auth';
import { parseOr400, readJson } from '../middleware/body';
import { fail } from '../middleware/errors';
import { siteCors } from '../middleware/origin';
import { limitBySite } from '../middleware/ratelimit';
import { validate } from '../middleware/validate';
import { describeRoute } from '../openapi';
import { publicKeys } from '../siteCache';

describeRoute({
  method: 'get',
  path: '/v1/surveys',
  summary: "The site's surveys, and every survey id its answers carry",
  description:
    '`answered` also lists ids asked ad hoc with `ask(kind, { survey })`, with their kind and answer count, most answered first.',
  auth: 'secret',
  response: ZSurveyList,
});
/**
 * A survey's texts for a locale: the exact locale, then its language, then `default`,
 * then English, then the first one given.
 */
export function textsFor(texts: Record<string, SurveyTexts>, locale: string | undefined): SurveyTexts {
  const wanted = locale?.toLowerCase();
  const keys = Object.keys(texts);
  const find = (test: (key: string) => boolean) => keys.find((key) => test(key.toLowerCase()));
  const key =
    (wanted && (find((k) => k === wanted) ?? find((k) => k === wanted.split('-')[0]))) ||
    find((k) => k === 'default') ||
    find((k) => k === 'en') ||
    keys[0];
  return texts[key as string] as SurveyTexts;
}

const scaleFits = (kind: Survey['kind'], scale: readonly [number, number]) =>
  SCALES[kind].some(([lo, hi]) => lo === scale[0] && hi === scale[1]);

async function ownSurvey(db: D1Database, siteId: string, id: string): Promise<Survey> {
  const survey = await getSurvey(db, siteId, id);
  if (!survey) fail(404, `no survey ${id} on this site`);
  return survey;
}

/**
 * `GET /v1/surveys/active` (public key, from the site's pages) and the secret-key CRUD of
 * `/v1/surveys[/:id]`. Every query is scoped to the key's site: another site's survey is a 404.
 */
export const surveys = new Hono<AppEnv>()
  // Only the site's allowed origins may read the answer (a simple GET: no preflight needed).
  .use('/active', siteCors)
  .get('/active', validate('query', ZActiveQuery), async (c) => {
    const query = c.req.valid('query');
    if (query.site.startsWith('sk_')) fail(401, 'never send a secret key from a page; use the public key (pk_…)');
    const site = await publicKeys.get(c.env.DB, query.site);
    if (!site) fail(401, 'the public key is not valid');
    const origin = c.req.header('Origin');
    if (origin && !originAllowed(site, origin)) fail(403, `origin ${origin} is not allowed for this site`);
    c.set('site', site);
    await limitBySite(c, site.id);

    const read = await readActive(c.env.DB, site.id, query.user);
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
      ...user,
    };
    const text = JSON.stringify(body);
    const etag = `"${(await sha256(text)).slice(0, 32)}"`;
    c.header('ETag', etag);
    c.header('Cache-Control', 'private, max-age=60');
    c.header('Vary', 'Origin');
    const match = c.req.header('If-None-Match');
    if (match?.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag)) return c.body(null, 304);
    return c.body(text, 200, { 'Content-Type': 'application/json' });
  })
  .get('/', requireSecretKey, async (c) => {
    const [surveys, answered] = await Promise.all([
      listSurveys(c.env.DB, c.var.site.id),
      answeredSurveys(c.env.DB, c.var.site.id),
    ]);
    return c.json({ surveys, answered } satisfies SurveyList);
  })
  .post('/', requireSecretKey, async (c) => {
    const input = parseOr400(ZSurveyCreate, await readJson(c), 'survey');
    const scale = input.scale ?? ([...(SCALES[input.kind][0] as [number, number])] as [number, number]);
    return c.json(await createSurvey(c.env.DB, c.var.site.id, { ...input, scale }), 201);
  })
  .get('/:id', requireSecretKey, async (c) => c.json(await ownSurvey(c.env.DB, c.var.site.id, c.req.param('id'))))
  .patch('/:id', requireSecretKey, async (c) => {
    const patch = parseOr400(ZSurveyPatch, await readJson(c), 'survey change');
    const current = await ownSurvey(c.env.DB, c.var.site.id, c.req.param('id'));
    const kind = patch.kind ?? current.kind;
    const scale =
      patch.scale ?? (scaleFits(kind, current.scale) ? current.scale : (SCALES[kind][0] as [number, number]));
    if (!scaleFits(kind, scale)) {
      fail(400, 'invalid survey change', { issues: [{ path: 'scale', message: 'scale is not one this kind uses' }] });
    }
    const scaleChanged = kind !== current.kind || scale[0] !== current.scale[0] || scale[1] !== current.scale[1];
    if (scaleChanged && (await surveyHasAnswers(c.env.DB, c.var.site.id, current.id))) {
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
    };
    if (
      fields.schedule.start !== undefined &&
      fields.schedule.end !== undefined &&
      fields.schedule.start >= fields.schedule.end
    ) {
      fail(400, 'invalid survey change', { issues: [{ path: 'schedule.end', message: 'start must be before end' }] });
    }
    return c.json(await updateSurvey(c.env.DB, c.var.site.id, current.id, fields));
  })
  .delete('/:id', requireSecretKey, async (c) => {
    if (!(await deleteSurvey(c.env.DB, c.var.site.id, c.req.param('id')))) {
      fail(404, `no survey ${c.req.param('id')} on this site`);
    }
    return c.body(null, 204);
  });
