import {
  band,
  bandTable,
  type Direction,
  type EarlierAnswer,
  type InboxResponse,
  type Kind,
  LIMITS,
  type LowAnswerContact,
  type ResponseNote,
  type ResponsePatch,
  type ResponseStatus,
  type ResponsesQuery,
} from '@heard/core';
import { jsonPath } from './json';

interface ResponseRow {
  id: string;
  kind: Kind;
  survey: string;
  score: number;
  scale_min: number;
  scale_max: number;
  direction: Direction;
  comment: string | null;
  user_id: string | null;
  anonymous_id: string | null;
  traits: string | null;
  ts: number;
  received_at: number;
  status: ResponseStatus | null;
  assignee: string | null;
  tags: string | null;
  contacted_at: number | null;
  closed_at: number | null;
  updated_at: number | null;
  account: string | null;
}

// Whether answer `a` is in one of the bands of a JSON table (?n) of bandTable() rows.
const inBands = (n: number) => `EXISTS (SELECT 1 FROM json_each(?${n}) AS b
    WHERE b.value ->> 0 = a.kind AND b.value ->> 1 = a.scale_min AND b.value ->> 2 = a.scale_max
      AND b.value ->> 3 = a.direction AND a.score BETWEEN b.value ->> 4 AND b.value ->> 5)`;

/**
 * The responses of a site: answers that are low (?3, the low bands of every scale) or carry a
 * comment, with their triage state (no `responses` row: open), newest answer first, paged by
 * (ts, id) so answers stored between pages never shift a page. Exported for a plan test.
 */
export const RESPONSES_SQL = `SELECT a.id, a.kind, a.survey, a.score, a.scale_min, a.scale_max, a.direction, a.comment,
    a.user_id, a.anonymous_id, a.traits, a.ts, a.received_at,
    r.status, r.assignee, r.tags, r.contacted_at, r.closed_at, r.updated_at,
    CAST(coalesce(json_extract(p.traits, ?12), a.user_id) AS TEXT) AS account
  FROM answers a
  LEFT JOIN responses r ON r.site_id = a.site_id AND r.answer_id = a.id
  LEFT JOIN user_profiles p ON p.site_id = a.site_id AND p.user_key = a.user_id
  WHERE a.site_id = ?1
    AND (?2 IS NULL OR a.kind = ?2)
    AND ((a.comment IS NOT NULL AND a.comment <> '') OR ${inBands(3)})
    AND (?4 IS NULL OR ${inBands(4)})
    AND (?5 IS NULL OR a.survey = ?5)
    AND (?6 IS NULL OR coalesce(r.status, 'open') = ?6)
    AND (?7 IS NULL OR EXISTS (SELECT 1 FROM json_each(r.tags) WHERE value = ?7))
    AND (?8 IS NULL OR r.assignee = ?8)
    AND (?9 IS NULL OR instr(lower(a.comment), lower(?9)) > 0)
    AND (?10 IS NULL OR CAST(coalesce(json_extract(a.traits, ?10), json_extract(a.props, ?10)) AS TEXT) = ?11)
    AND (?13 IS NULL OR a.ts < ?13 OR (a.ts = ?13 AND a.id < ?14))
    AND (?16 IS NULL OR a.id = ?16)
  ORDER BY a.ts DESC, a.id DESC
  LIMIT ?15`;

// The same person's answers before each listed one (?2: [answerId, userId, anonymousId, ts]),
// by user id when there is one, else by anonymous id; the newest few of each.
const EARLIER_SQL = `SELECT for_id, id, kind, score, scale_min, scale_max, direction, comment, ts FROM (
    SELECT w.value ->> 0 AS for_id, x.id, x.kind, x.score, x.scale_min, x.scale_max, x.direction, x.comment, x.ts,
      row_number() OVER (PARTITION BY w.value ->> 0 ORDER BY x.ts DESC, x.id DESC) AS rank
    FROM json_each(?2) w CROSS JOIN answers x
    WHERE x.site_id = ?1
      AND ((w.value ->> 1 IS NOT NULL AND x.user_id = w.value ->> 1)
        OR (w.value ->> 1 IS NULL AND x.user_id IS NULL AND x.anonymous_id = w.value ->> 2))
      AND (x.ts < w.value ->> 3 OR (x.ts = w.value ->> 3 AND x.id < w.value ->> 0))
  ) WHERE rank <= ?3 ORDER BY for_id, rank`;

const NOTES_SQL = `SELECT answer_id, author, text, at FROM response_notes
  WHERE site_id = ?1 AND answer_id IN (SELECT value FROM json_each(?2)) ORDER BY seq`;

/** Earlier answers shown with each response. */
export const EARLIER_ANSWERS = 5;

/** What to list: the query's filters, and where the previous page stopped. */
export interface ResponsesFilter
  extends Omit<Partial<ResponsesQuery>, 'cursor' | 'limit'>,
    Pick<ResponsesQuery, 'limit'> {
  after?: { ts: number; id: string } | null;
  answerId?: string;
}

/**
 * A page of a site's responses with their state, notes and the person's earlier answers:
 * three statements, whatever the page's size.
 */
export async function responsesPage(
  db: D1Database,
  siteId: string,
  filter: ResponsesFilter,
  accountTrait: string,
): Promise<{ responses: InboxResponse[]; more: boolean }> {
  const low = JSON.stringify(bandTable('low'));
  const path = filter.by ? jsonPath(filter.by) : null;
  const { results } = await db
    .prepare(RESPONSES_SQL)
    .bind(
      siteId,
      filter.metric ?? null,
      low,
      filter.band ? JSON.stringify(bandTable(filter.band, filter.metric ? [filter.metric] : undefined)) : null,
      filter.survey ?? null,
      filter.status ?? null,
      filter.tag ?? null,
      filter.assignee ?? null,
      filter.q ?? null,
      path,
      path ? normaliseValue(filter.value ?? '') : null,
      jsonPath(accountTrait),
      filter.after?.ts ?? null,
      filter.after?.id ?? null,
      filter.limit + 1,
      filter.answerId ?? null,
    )
    .all<ResponseRow>();
  const rows = results.slice(0, filter.limit);
  if (rows.length === 0) return { responses: [], more: false };
  const people = rows.map((r) => [r.id, r.user_id, r.anonymous_id, r.ts]);
  const [earlier, notes] = await db.batch([
    db.prepare(EARLIER_SQL).bind(siteId, JSON.stringify(people), EARLIER_ANSWERS),
    db.prepare(NOTES_SQL).bind(siteId, JSON.stringify(rows.map((r) => r.id))),
  ]);
  const earlierOf = new Map<string, EarlierAnswer[]>();
  for (const e of (earlier?.results ?? []) as EarlierRow[]) {
    earlierOf.set(e.for_id, [...(earlierOf.get(e.for_id) ?? []), toEarlier(e)]);
  }
  const notesOf = new Map<string, ResponseNote[]>();
  for (const n of (notes?.results ?? []) as NoteRow[]) {
    notesOf.set(n.answer_id, [...(notesOf.get(n.answer_id) ?? []), { text: n.text, author: n.author, at: n.at }]);
  }
  return {
    responses: rows.map((r) => toResponse(r, notesOf.get(r.id) ?? [], earlierOf.get(r.id) ?? [])),
    more: results.length > filter.limit,
  };
}

/** One response of a site, or null when the answer is not there or needs nobody (not low, no comment). */
export async function responseOf(
  db: D1Database,
  siteId: string,
  answerId: string,
  accountTrait: string,
): Promise<InboxResponse | null> {
  const { responses } = await responsesPage(db, siteId, { limit: 1, answerId }, accountTrait);
  return responses[0] ?? null;
}

// Changes only what the patch names (?4 = 1 when assignee is sent, so null can unassign).
// contacted_at is the first time the response left open, kept through reopening; closed_at is
// when it was last closed, kept while it stays closed.
const UPSERT_SQL = `INSERT INTO responses (site_id, answer_id, status, assignee, tags, contacted_at, closed_at, updated_at)
  VALUES (?1, ?2, coalesce(?3, 'open'), ?5, coalesce(?6, '[]'),
    CASE WHEN coalesce(?3, 'open') <> 'open' THEN ?7 END, CASE WHEN ?3 = 'closed' THEN ?7 END, ?7)
  ON CONFLICT (site_id, answer_id) DO UPDATE SET
    status = coalesce(?3, responses.status),
    assignee = CASE WHEN ?4 THEN ?5 ELSE responses.assignee END,
    tags = coalesce(?6, responses.tags),
    contacted_at = coalesce(responses.contacted_at, CASE WHEN coalesce(?3, responses.status) <> 'open' THEN ?7 END),
    closed_at = CASE WHEN coalesce(?3, responses.status) = 'closed'
      THEN CASE WHEN responses.status = 'closed' THEN responses.closed_at ELSE ?7 END END,
    updated_at = ?7`;

// The note's author: the one sent, else the assignee after this change.
const NOTE_SQL = `INSERT INTO response_notes (site_id, seq, answer_id, author, text, at)
  SELECT ?1, coalesce((SELECT max(seq) FROM response_notes WHERE site_id = ?1), 0) + 1, ?2,
    coalesce(?3, (SELECT assignee FROM responses WHERE site_id = ?1 AND answer_id = ?2)), ?4, ?5`;

/** Applies a patch to a response's state (made on first use) and adds its note, in one transaction. */
export async function patchResponse(
  db: D1Database,
  siteId: string,
  answerId: string,
  patch: ResponsePatch,
  now = Date.now(),
): Promise<void> {
  const tags = patch.tags ? JSON.stringify([...new Set(patch.tags)].sort()) : null;
  const statements = [
    db
      .prepare(UPSERT_SQL)
      .bind(
        siteId,
        answerId,
        patch.status ?? null,
        patch.assignee !== undefined ? 1 : 0,
        patch.assignee ?? null,
        tags,
        now,
      ),
  ];
  if (patch.note !== undefined) {
    statements.push(db.prepare(NOTE_SQL).bind(siteId, answerId, patch.author ?? null, patch.note, now));
  }
  await db.batch(statements);
}

/** The low answers received in `[from, to)` (epoch ms) with their first contact, for the close-the-loop figures. */
export async function lowAnswerContacts(
  db: D1Database,
  siteId: string,
  window: { from: number; to: number; metric?: Kind | undefined; survey?: string | undefined },
): Promise<LowAnswerContact[]> {
  const { results } = await db
    .prepare(
      `SELECT a.received_at AS receivedAt, r.contacted_at AS contactedAt
       FROM answers a LEFT JOIN responses r ON r.site_id = a.site_id AND r.answer_id = a.id
       WHERE a.site_id = ?1 AND a.received_at >= ?2 AND a.received_at < ?3
         AND a.ts < ?3 + ${LIMITS.futureMs}
         AND (?4 IS NULL OR a.survey = ?4) AND ${inBands(5)}`,
    )
    .bind(
      siteId,
      window.from,
      window.to,
      window.survey ?? null,
      JSON.stringify(bandTable('low', window.metric ? [window.metric] : undefined)),
    )
    .all<LowAnswerContact>();
  return results;
}

/**
 * The statements that erase the responses of the answers `whose` selects (a condition on
 * `answers` with the site as ?1, bound with `binds`); run before those answers are deleted.
 */
export function eraseResponses(db: D1Database, whose: string, ...binds: unknown[]): D1PreparedStatement[] {
  return ['response_notes', 'responses'].map((table) =>
    db
      .prepare(`DELETE FROM ${table} WHERE site_id = ?1 AND answer_id IN (SELECT id FROM answers WHERE ${whose})`)
      .bind(...binds),
  );
}

interface EarlierRow {
  for_id: string;
  id: string;
  kind: Kind;
  score: number;
  scale_min: number;
  scale_max: number;
  direction: Direction;
  comment: string | null;
  ts: number;
}

interface NoteRow {
  answer_id: string;
  author: string | null;
  text: string;
  at: number;
}

function toEarlier(row: EarlierRow): EarlierAnswer {
  const scale = [row.scale_min, row.scale_max] as [number, number];
  return {
    answerId: row.id,
    kind: row.kind,
    score: row.score,
    scale,
    direction: row.direction,
    band: band(row.kind, row.score, scale, row.direction),
    comment: row.comment || null,
    ts: row.ts,
  };
}

function toResponse(row: ResponseRow, notes: ResponseNote[], earlier: EarlierAnswer[]): InboxResponse {
  const scale = [row.scale_min, row.scale_max] as [number, number];
  return {
    answerId: row.id,
    kind: row.kind,
    survey: row.survey || null,
    score: row.score,
    scale,
    direction: row.direction,
    band: band(row.kind, row.score, scale, row.direction),
    comment: row.comment || null,
    userId: row.user_id,
    anonymousId: row.anonymous_id,
    account: row.account,
    traits: row.traits ? JSON.parse(row.traits) : {},
    ts: row.ts,
    receivedAt: row.received_at,
    status: row.status ?? 'open',
    assignee: row.assignee,
    tags: row.tags ? (JSON.parse(row.tags) as string[]) : [],
    contactedAt: row.contacted_at,
    closedAt: row.closed_at,
    updatedAt: row.updated_at,
    notes,
    earlier,
  };
}

/** JSON booleans come out of json_extract as 1 and 0. */
function normaliseValue(value: string): string {
  return value === 'true' ? '1' : value === 'false' ? '0' : value;
}
