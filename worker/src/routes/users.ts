import { isWellFormedText, LIMITS, ZErasure, ZErasureQuery } from '@heard/core';
import { z } from 'zod';
import { dbFor } from '../db/site';
import { eraseUser } from '../db/users';
import { defineRoute } from '../route';

/**
 * `DELETE /v1/users/:id` (secret key): erases a person's answers, events, displays and
 * milestones on the caller's site (by user id or anonymous id) and corrects the rollups.
 * Erasing someone the site never saw is not an error: the answer is the same, with zeros.
 */
export const users = [
  defineRoute(
    {
      method: 'delete',
      path: '/v1/users/{id}',
      operationId: 'eraseUser',
      tag: 'answers',
      summary: 'Erase everything the site holds about a person (user id or anonymous id)',
      description:
        'Answers, events, displays, milestones and profiles of the id, and of the anonymous ids the site lists in `anonymousId=` (links the site itself established); the rollups lose exactly their counts. One transaction. The answer says what was erased and which links seen in the data were not followed. Erasing an unknown id answers zeros.',
      auth: 'secret',
      params: z.object({
        id: z
          .string()
          .min(1)
          .max(LIMITS.idChars)
          .refine(isWellFormedText, 'well-formed Unicode')
          .describe('a user id or anonymous id'),
      }),
      query: ZErasureQuery,
      response: { status: 200, schema: ZErasure, description: 'rows removed, per table' },
    },
    async (c, { params, query }) =>
      c.json({
        id: params.id,
        ...(await eraseUser(dbFor(c.env, c.var.site), c.var.site.id, params.id, query.anonymousId)),
      }),
  ),
];
