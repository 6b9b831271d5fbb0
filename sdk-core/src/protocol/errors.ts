// The one error shape of the HTTP API.
import { z } from 'zod';
import { ZIssue, ZRejected } from './collect';
import { zText } from './fields';

/** Every error the HTTP API returns. */
export const ZError = z.object({
  error: z.object({
    code: zText(),
    message: zText(),
    issues: z.array(ZIssue).optional(),
    rejected: z.array(ZRejected).optional(),
  }),
});
export type ApiError = z.infer<typeof ZError>;
