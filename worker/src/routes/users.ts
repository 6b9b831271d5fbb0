import { isWellFormedText, LIMITS } from '@heard/core';
import { Hono } from 'hono';
import { eraseUser } from '../db/users';
import type { AppEnv } from '../env';
import { requireSecretKey } from '../middleware/auth';
import { fail } from '../middleware/errors';

/**
 * `DELETE /v1/users/:id` (secret key): erases a person's answers, events, displays and
 * milestones on the caller's site (by user id or anonymous id, and the anonymous ids the site
 * lists in `anonymousId=`) and corrects the rollups; says what it erased and which links it
 * did not follow.
 * Erasing someone the site never saw is not an error: the answer is the same, with zeros.
 */
export const users = new Hono<AppEnv>().delete('/:id', requireSecretKey, async (c) => {
  const id = c.req.param('id');
  if (id.length === 0 || id.length > LIMITS.idChars || !isWellFormedText(id))
    fail(400, `a user id has 1 to ${LIMITS.idChars} characters of well-formed Unicode`);
  const anonymousIds = c.req.queries('anonymousId') ?? [];
  if (
    anonymousIds.length > 50 ||
    anonymousIds.some((a) => a.length === 0 || a.length > LIMITS.idChars || !isWellFormedText(a))
  )
    fail(400, `anonymousId= may be given up to 50 times, each 1 to ${LIMITS.idChars} characters`);
  return c.json({ id, ...(await eraseUser(c.env.DB, c.var.site.id, id, anonymousIds)) });
});
