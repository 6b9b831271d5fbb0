import { z } from 'zod';
import { LIMITS } from './constants';
import { ZProps } from './protocol';

/** The longest a link may live, in days, and how long it lives when the request does not say. */
export const LINK_DAYS = { max: 365, default: 30 } as const;

/** The body of `POST /v1/links`: whom to ask which survey, through a personal link. */
export const ZLinkCreate = z.object({
  survey: z.string().min(1).max(LIMITS.idChars).describe("one of the site's surveys"),
  userId: z.string().min(1).max(LIMITS.idChars).describe('who the link is for; their answer carries this userId'),
  props: ZProps.optional().describe('stored with the answer, e.g. `{ "entity": "ticket-42" }`'),
  expiresInDays: z
    .number()
    .int()
    .min(1)
    .max(LINK_DAYS.max)
    .default(LINK_DAYS.default)
    .describe(`days until the link stops working (default ${LINK_DAYS.default})`),
  locale: z
    .string()
    .max(35)
    .regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$/, 'a BCP 47 tag such as pt-BR')
    .optional()
    .describe("the recipient's language; default the survey's first locale"),
});
export type LinkCreate = z.input<typeof ZLinkCreate>;

/** What `POST /v1/links` answers. */
export const ZLinkCreated = z.object({
  url: z.string().describe('the personal link: its page asks the question'),
  scores: z
    .record(z.string(), z.string())
    .describe('one link per score, for an email: it opens the page with that score chosen'),
  html: z.string().describe('an email-safe snippet: the question and one link per score, table layout, inline styles'),
  expiresAt: z.number().describe('when the links stop working, epoch ms'),
});
export type LinkCreated = z.infer<typeof ZLinkCreated>;

/** The body of `POST /v1/links/key`. */
export const ZLinkKeyRotate = z.object({
  revokePrevious: z
    .boolean()
    .default(false)
    .describe(
      'also stop every link signed with an earlier key (a key that leaked); by default they work until they expire',
    ),
});

/** What `POST /v1/links/key` answers: the new key's version (the key itself never leaves the collector). */
export const ZLinkKeyRotated = z.object({
  version: z.number().int(),
  createdAt: z.number(),
  revokedPrevious: z.boolean(),
});
export type LinkKeyRotated = z.infer<typeof ZLinkKeyRotated>;
