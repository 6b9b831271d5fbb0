import {
  addDays,
  CONTACT_WITHIN_MS,
  cachedSiteSettings,
  closeTheLoop,
  closeTheLoopSeries,
  DAY_MS,
  decodeResponseCursor,
  encodeResponseCursor,
  ZInboxResponse,
  ZResponseParams,
  ZResponsePatch,
  ZResponsesPage,
  ZResponsesQuery,
  ZResponsesSummary,
  ZResponsesSummaryQuery,
} from '@heard/core';
import { lowAnswerContacts, patchResponse, responseOf, responsesPage } from '../db/responses';
import { dbFor } from '../db/site';
import { fail } from '../middleware/errors';
import { defineRoute } from '../route';

const today = () => new Date().toISOString().slice(0, 10);

/**
 * `/v1/responses` (secret key): the answers that need a human (every low answer, every answer
 * with a comment) as a triage inbox, and the close-the-loop figures (docs/responses.md).
 */
export const responses = [
  defineRoute(
    {
      method: 'get',
      path: '/v1/responses',
      operationId: 'listResponses',
      tag: 'answers',
      summary: 'Low and commented answers with their triage state, newest first; keyset-paged with `cursor`',
      description:
        'A response is an answer in the low band of its scale (NPS 0–6, the worst two points of CSAT/CES) or one with a comment. Filters combine: status, metric, band, survey, tag, assignee, segment (`by` + `value`, a trait or prop) and `q` (text in the comment). Pages follow (answer time, id), so answers stored between two pages never repeat or skip a row; pass `next` as `cursor`.',
      auth: 'secret',
      query: ZResponsesQuery,
      response: { status: 200, schema: ZResponsesPage, description: 'a page of responses' },
    },
    async (c, { query }) => {
      const site = c.var.site;
      const after = query.cursor ? decodeResponseCursor(query.cursor) : null;
      const { cursor: _, ...filter } = query;
      const page = await responsesPage(
        dbFor(c.env, site),
        site.id,
        { ...filter, after },
        cachedSiteSettings(site.settings).account.trait,
      );
      const last = page.responses.at(-1);
      return c.json({
        responses: page.responses,
        next: page.more && last ? encodeResponseCursor(last.ts, last.answerId) : null,
      });
    },
  ),
  defineRoute(
    {
      method: 'patch',
      path: '/v1/responses/{answerId}',
      operationId: 'updateResponse',
      tag: 'answers',
      summary: 'Triage a response: status, assignee, tags, and a note for its history',
      description:
        '`status` moves open → contacted → closed (any move is allowed; the first move out of open is the first contact). `tags` replaces the set; `assignee: null` unassigns; `note` adds a note by `author` (default: the assignee). The response is answered as it now is.',
      auth: 'secret',
      params: ZResponseParams,
      body: { schema: ZResponsePatch, name: 'response change' },
      errors: [404],
      response: { status: 200, schema: ZInboxResponse, description: 'the response after the change' },
    },
    async (c, { params, body }) => {
      const site = c.var.site;
      const db = dbFor(c.env, site);
      const trait = cachedSiteSettings(site.settings).account.trait;
      if (!(await responseOf(db, site.id, params.answerId, trait))) {
        fail(404, 'no response with this answer id (an answer of this site that is low or has a comment)');
      }
      await patchResponse(db, site.id, params.answerId, body);
      return c.json(await responseOf(db, site.id, params.answerId, trait));
    },
  ),
  defineRoute(
    {
      method: 'get',
      path: '/v1/responses/summary',
      operationId: 'getResponsesSummary',
      tag: 'answers',
      summary: 'Close-the-loop figures per period: share of low answers contacted within 48 h, median time to contact',
      description:
        'Low answers are cut by the UTC day Heard received them. share = contacted within 48 h (inclusive) ÷ due, where due leaves out the uncontacted answers still inside their 48 h; the median is over the contacted ones. See docs/responses.md.',
      auth: 'secret',
      query: ZResponsesSummaryQuery,
      response: { status: 200, schema: ZResponsesSummary, description: 'the figures of the range and of each period' },
    },
    async (c, { query }) => {
      const site = c.var.site;
      const to = query.to ?? today();
      const from = query.from ?? addDays(to, -83);
      if (from > to) fail(400, 'from must not be after to');
      const now = Date.now();
      const answers = await lowAnswerContacts(dbFor(c.env, site), site.id, {
        from: Date.parse(`${from}T00:00:00Z`),
        to: Date.parse(`${to}T00:00:00Z`) + DAY_MS,
        metric: query.metric,
        survey: query.survey,
      });
      return c.json({
        interval: query.interval,
        from,
        to,
        withinMs: CONTACT_WITHIN_MS,
        total: closeTheLoop(answers, now),
        periods: closeTheLoopSeries(answers, from, to, query.interval, now),
      });
    },
  ),
];
