import { zValidator } from '@hono/zod-validator';
import type { ValidationTargets } from 'hono';
import type { ZodType } from 'zod';
import { issuesOf } from './body';
import { errorBody } from './errors';

/**
 * `zValidator` with Heard's 400 shape: every issue as `{ path, message }`.
 * @example app.get('/', validate('query', ZScoresQuery), (c) => c.req.valid('query'))
 */
export function validate<T extends ZodType, Target extends keyof ValidationTargets>(target: Target, schema: T) {
  return zValidator(target, schema, (result, c) => {
    if (!result.success) {
      return c.json(errorBody(400, `invalid ${target}`, { issues: issuesOf(result.error) }), 400);
    }
  });
}
