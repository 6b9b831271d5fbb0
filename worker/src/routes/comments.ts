import { ZCommentsPage, ZCommentsQuery } from '@heard/core';
import { Hono } from 'hono';
import { commentsPage } from '../db/comments';
import type { AppEnv } from '../env';
import { requireSecretKey } from '../middleware/auth';
import { fail } from '../middleware/errors';
import { validate } from '../middleware/validate';
import { describeRoute } from '../openapi';

describeRoute({
  method: 'get',
  path: '/v1/comments',
  summary: 'Answers with a comment, newest first, by score range, segment and text; paged with `before`',
  auth: 'secret',
  query: ZCommentsQuery,
  response: ZCommentsPage,
});

/**
 * `GET /v1/comments` (secret key): the site's commented answers, newest first, filtered by
 * score range, segment (`by` + `value`) and text (`q`), paged with the `next` cursor.
 */
export const comments = new Hono<AppEnv>().get('/', requireSecretKey, validate('query', ZCommentsQuery), async (c) => {
  const query = c.req.valid('query');
  if (query.by !== undefined && query.value === undefined) fail(400, 'by needs a value to match');
  if (query.min !== undefined && query.max !== undefined && query.min > query.max) {
    fail(400, 'min must not be above max');
  }
  return c.json(await commentsPage(c.env.DB, c.var.site.id, query));
});
