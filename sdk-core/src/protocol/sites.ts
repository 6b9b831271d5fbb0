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

/** The body of `POST /v1/sites/{id}/move`. */
export const ZSiteMove = z.object({
  database: z
    .string()
    .min(1)
    .max(64)
    .describe('the D1 binding to move the site to, as wrangler.jsonc names it (e.g. `DB_2`)'),
});
export type SiteMove = z.infer<typeof ZSiteMove>;

/** One table of a move's report. */
export const ZMovedTable = z.object({
  table: z.string().describe('the table'),
  copied: z.number().int().min(0).describe('rows copied to the new database (before writes made during the move)'),
  rows: z.number().int().min(0).describe('the site’s rows in the old database, checked equal in the new one'),
  sum: z.number().optional().describe('for rollups and counts: the total of their count column, checked equal'),
});

/** The answer of `POST /v1/sites/{id}/move`. */
export const ZSiteMoved = z.object({
  site: z.string(),
  from: z.string().describe('the binding the site was in'),
  to: z.string().describe('the binding it is in now'),
  tables: z.array(ZMovedTable),
  replayed: z.number().int().min(0).describe('writes that arrived during the copy, replayed into the new database'),
  deleted: z.number().int().min(0).describe('rows deleted from the old database'),
  ms: z.number().min(0).describe('how long the move took'),
});
export type SiteMoved = z.infer<typeof ZSiteMoved>;
