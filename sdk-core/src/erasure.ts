import { z } from 'zod';

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
});
export type Erasure = z.infer<typeof ZErasure>;
