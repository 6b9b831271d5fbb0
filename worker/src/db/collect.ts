import type { Answer, Display, Event } from '@heard/core';
import { DAY_MS, defaultDirection } from '@heard/core';

const day = (ts: number) => new Date(ts).toISOString().slice(0, 10);
const json = (value: object | undefined) => (value ? JSON.stringify(value) : null);

/** What one collect request stores. */
export interface Items {
  answers: readonly Answer[];
  events: readonly Event[];
  displays: readonly Display[];
}

/**
 * How a write reaches a site's database: `database` is the binding's name as `sites.database`
 * must say it for the write to land (a site that has moved, or is moving, writes nothing and
 * the write comes back `moved`); `storesRaw` says which events are kept raw (without it, all).
 */
export interface WriteTarget {
  database?: string;
  storesRaw?: (name: string) => boolean;
}

/** An item the write refused because it is older than the site's retention period, by its place in {@link Items}. */
export interface Expired {
  type: 'answer' | 'event' | 'display';
  position: number;
}

/**
 * What a write did: rows inserted, items already stored, and (only when there are any) items
 * too old to keep and answers that disagree with the stored answer of their id.
 */
export interface Stored {
  accepted: number;
  duplicates: number;
  expired?: Expired[];
  /** Re-sent answer ids whose kind, score, scale, user, anonymous id or comment differ from what is stored: nothing changed. */
  conflicts?: Expired[];
  /**
   * The site's data is not (or no longer only) in this database: write again where it lives.
   * `accepted` counts rows stored before the move began (the move copies them); nothing else was written.
   */
  moved?: true;
}

/**
 * The bytes of JSON one statement binds. D1 caps a string value at 1,000,000 bytes (and a
 * statement's SQL at 100 KB, its bound parameters at 100): each statement binds three
 * values, one of them a JSON array of rows kept under half that cap. A collect body is at
 * most 256 KB, so a request's rows take one statement per table; the queue consumer's larger
 * writes may take a few.
 */
export const ROWS_JSON_BYTES = 512 * 1024;

/**
 * The oldest `ts` the site's retention setting lets in (`?1` = site id, `?3` = now), or NULL
 * without one. The same rule as oldestAccepted() in retention.ts, read inside the write's
 * transaction, so an isolate whose cached settings are stale still cannot store (and count
 * in the rollup again) an answer the retention purge has already removed.
 */
const RETENTION_CUTOFF = `(SELECT CASE WHEN json_valid(settings) THEN CASE
    WHEN json_type(settings, '$.retentionDays') IN ('integer', 'real')
      AND json_extract(settings, '$.retentionDays') > 0
      AND json_extract(settings, '$.retentionDays') = CAST(json_extract(settings, '$.retentionDays') AS INTEGER)
    THEN ?3 - ${DAY_MS} * json_extract(settings, '$.retentionDays') END END
  FROM sites WHERE id = ?1)`;

/**
 * Whether this database may take the site's writes now (`?4` = the binding's name, or NULL to
 * skip the check): its copy of the site's row names it and no move is under way. Read inside
 * the write's own transaction, so a write and a move's start or switch never interleave.
 */
const WRITABLE = `(?4 IS NULL OR EXISTS (SELECT 1 FROM sites WHERE id = ?1 AND database = ?4 AND moving_to IS NULL))`;

// One statement per table: the rows travel as one JSON array (?2) of arrays, read with
// json_each in order, so the first of two rows with one id is stored and the second is a
// no-op, as it would be one request later. The per-row triggers (rollups, milestones,
// profiles) fire exactly as for single-row inserts. `WHERE` also stops SQLite from reading
// `ON CONFLICT` as a join constraint.
/** The answers' insert (exported for the `rows` bench, which times it on its own). */
export const INSERT_ANSWERS = `INSERT INTO answers (site_id, id, survey, kind, score, scale_min, scale_max, direction, comment,
    user_id, anonymous_id, traits, props, url, locale, ts, day, received_at, channel)
  SELECT ?1, r ->> 0, r ->> 1, r ->> 2, r ->> 3, r ->> 4, r ->> 5, r ->> 6, r ->> 7,
    r ->> 8, r ->> 9, r ->> 10, r ->> 11, r ->> 12, r ->> 13, r ->> 14, r ->> 15, ?3, r ->> 16
  FROM (SELECT value AS r FROM json_each(?2) ORDER BY key)
  WHERE (r ->> 14) >= coalesce(${RETENTION_CUTOFF}, 0) AND ${WRITABLE}
  ON CONFLICT DO NOTHING RETURNING 1 AS inserted`;

/**
 * {@link INSERT_ANSWERS} for a request of one answer (the widget's usual request), its row bound
 * as parameters: `?2` is the id and `?5`…`?20` the rest of {@link answerRow}. The same guards;
 * a local D1 compiles it about a quarter faster than the json_each form, and every call compiles.
 */
const INSERT_ANSWER = `INSERT INTO answers (site_id, id, survey, kind, score, scale_min, scale_max, direction, comment,
    user_id, anonymous_id, traits, props, url, locale, ts, day, received_at, channel)
  SELECT ?1, ?2, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?3, ?20
  WHERE ?18 >= coalesce(${RETENTION_CUTOFF}, 0) AND ${WRITABLE}
  ON CONFLICT DO NOTHING RETURNING 1 AS inserted`;

const INSERT_EVENTS = `INSERT INTO events (site_id, id, name, user_id, anonymous_id, entity, value, props, ts, received_at)
  SELECT ?1, r ->> 0, r ->> 1, r ->> 2, r ->> 3, r ->> 4, r ->> 5, r ->> 6, r ->> 7, ?3
  FROM (SELECT value AS r FROM json_each(?2) ORDER BY key)
  WHERE (r ->> 7) >= coalesce(${RETENTION_CUTOFF}, 0) AND ${WRITABLE}
    AND NOT EXISTS (SELECT 1 FROM event_ids WHERE site_id = ?1 AND id = r ->> 0)
  ON CONFLICT DO NOTHING RETURNING 1 AS inserted`;

/**
 * Counted-only events (rows `[id, name, user_key, ts, day]`, one per id): those whose id was
 * never seen, neither counted nor stored raw, and inside retention. The three statements read
 * the same rows in one transaction, the id insert last, so a re-sent id counts nowhere.
 */
const NEW_COUNTED = `(SELECT value AS r FROM json_each(?2))
  WHERE (r ->> 3) >= coalesce(${RETENTION_CUTOFF}, 0) AND ${WRITABLE}
    AND NOT EXISTS (SELECT 1 FROM event_ids WHERE site_id = ?1 AND id = r ->> 0)
    AND NOT EXISTS (SELECT 1 FROM events WHERE site_id = ?1 AND id = r ->> 0)`;

const COUNT_EVENTS = `INSERT INTO event_counts (site_id, day, name, n)
  SELECT ?1, r ->> 4, r ->> 1, COUNT(*) FROM ${NEW_COUNTED}
  GROUP BY r ->> 4, r ->> 1
  ON CONFLICT DO UPDATE SET n = n + excluded.n`;

// Last activity (and first) of each user, as the events_profile trigger keeps it for raw events.
const TOUCH_PROFILES = `INSERT INTO user_profiles (site_id, user_key, first_ts, last_ts)
  SELECT ?1, r ->> 2, min(r ->> 3), max(r ->> 3) FROM ${NEW_COUNTED}
  GROUP BY r ->> 2
  ON CONFLICT DO UPDATE SET
    first_ts = min(coalesce(first_ts, excluded.first_ts), excluded.first_ts),
    last_ts = max(coalesce(last_ts, excluded.last_ts), excluded.last_ts)`;

const INSERT_EVENT_IDS = `INSERT INTO event_ids (site_id, id, ts)
  SELECT ?1, r ->> 0, r ->> 3 FROM ${NEW_COUNTED}
  ON CONFLICT DO NOTHING RETURNING 1 AS inserted`;

const INSERT_DISPLAYS = `INSERT INTO displays (site_id, id, survey, kind, action, user_id, anonymous_id, ts, day, received_at)
  SELECT ?1, r ->> 0, r ->> 1, r ->> 2, r ->> 3, r ->> 4, r ->> 5, r ->> 6, r ->> 7, ?3
  FROM (SELECT value AS r FROM json_each(?2) ORDER BY key)
  WHERE (r ->> 6) >= coalesce(${RETENTION_CUTOFF}, 0) AND ${WRITABLE}
  ON CONFLICT DO NOTHING RETURNING 1 AS inserted`;

// An answer is immutable once stored, except that its own author may fill in the comment of
// a score-only answer. A re-send agrees with the stored row `a` when kind, score, scale, user
// id and anonymous id are the same (IS: either id may be NULL); `field(n)` reads the re-sent
// row's nth value.
const agrees = (field: (n: number) => string) =>
  `a.kind = ${field(2)} AND a.score = ${field(3)} AND a.scale_min = ${field(4)} AND a.scale_max = ${field(5)}
    AND a.user_id IS ${field(8)} AND a.anonymous_id IS ${field(9)}`;
const hasComment = (value: string) => `coalesce(${value}, '') <> ''`;

/**
 * The positions (in ?2, the answers' JSON array INSERT_ANSWERS read) of re-sent answers that
 * disagree with the stored answer of their id: another kind, score, scale or person, or a
 * comment (even an empty one) where a different one is stored. Run after the insert, so the second of two copies
 * of an id in one request is judged as it would be one request later, and before comments are
 * filled in. CROSS JOIN keeps json_each the outer loop: each row is found by its primary key.
 */
const CONFLICTS = `SELECT CAST(j.key AS INTEGER) AS position
  FROM json_each(?2) j CROSS JOIN answers a
  WHERE a.site_id = ?1 AND a.id = j.value ->> 0
    AND NOT (${agrees((n) => `j.value ->> ${n}`)}
      AND NOT (j.value ->> 7 IS NOT NULL AND ${hasComment('a.comment')} AND a.comment IS NOT j.value ->> 7))
  ORDER BY j.key`;

// A re-send that agrees and brings a comment fills in a score-only answer's comment. ?2 is a
// JSON object { id: row } (answer ids are UUIDs, safe in a JSON path): each stored row is found
// by its primary key, where a join with json_each would make SQLite scan the site's answers.
const resent = (n: number) => `(?2 -> ('$."' || a.id || '"') ->> ${n})`;
const FILL_COMMENTS = `UPDATE answers AS a SET comment = ${resent(7)}
  WHERE a.site_id = ?1
    AND a.id IN (SELECT key FROM json_each(?2) WHERE (value ->> 14) >= coalesce(${RETENTION_CUTOFF}, 0))
    AND NOT ${hasComment('a.comment')} AND ${agrees(resent)} AND ${WRITABLE}`;

/** An answer as the row {@link INSERT_ANSWERS} reads from its JSON array. */
export const answerRow = (a: Answer) => [
  a.id,
  a.survey ?? '',
  a.kind,
  a.score,
  a.scale[0],
  a.scale[1],
  a.direction ?? defaultDirection(a.kind, a.scale),
  a.comment ?? null,
  a.userId ?? null,
  a.anonymousId ?? null,
  json(a.traits),
  json(a.props),
  a.url ?? null,
  a.locale ?? null,
  a.ts,
  day(a.ts),
  a.channel ?? 'web',
];

const eventRow = (e: Event) => [
  e.id,
  e.name,
  e.userId ?? null,
  e.anonymousId ?? null,
  e.entity ?? null,
  e.value ?? null,
  json(e.props),
  e.ts,
];

const countedRow = (e: Event) => [e.id, e.name, e.userId ?? `anon:${e.anonymousId}`, e.ts, day(e.ts)];

const displayRow = (d: Display) => [
  d.id,
  d.survey ?? '',
  d.kind,
  d.action,
  d.userId ?? null,
  d.anonymousId ?? null,
  d.ts,
  day(d.ts),
];

const utf8Bytes = (text: string) => new TextEncoder().encode(text).byteLength;

/**
 * Packs rows into JSON arrays of at most `maxBytes` (UTF-8) each, in order; with `keyed`, rows
 * are `[key, value]` pairs packed into JSON objects instead.
 * @example jsonChunks([[1], [2]]) // ['[[1],[2]]']
 */
export function jsonChunks(rows: readonly unknown[][], maxBytes = ROWS_JSON_BYTES, keyed = false): string[] {
  return packRows(rows, maxBytes, keyed).map((chunk) => chunk.text);
}

/** {@link jsonChunks}, with the number of rows each chunk holds. */
function packRows(rows: readonly unknown[][], maxBytes: number, keyed: boolean): { text: string; rows: number }[] {
  const texts = rows.map((row) =>
    keyed ? `${JSON.stringify(row[0])}:${JSON.stringify(row[1])}` : JSON.stringify(row),
  );
  const [open, close] = keyed ? ['{', '}'] : ['[', ']'];
  // A UTF-16 unit takes at most 3 UTF-8 bytes: most requests need no counting at all.
  const bound = texts.reduce((n, text) => n + text.length + 1, 1);
  if (bound * 3 <= maxBytes)
    return texts.length > 0 ? [{ text: `${open}${texts.join(',')}${close}`, rows: texts.length }] : [];
  const chunks: { text: string; rows: number }[] = [];
  let current: string[] = [];
  let size = 1;
  const flush = () => chunks.push({ text: `${open}${current.join(',')}${close}`, rows: current.length });
  for (const text of texts) {
    const bytes = utf8Bytes(text) + 1;
    if (current.length > 0 && size + bytes > maxBytes) {
      flush();
      current = [];
      size = 1;
    }
    current.push(text);
    size += bytes;
  }
  if (current.length > 0) flush();
  return chunks;
}

/** The fields a re-send of an answer must repeat: the answer's kind, score, scale and person. */
const sameAnswer = (a: Answer, b: Answer) =>
  a.kind === b.kind &&
  a.score === b.score &&
  a.scale[0] === b.scale[0] &&
  a.scale[1] === b.scale[1] &&
  (a.userId ?? null) === (b.userId ?? null) &&
  (a.anonymousId ?? null) === (b.anonymousId ?? null);

/**
 * Stores answers, events and displays in one D1 round trip (one transaction; a second only
 * when some item was not new, see {@link storeBatchWith}): one statement per table, whatever
 * the number of items. Client ids make re-sending a no-op; triggers keep
 * the rollups, milestones and profiles in step with the rows actually inserted. A re-sent
 * answer that agrees with the stored one (kind, score, scale, user and anonymous id) and brings
 * a comment fills in a score-only answer's comment; one that disagrees changes nothing and comes
 * back in `conflicts`. Items older than the site's retention period (as the database has it now)
 * are not stored and come back in `expired`.
 * @example const { accepted, duplicates } = await storeBatch(env.DB, site.id, { answers, events: [], displays: [] });
 */
export async function storeBatch(
  db: D1Database,
  siteId: string,
  items: Items,
  now = Date.now(),
  target: WriteTarget = {},
): Promise<Stored> {
  return (await storeBatchWith(db, siteId, items, now, [], target)).stored;
}

/**
 * {@link storeBatch}, with `alongside` statements run in the same round trip after the writes
 * (they see the rows just written); their results come back in order. Events `target.storesRaw`
 * does not keep are counted per day and name and touch their user's profile, once per id.
 *
 * The first round trip holds only the inserts (each guarded, in its own SQL, by the retention
 * cutoff and the database check) and `alongside`: when every item was new and inside retention,
 * which is nearly every request, that is the whole write. Only when some item was not inserted
 * (a re-send, an id twice in the request, an item past retention, a site that moved) does a
 * second round trip run the whole checked write ({@link storeChecked}): it inserts nothing the
 * first stored (every insert is a no-op on a stored id), and tells duplicates, conflicts, expired
 * items and a moved site apart, as one transaction.
 */
export async function storeBatchWith(
  db: D1Database,
  siteId: string,
  items: Items,
  now: number,
  alongside: readonly D1PreparedStatement[],
  target: WriteTarget = {},
): Promise<{ stored: Stored; alongside: D1Result[] }> {
  const total = items.answers.length + items.events.length + items.displays.length;
  if (total === 0 && alongside.length === 0) return { stored: { accepted: 0, duplicates: 0 }, alongside: [] };
  const plan = writePlan(db, siteId, items, now, target);
  const first = [...plan.touches, ...plan.inserts];
  const results = await db.batch([...first, ...alongside]);
  const accepted = results.slice(plan.touches.length, first.length).reduce((n, r) => n + r.results.length, 0);
  const alongsideResults = results.slice(first.length);
  if (accepted === total) return { stored: { accepted, duplicates: 0 }, alongside: alongsideResults };
  const checked = await storeChecked(db, siteId, items, now, plan);
  // Rows the first round trip inserted are duplicates to the second (moved: the caller adds them
  // to what it writes where the site lives now, where the move has copied them).
  const carried = Math.min(accepted, checked.duplicates);
  return {
    stored: { ...checked, accepted: checked.accepted + accepted, duplicates: checked.duplicates - carried },
    alongside: alongsideResults,
  };
}

/** The write statements of {@link storeBatchWith}, with what reading their results needs. */
interface WritePlan {
  /** Counted-only events: per-day counts and profiles, before the id inserts that make an id seen. */
  touches: D1PreparedStatement[];
  /** One insert per table and chunk, each `RETURNING` a row per row inserted. */
  inserts: D1PreparedStatement[];
  answerRows: unknown[][];
  answerChunks: { text: string; rows: number }[];
  database: string | null;
}

function writePlan(db: D1Database, siteId: string, items: Items, now: number, target: WriteTarget): WritePlan {
  const { answers, events, displays } = items;
  const database = target.database ?? null;
  const raw = target.storesRaw ? events.filter((e) => target.storesRaw?.(e.name)) : events;
  // The first copy of an id in the request is the one counted; a later copy is a duplicate.
  const seen = new Set<string>();
  const counted = target.storesRaw
    ? events.filter((e) => !target.storesRaw?.(e.name) && !seen.has(e.id) && seen.add(e.id))
    : [];
  const inserts: D1PreparedStatement[] = [];
  const touches: D1PreparedStatement[] = [];
  const write = (sql: string, rows: unknown[][], into: D1PreparedStatement[]) => {
    if (rows.length === 0) return;
    const statement = db.prepare(sql);
    for (const chunk of jsonChunks(rows)) into.push(statement.bind(siteId, chunk, now, database));
  };
  const answerRows = answers.map(answerRow);
  const answerChunks = packRows(answerRows, ROWS_JSON_BYTES, false);
  const [only] = answerRows;
  if (answerRows.length === 1 && only) {
    inserts.push(db.prepare(INSERT_ANSWER).bind(siteId, only[0], now, database, ...only.slice(1)));
  } else if (answerChunks.length > 0) {
    const insert = db.prepare(INSERT_ANSWERS);
    for (const chunk of answerChunks) inserts.push(insert.bind(siteId, chunk.text, now, database));
  }
  write(INSERT_EVENTS, raw.map(eventRow), inserts);
  if (counted.length > 0) {
    const rows = counted.map(countedRow);
    write(COUNT_EVENTS, rows, touches);
    write(TOUCH_PROFILES, rows, touches);
    // Before the id inserts (they are what makes an id seen), after no other write of these rows.
    write(INSERT_EVENT_IDS, rows, inserts);
  }
  write(INSERT_DISPLAYS, displays.map(displayRow), inserts);
  return { touches, inserts, answerRows, answerChunks, database };
}

/**
 * The checked write, as one transaction: the inserts of `plan` after a first statement that
 * says whether this database takes the writes (see WRITABLE) and reads the retention cutoff
 * when an item may be older than it, then the answers that disagree with their stored copy and
 * the comments a re-send fills in.
 */
async function storeChecked(
  db: D1Database,
  siteId: string,
  { answers, events, displays }: Items,
  now: number,
  plan: WritePlan,
): Promise<Stored> {
  const items = answers.length + events.length + displays.length;
  const { inserts, answerRows, answerChunks, database } = plan;
  // Retention is at least a day: only an item older than that can be refused for it, and only
  // then is the cutoff read back (the widget sends items seconds old).
  const mayExpire = [answers, events, displays].some((list) => list.some((item) => item.ts < now - DAY_MS));
  const guarded = mayExpire || database !== null;
  const statements: D1PreparedStatement[] = guarded
    ? [
        db
          .prepare(`SELECT ${mayExpire ? RETENTION_CUTOFF : 'NULL'} AS oldest, ${WRITABLE} AS writable`)
          .bind(siteId, null, now, database),
      ]
    : [];
  statements.push(...plan.touches);
  // Re-sent answer ids that disagree with the stored answer, read before any comment is filled in.
  const checks: D1PreparedStatement[] = [];
  if (answerChunks.length > 0) {
    const check = db.prepare(CONFLICTS);
    for (const chunk of answerChunks) checks.push(check.bind(siteId, chunk.text));
  }
  // The first comment an id brings in a request fills it in; a copy of that id in the same request
  // with another kind, score, scale or person fills nothing, and another comment is a conflict.
  const firstOf = new Map<string, Answer>();
  const comments = new Map<string, unknown[]>();
  const conflicting = new Set<number>();
  answers.forEach((a, position) => {
    const first = firstOf.get(a.id) ?? a;
    firstOf.set(a.id, first);
    if (!a.comment || !sameAnswer(first, a)) return;
    const known = comments.get(a.id);
    if (!known) comments.set(a.id, answerRows[position] as unknown[]);
    else if (known[7] !== a.comment) conflicting.add(position);
  });
  const updates: D1PreparedStatement[] = [];
  if (comments.size > 0) {
    const fill = db.prepare(FILL_COMMENTS);
    for (const chunk of jsonChunks([...comments], ROWS_JSON_BYTES, true))
      updates.push(fill.bind(siteId, chunk, now, database));
  }
  const first = statements.length;
  statements.push(...inserts, ...checks, ...updates);

  const results = await db.batch(statements);
  const head = guarded
    ? (results[0]?.results[0] as { oldest: number | null; writable: number } | undefined)
    : { oldest: null, writable: 1 };
  if (!head?.writable) return { accepted: 0, duplicates: 0, moved: true };
  const oldest = mayExpire ? (head.oldest ?? null) : null;
  const accepted = results.slice(first, first + inserts.length).reduce((n, r) => n + r.results.length, 0);
  let offset = 0;
  results.slice(first + inserts.length, first + inserts.length + checks.length).forEach((result, i) => {
    for (const row of result.results as { position: number }[]) conflicting.add(offset + row.position);
    offset += answerChunks[i]?.rows ?? 0;
  });
  const expired: Expired[] = [];
  if (oldest !== null) {
    const find = (type: Expired['type'], list: readonly { ts: number }[]) =>
      list.forEach((item, position) => {
        if (item.ts < oldest) expired.push({ type, position });
      });
    find('answer', answers);
    find('event', events);
    find('display', displays);
  }
  const conflicts: Expired[] = [...conflicting]
    .filter((position) => oldest === null || (answers[position]?.ts ?? 0) >= oldest)
    .sort((x, y) => x - y)
    .map((position) => ({ type: 'answer', position }));
  return {
    accepted,
    duplicates: items - accepted - expired.length - conflicts.length,
    ...(expired.length > 0 ? { expired } : {}),
    ...(conflicts.length > 0 ? { conflicts } : {}),
  };
}
