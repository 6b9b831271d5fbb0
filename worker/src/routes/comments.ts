import { ZCommentsPage, ZCommentsQuery } from '@heard/core';
import { commentsPage } from '../db/comments';
import { dbFor } from '../db/site';
import { fail } from '../middleware/errors';
import { defineRoute } from '../route';

/**
 * `GET /v1/comments` (secret key): the site's commented answers, newest first, filtered by
 * score range, segment (`by` + `value`) and text (`q`), paged with the `next` cursor.
 */
export const comments = [
  defineRoute(
    {
      method: 'get',
      path: '/v1/comments',
      operationId: 'listComments',
      tag: 'answers',
      summary: 'Answers with a comment, newest first, by score range, segment and text; paged with `before`',
      auth: 'secret',
      query: ZCommentsQuery,
      response: { status: 200, schema: ZCommentsPage, description: 'a page of commented answers' },
    },
    async (c, { query }) => {
      if (query.by !== undefined && query.value === undefined) fail(400, 'by needs a value to match');
      if (query.min !== undefined && query.max !== undefined && query.min > query.max) {
        fail(400, 'min must not be above max');
      }
      return c.json(await commentsPage(dbFor(c.env, c.var.site), c.var.site.id, query));
    },
  ),
];
