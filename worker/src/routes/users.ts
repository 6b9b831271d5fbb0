import { type Erasure, LIMITS } from '@heard/core';
import { Hono } from 'hono';
import { eraseUser } from '../db/users';
import type { AppEnv } from '../env';
import { requireSecretKey } from '../middleware/auth';
import { fail } from '../middleware/errors';

/**
 * `DELETE /v1/users/:id` (secret key): erases a person's answers, events, displays and
 * milestones on the caller's site (by user id or anonymous id) and corrects the rollups.
 * Erasing someone the site never saw is not an error: the answer is the same, with zeros.
 */
export const users = new Hono<AppEnv>().delete('/:id', requireSecretKey, async (c) => {
  const id = c.req.param('id');
  if (id.length === 0 || id.length > LIMITS.idChars) fail(400, `a user id has 1 to ${LIMITS.idChars} characters`);
  const erased = await eraseUser(c.env.DB, c.var.site.id, id);
  return c.json({ id, erased } satisfies Erasure);
});
