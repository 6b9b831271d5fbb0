import {
  type Answer,
  DAY_MS,
  LIMITS,
  type LinkCreated,
  ZLinkCreate,
  ZLinkCreated,
  ZLinkKeyRotate,
  ZLinkKeyRotated,
} from '@heard/core';
import type { Context } from 'hono';
import { z } from 'zod';
import {
  currentLinkKey,
  insertLink,
  type LinkRecord,
  linkAnswer,
  linkById,
  linkProps,
  rotateLinkKey,
} from '../db/links';
import { databaseNamed, databaseNames, dbFor } from '../db/site';
import { siteById } from '../db/sites';
import { getSurvey } from '../db/surveys';
import type { AppEnv, Bindings } from '../env';
import { writeLinkAnswer } from '../ingest';
import { ENHANCE_PATH, ENHANCE_SCRIPT } from '../links/enhance';
import { emailHtml, linkErrorPage, pageCsp, questionOf, surveyPage, thanksPage } from '../links/page';
import { answerIdOf, newLinkId, signLink, tokenId, tokenMatches } from '../links/token';
import { FORM_TYPE } from '../middleware/body';
import { fail } from '../middleware/errors';
import { defineRoute } from '../route';

/** The answer to a form post on a link's page. */
const ZLinkForm = z.object({
  score: z.coerce.number().int().describe("the chosen score, on the survey's scale"),
  comment: z
    .string()
    .max(LIMITS.commentChars)
    .optional()
    .transform((text) => text?.trim() || undefined)
    .describe('the follow-up comment; empty is none'),
  via: z.literal('email').optional().describe("`email` when the page was opened from an email's score link"),
});

/** Why a token opens no page. */
type Refusal = 'invalid' | 'expired';

/**
 * The link a token names, its MAC checked against its row under the site's key, and its survey;
 * or why not. Every failure looks alike to the caller (a 404 page) but expiry.
 */
async function open(env: Bindings, token: string, now: number) {
  const id = tokenId(token);
  const found = id ? await linkInAnyDatabase(env, id) : null;
  if (!found) return 'invalid' as Refusal;
  const { link, db } = found;
  if (!link || link.keyRevoked || !(await tokenMatches(link.secret, link, token))) return 'invalid' as Refusal;
  if (link.expiresAt <= now) return 'expired' as Refusal;
  const survey = await getSurvey(db, link.siteId, link.survey);
  if (!survey) return 'invalid' as Refusal;
  return { link, survey, db };
}

/**
 * A link's row from the database of its site. The token carries only the link's random id, so
 * each bound database is asked (there are a few); a row counts only where its site lives now,
 * so the old copy of a site being moved is never used.
 */
async function linkInAnyDatabase(env: Bindings, id: string): Promise<{ link: LinkRecord; db: D1Database } | null> {
  for (const name of databaseNames(env)) {
    const db = databaseNamed(env, name) as D1Database;
    const link = await linkById(db, id);
    if (!link) continue;
    const site = await siteById(env.DB, link.siteId);
    if (site?.database === name) return { link, db };
  }
  return null;
}

const PAGE_HEADERS = { 'Cache-Control': 'no-store', 'X-Robots-Tag': 'noindex' };

async function html(c: Context<AppEnv>, body: string, status: 200 | 404 | 410 = 200) {
  return c.html(body, status, {
    ...PAGE_HEADERS,
    'Content-Security-Policy': await pageCsp(new URL(c.req.url).origin),
  });
}

const refused = (c: Context<AppEnv>, why: Refusal) =>
  html(c, linkErrorPage(why === 'expired'), why === 'expired' ? 410 : 404);

const PAGE_ERRORS = {
  404: { description: 'an HTML page: the link is not valid (altered, unknown, revoked, or its survey is gone)' },
  410: { description: 'an HTML page: the link has expired' },
};

const ZToken = z.object({ token: z.string().describe('the link token: the last part of the link') });

/**
 * Link and email surveys: `POST /v1/links` makes a signed personal link (secret key),
 * `POST /v1/links/key` rotates the site's link key, and `/s/{token}` is the page the link
 * opens, a plain HTML form that works without JavaScript. A plain GET never records anything
 * (mail scanners fetch every link); the form's POST stores the link's one answer.
 */
export const links = [
  defineRoute(
    {
      method: 'post',
      path: '/v1/links',
      operationId: 'createLink',
      tag: 'surveys',
      summary: "A signed personal link to a survey, one link per score for an email, and the email's HTML",
      description:
        "The token in the URL is a random id and a MAC (HMAC-SHA256 under the site's link key) over the link's row: it holds nothing personal, and it cannot be altered to point at another survey, site or user. Opening a link records nothing; the page's form does. Each link has one answer: answering again, or with another score, replaces it (the latest choice wins), and a comment joins it.",
      auth: 'secret',
      body: { schema: ZLinkCreate, name: 'link' },
      errors: [404],
      response: { status: 201, schema: ZLinkCreated, description: 'the links and the email snippet' },
    },
    async (c, { body }) => {
      const siteId = c.var.site.id;
      const survey = await getSurvey(dbFor(c.env, c.var.site), siteId, body.survey);
      if (!survey) fail(404, `no survey ${body.survey} on this site`);
      const now = Date.now();
      const key = await currentLinkKey(dbFor(c.env, c.var.site), siteId, now);
      const locale = body.locale ?? Object.keys(survey.texts).find((k) => k !== 'default') ?? null;
      const link: Omit<LinkRecord, 'secret' | 'keyRevoked'> = {
        id: newLinkId(),
        siteId,
        keyVersion: key.version,
        survey: survey.id,
        userId: body.userId,
        props: body.props ? JSON.stringify(body.props) : null,
        locale,
        createdAt: now,
        expiresAt: now + body.expiresInDays * DAY_MS,
      };
      await insertLink(dbFor(c.env, c.var.site), link);
      const url = `${new URL(c.req.url).origin}/s/${await signLink(key.secret, link)}`;
      const scoreUrl = (score: number) => `${url}?score=${score}`;
      const question = questionOf(survey, locale);
      const created: LinkCreated = {
        url,
        scores: Object.fromEntries(question.scores.map((score) => [String(score), scoreUrl(score)])),
        html: emailHtml(question, scoreUrl),
        expiresAt: link.expiresAt,
      };
      return c.json(created, 201);
    },
  ),
  defineRoute(
    {
      method: 'post',
      path: '/v1/links/key',
      operationId: 'rotateLinkKey',
      tag: 'surveys',
      summary: "Rotate the site's link key",
      description:
        'New links are signed with a new key. Links made before keep working until they expire, unless `revokePrevious` stops them all now. The key never leaves the collector.',
      auth: 'secret',
      body: { schema: ZLinkKeyRotate, name: 'key rotation' },
      response: { status: 200, schema: ZLinkKeyRotated, description: 'the new key version' },
    },
    async (c, { body }) => c.json(await rotateLinkKey(dbFor(c.env, c.var.site), c.var.site.id, body.revokePrevious)),
  ),
  defineRoute(
    {
      method: 'get',
      path: ENHANCE_PATH,
      operationId: 'linkPageScript',
      tag: 'surveys',
      summary: "The link page's one script: records a score as soon as a person chooses it",
      description:
        "Progressive enhancement: the page works without it. From an email's score link it records that score at once; scanners run no script, so a plain GET still records nothing.",
      auth: 'none',
      response: {
        status: 200,
        types: ['text/javascript'],
        description: 'the script',
        headers: { 'Cache-Control': { description: 'public, max-age=3600' } },
      },
    },
    (c) =>
      c.body(ENHANCE_SCRIPT, 200, {
        'Content-Type': 'text/javascript; charset=utf-8',
        'Cache-Control': 'public, max-age=3600',
      }),
  ),
  defineRoute(
    {
      method: 'get',
      path: '/s/{token}',
      operationId: 'linkPage',
      tag: 'surveys',
      summary: "A link's survey page: plain HTML, no script, its own strict CSP",
      description:
        "`?score=N` (from an email's score link) shows N chosen and the comment beside it; nothing is recorded until the form is sent, so mail scanners that fetch links answer nothing. The path's token is the key.",
      auth: 'none',
      params: ZToken,
      response: {
        status: 200,
        types: ['text/html'],
        description: 'the survey page',
        headers: { 'Content-Security-Policy': { description: 'no script; only its own style and form' } },
        also: PAGE_ERRORS,
      },
    },
    async (c, { params: { token } }) => {
      const opened = await open(c.env, token, Date.now());
      if (typeof opened === 'string') return refused(c, opened);
      const { link, survey, db } = opened;
      const question = questionOf(survey, link.locale);
      const stored = await linkAnswer(db, link.siteId, await answerIdOf(link.id));
      const asked = Number(c.req.query('score'));
      const preselected = question.scores.includes(asked) ? asked : undefined;
      return html(
        c,
        surveyPage(question, {
          action: `/s/${token}`,
          score: preselected ?? stored?.score,
          comment: stored?.comment ?? undefined,
          fromEmail: preselected !== undefined,
        }),
      );
    },
  ),
  defineRoute(
    {
      method: 'post',
      path: '/s/{token}',
      operationId: 'answerLink',
      tag: 'surveys',
      summary: "Answer a link's survey (the page's form)",
      description:
        "Stores the link's one answer, its id made from the token: sending again never counts twice, another score replaces the first, a comment joins it. `channel` is `email` when the page came from an email's score link, else `link`.",
      auth: 'none',
      params: ZToken,
      body: { schema: ZLinkForm, name: 'answer', types: [FORM_TYPE], maxBytes: 16 * 1024 },
      response: { status: 200, types: ['text/html'], description: 'the thank-you page', also: PAGE_ERRORS },
    },
    async (c, { params: { token }, body }) => {
      const now = Date.now();
      const opened = await open(c.env, token, now);
      if (typeof opened === 'string') return refused(c, opened);
      const { link, survey } = opened;
      const question = questionOf(survey, link.locale);
      if (!question.scores.includes(body.score)) {
        fail(400, 'invalid answer', {
          issues: [{ path: 'score', message: `score is outside the scale ${survey.scale.join('–')}` }],
        });
      }
      const props = linkProps(link);
      const answer: Answer = {
        id: await answerIdOf(link.id),
        kind: survey.kind,
        score: body.score,
        scale: survey.scale,
        survey: survey.id,
        userId: link.userId,
        ...(props ? { props } : {}),
        ...(body.comment ? { comment: body.comment } : {}),
        ...(link.locale ? { locale: link.locale } : {}),
        channel: body.via === 'email' ? 'email' : 'link',
        ts: now,
      };
      // Parked while a move copies the site (and replayed into its new database), like collect's writes.
      const written = await writeLinkAnswer(c.env, link.siteId, answer, now);
      const stored = written.parked ? null : await linkAnswer(written.db, link.siteId, answer.id);
      return html(
        c,
        thanksPage(question, {
          action: `/s/${token}`,
          score: body.score,
          comment: (written.parked ? answer.comment : stored?.comment) ?? undefined,
          fromEmail: body.via === 'email',
        }),
      );
    },
  ),
];
