import { z } from 'zod';
import { LIMITS } from './constants';
import { isWellFormedText } from './protocol';

const ZRows = (what: string) => z.number().int().nonnegative().describe(`${what} removed`);

/**
 * The answer of `DELETE /v1/users/:id`: the rows erased per table. Erasing someone the site
 * never saw is not an error: the counts are zeros.
 */
export const ZErasure = z.object({
  id: z.string().describe('The user id or anonymous id erased'),
  erased: z.object({
    answers: ZRows('Answers'),
    events: ZRows('Events'),
    displays: ZRows('Displays (prompts shown or dismissed)'),
    milestones: ZRows('First occurrences of events (time-to-value)'),
  }),
  anonymousIds: z
    .array(z.string())
    .describe('Anonymous ids the site listed in `anonymousId=` as this person’s: erased along'),
  unverifiedLinks: z
    .array(z.string())
    .describe('Anonymous ids that only visitor-sent items put beside this user id: nothing under them was erased'),
});
export type Erasure = z.infer<typeof ZErasure>;

const ZAnonymousId = z.string().min(1).max(LIMITS.idChars).refine(isWellFormedText, 'well-formed Unicode');

/** Query of `DELETE /v1/users/:id`: the anonymous ids the site itself says are this person's. */
export const ZErasureQuery = z.object({
  anonymousId: z
    .union([ZAnonymousId, z.array(ZAnonymousId).max(50)])
    .optional()
    .transform((value) => (value === undefined ? [] : Array.isArray(value) ? value : [value]))
    .describe('An anonymous id to erase along (repeat up to 50 times)'),
});
