// The webhook that low answers are sent to.
import { z } from 'zod';
import { LIMITS } from '../constants';
import { isWellFormedText, zText } from './fields';

/** The body of `PUT /v1/webhook`: where low answers go. Omit `secret` to have one made. */
export const ZWebhookPut = z.object({
  url: z
    .url({ protocol: /^https?$/ })
    .max(LIMITS.urlChars)
    .refine(isWellFormedText, 'must be well-formed Unicode'),
  secret: zText().min(16).max(200).optional(),
});
export type WebhookPut = z.infer<typeof ZWebhookPut>;

/** A site's webhook as `GET /v1/webhook` shows it (the secret only when it is set). */
export const ZWebhook = z.object({
  url: zText(),
  secret: zText().optional(),
  createdAt: z.number(),
  deliveries: z
    .array(
      z.object({
        answerId: zText(),
        stage: z.enum(['answer', 'comment']),
        status: z.enum(['pending', 'delivered', 'failed']),
        attempts: z.number().int(),
        lastStatus: z.number().int().nullable(),
      }),
    )
    .optional(),
});
export type Webhook = z.infer<typeof ZWebhook>;
