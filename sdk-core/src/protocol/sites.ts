// Sites and their identity secret.
import { z } from 'zod';
import { LIMITS, MOVE_STEPS } from '../constants';
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

/** The body of `POST /v1/sites/{id}/move/start`: a move in steps. */
export const ZSiteMoveStart = ZSiteMove.extend({
  rowsPerStep: z
    .number()
    .int()
    .min(MOVE_STEPS.minRowsPerStep)
    .max(MOVE_STEPS.maxRowsPerStep)
    .default(MOVE_STEPS.rowsPerStep)
    .describe('at most this many rows are copied, checked or deleted per step'),
});
export type SiteMoveStart = z.infer<typeof ZSiteMoveStart>;

/** Where a move in steps is: its phases run in this order; `rollback` and `unpark` follow a failed check. */
export const MOVE_PHASES = [
  'clear',
  'copy',
  'verify',
  'replay',
  'delete',
  'done',
  'rollback',
  'unpark',
  'failed',
] as const;

/** A move's progress: `GET /v1/sites/{id}/move`, and the answer of each step. */
export const ZSiteMoveStatus = z.object({
  site: z.string(),
  from: z.string().describe('the binding the site was in'),
  to: z.string().describe('the binding it is moving to'),
  phase: z
    .enum(MOVE_PHASES)
    .describe(
      "`clear`: rows an earlier try left in the target go; `copy`: tables are copied in key order; `verify`: each table's rows and totals are checked; `replay`: switched, writes parked during the copy go into the new database; `delete`: the old rows go; `done`. After a failed check: `rollback` (the copy goes), `unpark` (parked writes go back to the old database), `failed`",
    ),
  table: z.string().nullable().describe('the table the phase is at (null between phases and at the end)'),
  rowsPerStep: z.number().int().min(1),
  steps: z.number().int().min(0).describe('steps run so far'),
  copied: z.number().int().min(0).describe('rows copied so far, over every table'),
  tables: z.array(ZMovedTable).describe('the tables checked so far'),
  replayed: z.number().int().min(0),
  deleted: z.number().int().min(0),
  running: z.boolean().describe('a step holds the move now'),
  startedAt: ZTimestamp,
  updatedAt: ZTimestamp,
  finishedAt: ZTimestamp.nullable(),
  message: z.string().nullable().describe('why the move failed, or the last step error it is retrying after'),
});
export type SiteMoveStatus = z.infer<typeof ZSiteMoveStatus>;
