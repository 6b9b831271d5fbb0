// The webhook that low answers are sent to.
import { z } from 'zod';
import { BANDS, LIMITS } from '../constants';
import { isWellFormedText, ZKey, ZKind, zText } from './fields';

/** Which answers the webhook is sent (webhookWants() in @heard/core applies it). */
export const ZWebhookSend = z
  .strictObject({
    answers: z
      .enum(['low', 'every'])
      .describe('low: NPS 0–6 and the worst points of CSAT/CES (the default); every: every answer'),
    metric: z.array(ZKind).min(1).max(3).optional().describe('Only these kinds'),
    band: z.array(z.enum(BANDS)).min(1).max(3).optional().describe("Only these bands, on each answer's own scale"),
    survey: z.array(ZKey).min(1).max(50).optional().describe('Only answers to these surveys'),
    segment: z
      .strictObject({ by: ZKey, value: zText().min(1).max(LIMITS.stringChars) })
      .optional()
      .describe('Only answers whose trait (else prop) `by` equals `value`'),
    hasComment: z.boolean().optional().describe('true: only answers with a comment; false: only those without'),
  })
  .describe('Which answers are sent; omitted, the low ones');
export type WebhookSend = z.infer<typeof ZWebhookSend>;

/** The body of `PUT /v1/webhook`: where low answers go. Omit `secret` to have one made. */
export const ZWebhookPut = z.object({
  url: z
    .url({ protocol: /^https?$/ })
    .max(LIMITS.urlChars)
    .refine(isWellFormedText, 'must be well-formed Unicode'),
  secret: zText().min(16).max(200).optional(),
  send: ZWebhookSend.optional(),
});
export type WebhookPut = z.infer<typeof ZWebhookPut>;

/** A site's webhook as `GET /v1/webhook` shows it (the secret only when it is set). */
export const ZWebhook = z.object({
  url: zText(),
  secret: zText().optional(),
  send: ZWebhookSend,
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
