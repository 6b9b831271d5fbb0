// Closing the loop: the answers that need a human (low ones and commented ones), their triage
// state and notes, and the close-the-loop figures.
import { z } from 'zod';
import { BANDS, CONTACT_WITHIN_MS, LIMITS } from '../constants';
import { windowed, ZReportDay } from '../window';
import { ZDirection, ZKey, ZKind, ZScaleTuple, zText } from './fields';

/** Where a response is in its triage: nobody has handled it, someone reached out, done. */
export const RESPONSE_STATUSES = ['open', 'contacted', 'closed'] as const;
export const ZResponseStatus = z
  .enum(RESPONSE_STATUSES)
  .describe('open (nobody has handled it) → contacted (someone reached out) → closed');
export type ResponseStatus = z.infer<typeof ZResponseStatus>;

/** A tag a team puts on responses: `billing`, `bug:export`. */
export const ZTag = z
  .string()
  .min(1)
  .max(40)
  .regex(/^[\p{L}\p{N}_.:-]+$/u, 'letters, digits and _ . : - only');

/** Who did something to a response, as the team names them (an email or a name). */
export const ZPerson = zText().trim().min(1).max(LIMITS.nameChars);

const CURSOR = /^[A-Za-z0-9_-]{4,400}$/;

/** The opaque `cursor` of a page: where the previous page stopped, as `(ts, answer id)`. */
export function encodeResponseCursor(ts: number, id: string): string {
  const bytes = new TextEncoder().encode(`${ts}:${id}`);
  return btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
}

/** The `(ts, id)` of a cursor, or null when it is not one {@link encodeResponseCursor} made. */
export function decodeResponseCursor(cursor: string): { ts: number; id: string } | null {
  if (!CURSOR.test(cursor)) return null;
  try {
    const binary = atob(cursor.replace(/-/g, '+').replace(/_/g, '/'));
    const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(
      Uint8Array.from(binary, (ch) => ch.charCodeAt(0)),
    );
    const match = /^(\d{1,16}):(.+)$/s.exec(text);
    if (!match?.[1] || !match[2]) return null;
    return { ts: Number(match[1]), id: match[2] };
  } catch {
    return null;
  }
}

/** Query of `GET /v1/responses`: the responses, newest answer first, a page at a time. */
export const ZResponsesQuery = z
  .object({
    status: ZResponseStatus.optional(),
    metric: ZKind.optional(),
    band: z.enum(BANDS).optional().describe("A band on each answer's own scale and direction (low = detractors, …)"),
    survey: ZKey.optional(),
    tag: ZTag.optional().describe('Only responses that carry this tag'),
    assignee: ZPerson.optional().describe('Only responses assigned to this person'),
    by: ZKey.optional().describe('A segment: a trait or prop name, matched with `value`'),
    value: zText().max(LIMITS.stringChars).optional(),
    q: zText().min(1).max(200).optional().describe('Text the comment must contain, case-insensitively'),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    cursor: z
      .string()
      .refine((c) => decodeResponseCursor(c) !== null, 'a cursor from a previous page')
      .optional()
      .describe('The `next` of the previous page (opaque)'),
  })
  .refine((q) => q.by === undefined || q.value !== undefined, { message: 'by needs a value', path: ['value'] })
  .refine((q) => q.value === undefined || q.by !== undefined, { message: 'value needs by', path: ['by'] });
export type ResponsesQuery = z.infer<typeof ZResponsesQuery>;

/** One note on a response: who wrote what, when. */
export const ZResponseNote = z.object({
  text: zText(),
  author: zText().nullable().describe('Who wrote it: `author` of the PATCH, else the assignee then, else null'),
  at: z.number().describe('When, epoch ms'),
});
export type ResponseNote = z.infer<typeof ZResponseNote>;

/** An earlier answer of the same person, for context. */
export const ZEarlierAnswer = z.object({
  answerId: zText(),
  kind: ZKind,
  score: z.number().int(),
  scale: ZScaleTuple,
  direction: ZDirection,
  band: z.enum(BANDS),
  comment: zText().nullable(),
  ts: z.number(),
});
export type EarlierAnswer = z.infer<typeof ZEarlierAnswer>;

/** An answer that needs a human (low, or with a comment), with its triage state. */
export const ZInboxResponse = z.object({
  answerId: zText(),
  kind: ZKind,
  survey: zText().nullable(),
  score: z.number().int(),
  scale: ZScaleTuple,
  direction: ZDirection,
  band: z.enum(BANDS),
  comment: zText().nullable(),
  userId: zText().nullable(),
  anonymousId: zText().nullable(),
  account: zText().nullable().describe("The user's account trait (site settings), else the user id"),
  traits: z.record(zText(), z.union([zText(), z.number(), z.boolean()])),
  ts: z.number().describe('When the answer was given'),
  receivedAt: z.number().describe('When Heard received it: the close-the-loop clock starts here'),
  status: ZResponseStatus,
  assignee: zText().nullable(),
  tags: z.array(zText()),
  contactedAt: z.number().nullable().describe('When it first left open (contacted or closed)'),
  closedAt: z.number().nullable().describe('When it was last closed; null unless closed'),
  updatedAt: z.number().nullable().describe('When the team last changed it; null if never'),
  notes: z.array(ZResponseNote).describe('Oldest first'),
  earlier: z.array(ZEarlierAnswer).describe("The same person's answers before this one, newest first (at most 5)"),
});
export type InboxResponse = z.infer<typeof ZInboxResponse>;

/** The answer of `GET /v1/responses`; `next` is the cursor of the following page, or null. */
export const ZResponsesPage = z.object({ responses: z.array(ZInboxResponse), next: zText().nullable() });
export type ResponsesPage = z.infer<typeof ZResponsesPage>;

/** The body of `PATCH /v1/responses/{answerId}`: what changes. `tags` replaces the tags. */
export const ZResponsePatch = z
  .strictObject({
    status: ZResponseStatus.optional(),
    assignee: ZPerson.nullable().optional().describe('null unassigns'),
    tags: z.array(ZTag).max(20).optional().describe('The whole new set of tags'),
    note: zText().trim().min(1).max(LIMITS.commentChars).optional().describe('A note to add to the history'),
    author: ZPerson.optional().describe('Who writes the note (default: the assignee)'),
  })
  .refine(
    (p) => p.status !== undefined || p.assignee !== undefined || p.tags !== undefined || p.note !== undefined,
    'send at least one of status, assignee, tags, note',
  )
  .refine((p) => p.author === undefined || p.note !== undefined, {
    message: 'author goes with a note',
    path: ['author'],
  });
export type ResponsePatch = z.infer<typeof ZResponsePatch>;

/** Path of `PATCH /v1/responses/{answerId}`. */
export const ZResponseParams = z.object({ answerId: zText().min(1).max(LIMITS.idChars) });

/** Query of `GET /v1/responses/summary`: close-the-loop figures per period (UTC days). */
export const ZResponsesSummaryQuery = windowed(
  z.object({
    interval: z.enum(['day', 'week', 'month']).default('week'),
    from: ZReportDay.optional().describe('First day (default: 12 weeks before to)'),
    to: ZReportDay.optional().describe('Last day, inclusive (default: today)'),
    metric: ZKind.optional(),
    survey: ZKey.optional(),
  }),
);
export type ResponsesSummaryQuery = z.infer<typeof ZResponsesSummaryQuery>;

const figures = {
  low: z.number().int().describe('Low answers received'),
  contacted: z.number().int().describe('Of those, contacted at any time'),
  due: z.number().int().describe('Low answers whose 48 h are over, or that were contacted'),
  withinTarget: z.number().int().describe('Contacted at most 48 h after they were received'),
  waiting: z.number().int().describe('Uncontacted and still inside their 48 h'),
  share: z.number().min(0).max(1).nullable().describe('withinTarget ÷ due; null when nothing is due'),
  medianMsToContact: z.number().nullable().describe('Median time from receipt to first contact, ms'),
};

/** The answer of `GET /v1/responses/summary`. */
export const ZResponsesSummary = z.object({
  interval: z.enum(['day', 'week', 'month']),
  from: zText(),
  to: zText(),
  withinMs: z.literal(CONTACT_WITHIN_MS).describe('The target: first contact within 48 h'),
  total: z.object(figures).describe('The whole range'),
  periods: z.array(z.object({ label: zText(), from: zText(), to: zText(), ...figures })),
});
export type ResponsesSummary = z.infer<typeof ZResponsesSummary>;
