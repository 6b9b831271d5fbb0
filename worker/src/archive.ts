import type { Items } from './db/collect';
import type { Bindings } from './env';

/** One archived item: its type, then the item as it was accepted (userHash already dropped). */
export type ArchivedLine = { type: 'answer' | 'event' | 'display' } & Record<string, unknown>;

const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** The R2 prefix of a site's batch parts for one UTC day (the day the batch was received). */
export const archivePrefix = (siteId: string, day: string) => `sites/${siteId}/${day}/`;

/** The key of a site's one object for a day, once its parts are compacted: `sites/<site>/<day>.ndjson`. */
export const compactedKey = (siteId: string, day: string) => `sites/${siteId}/${day}.ndjson`;

/** A batch's items as NDJSON lines, answers, events, then displays. */
export function archiveLines(items: Items): string {
  const lines = [
    ...items.answers.map((a) => ({ type: 'answer', ...a })),
    ...items.events.map((e) => ({ type: 'event', ...e })),
    ...items.displays.map((d) => ({ type: 'display', ...d })),
  ];
  return lines.map((line) => `${JSON.stringify(line)}\n`).join('');
}

/**
 * Keeps a raw batch in the `ARCHIVE` bucket when one is bound: R2 has no append, so each batch is
 * one part under `sites/<site>/<day>/`, and once the day is over {@link compactArchive} merges a
 * day's parts into the site's one object for it. Nothing dropped by `events.store: 'metrics'`
 * is lost for a later replay (`heard replay`). Called after the response (waitUntil); a failure
 * is logged, never the request's.
 */
export async function archiveBatch(env: Pick<Bindings, 'ARCHIVE'>, siteId: string, items: Items, receivedAt: number) {
  if (!env.ARCHIVE) return;
  const body = archiveLines(items);
  if (body === '') return;
  const key = `${archivePrefix(siteId, dayOf(receivedAt))}${receivedAt}-${crypto.randomUUID()}.ndjson`;
  await env.ARCHIVE.put(key, body, { httpMetadata: { contentType: 'application/x-ndjson' } });
}

/** Every key (and size) under a prefix, in key order. */
async function listed(bucket: R2Bucket, prefix: string): Promise<R2Object[]> {
  const objects: R2Object[] = [];
  let cursor: string | undefined;
  do {
    const page = await bucket.list({ prefix, ...(cursor ? { cursor } : {}) });
    objects.push(...page.objects);
    cursor = page.truncated ? page.cursor : undefined;
  } while (cursor);
  return objects.sort((a, b) => (a.key < b.key ? -1 : 1));
}

/** The lines of a stream of NDJSON, one at a time, without the newline; blank lines skipped. */
async function* linesOf(body: ReadableStream<Uint8Array>): AsyncGenerator<string> {
  const reader = body.pipeThrough(new TextDecoderStream()).getReader();
  let rest = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    rest += value;
    const lines = rest.split('\n');
    rest = lines.pop() ?? '';
    for (const line of lines) if (line.trim() !== '') yield line;
  }
  if (rest.trim() !== '') yield rest;
}

/** What makes two archived lines the same item: its type and id (ingest is exactly-once by id). */
function itemKey(line: string): string {
  try {
    const parsed = JSON.parse(line) as { type?: unknown; id?: unknown };
    return `${String(parsed.type)}:${String(parsed.id)}`;
  } catch {
    return line;
  }
}

/**
 * Each item of a site's day once: the compacted object's lines first, then those of any parts not
 * compacted yet (received late, or left by a compaction that stopped before deleting them), in
 * key order (receive time). A line whose item came before is skipped.
 */
async function* dayLines(
  bucket: R2Bucket,
  siteId: string,
  day: string,
  parts: readonly R2Object[],
  counted = { lines: 0 },
) {
  const seen = new Set<string>();
  const sources = [compactedKey(siteId, day), ...parts.map((p) => p.key)];
  for (const key of sources) {
    const object = await bucket.get(key);
    if (!object) continue;
    for await (const line of linesOf(object.body)) {
      counted.lines += 1;
      const item = itemKey(line);
      if (seen.has(item)) continue;
      seen.add(item);
      yield line;
    }
  }
}

/** A site's archive of one day as one NDJSON stream, each item once; null when the day has nothing. */
export async function archivedDay(bucket: R2Bucket, siteId: string, day: string): Promise<ReadableStream | null> {
  const [parts, compacted] = await Promise.all([
    listed(bucket, archivePrefix(siteId, day)),
    bucket.head(compactedKey(siteId, day)),
  ]);
  if (parts.length === 0 && !compacted) return null;
  const lines = dayLines(bucket, siteId, day, parts);
  const encoder = new TextEncoder();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await lines.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(`${next.value}\n`));
    },
  });
}

/**
 * The most a day's parts may hold for one compaction: the merge keeps the day's item ids in
 * memory (a Worker has 128 MB). A site's day past it stays in parts, which replay reads all the same.
 */
export const COMPACT_MAX_BYTES = 48 * 1024 * 1024;
/** How long a compaction holds a site's day (archive_compactions). */
const COMPACT_LEASE_MS = 10 * 60_000;

/** What compacting one site's day did. */
export interface DayCompacted {
  site: string;
  day: string;
  /** Parts merged into the day's object and deleted. */
  parts: number;
  /** Lines in the day's object now. */
  lines: number;
  /** Lines read (the day's object and its parts) and left out because their item came before: a batch sent twice, or parts merged already. */
  duplicates: number;
  /** Why nothing was merged, when nothing was. */
  skipped?: 'leased' | 'too-large' | 'empty';
}

/**
 * Merges a site's parts of one day into its one object `sites/<site>/<day>.ndjson` (with what that
 * object held, when an earlier run made it), each item once, then deletes the parts merged. A
 * run that stops between the write and the deletes leaves parts whose items the object already
 * holds: the next run and every read skip them. The day's lease in the primary keeps two runs apart.
 */
export async function compactDay(env: Bindings, siteId: string, day: string, now = Date.now()): Promise<DayCompacted> {
  const bucket = env.ARCHIVE as R2Bucket;
  const result: DayCompacted = { site: siteId, day, parts: 0, lines: 0, duplicates: 0 };
  const claimed = await env.DB.prepare(
    `INSERT INTO archive_compactions (site_id, day, lease_until) VALUES (?1, ?2, ?3)
     ON CONFLICT (site_id, day) DO UPDATE SET lease_until = ?3 WHERE lease_until <= ?4 RETURNING 1 AS claimed`,
  )
    .bind(siteId, day, now + COMPACT_LEASE_MS, now)
    .first();
  if (!claimed) return { ...result, skipped: 'leased' };
  try {
    const parts = await listed(bucket, archivePrefix(siteId, day));
    if (parts.length === 0) return { ...result, skipped: 'empty' };
    const existing = await bucket.head(compactedKey(siteId, day));
    const bytes = parts.reduce((n, p) => n + p.size, existing?.size ?? 0);
    if (bytes > COMPACT_MAX_BYTES) return { ...result, skipped: 'too-large' };
    const lines: string[] = [];
    const counted = { lines: 0 };
    for await (const line of dayLines(bucket, siteId, day, parts, counted)) lines.push(line);
    await bucket.put(compactedKey(siteId, day), lines.map((line) => `${line}\n`).join(''), {
      httpMetadata: { contentType: 'application/x-ndjson' },
      customMetadata: { lines: String(lines.length) },
    });
    for (let i = 0; i < parts.length; i += 1000) await bucket.delete(parts.slice(i, i + 1000).map((p) => p.key));
    return { ...result, parts: parts.length, lines: lines.length, duplicates: counted.lines - lines.length };
  } finally {
    await env.DB.prepare('DELETE FROM archive_compactions WHERE site_id = ? AND day = ?').bind(siteId, day).run();
  }
}

/**
 * Compacts every site's days that are over (before `now`'s UTC day) and still hold parts, up to
 * `maxDays` of them per run (the hourly cron runs it; what is left waits for the next hour). A
 * site's folders under `sites/<site>/` are exactly its days with parts: a compacted day is an
 * object beside them, and its folder is gone once its parts are deleted.
 */
export async function compactArchive(env: Bindings, now = Date.now(), maxDays = 50): Promise<DayCompacted[]> {
  const bucket = env.ARCHIVE;
  if (!bucket) return [];
  const today = dayOf(now);
  const done: DayCompacted[] = [];
  const folders = async function* (prefix: string) {
    let cursor: string | undefined;
    do {
      const page = await bucket.list({ prefix, delimiter: '/', ...(cursor ? { cursor } : {}) });
      yield* page.delimitedPrefixes;
      cursor = page.truncated ? page.cursor : undefined;
    } while (cursor);
  };
  for await (const site of folders('sites/')) {
    const siteId = site.slice('sites/'.length, -1);
    for await (const folder of folders(site)) {
      const day = folder.slice(site.length, -1);
      if (!/^\d{4}-\d{2}-\d{2}$/.test(day) || day >= today) continue;
      done.push(await compactDay(env, siteId, day, now));
      if (done.length >= maxDays) return done;
    }
  }
  return done;
}
