// Sites and their identity secret.
import { z } from 'zod';
import { LIMITS } from '../constants';
import { ZTimestamp, zText } from './fields';

/** The body of `POST /v1/sites`. */
export const ZSiteCreate = z.object({
  name: zText().min(1).max(LIMITS.nameChars),
  origins: z
    .array(
      z
        .string()
        .max(LIMITS.stringChars)
        .regex(/^https?:\/\/(\*\.)?[A-Za-z0-9.-]+(:\d+)?$/, 'an origin such as https://app.example.com'),
    )
    .max(50)
    .default([]),
});
export type SiteCreate = z.infer<typeof ZSiteCreate>;

export const ZSiteCreated = z.object({
  id: zText(),
  name: zText(),
  origins: z.array(zText()),
  publicKey: zText(),
  secretKey: zText(),
});
export type SiteCreated = z.infer<typeof ZSiteCreated>;

/** The answer of `POST /v1/identity/secret`: the new identity secret, shown once. */
export const ZIdentitySecret = z.object({
  identitySecret: z.string().describe('ids_…: sign user ids with it (userHash); shown once, stored sealed'),
  createdAt: ZTimestamp,
});
export type IdentitySecret = z.infer<typeof ZIdentitySecret>;
