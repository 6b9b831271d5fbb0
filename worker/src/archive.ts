import type { Items } from './db/collect';
import type { Bindings } from './env';

/** One archived item: its type, then the item as it was accepted (userHash already dropped). */
export type ArchivedLine = { type: 'answer' | 'event' | 'display' } & Record<string, unknown>;

const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** The R2 prefix of a site's archive for one UTC day (the day the batch was received). */
export const archivePrefix = (siteId: string, day: string) => `sites/${siteId}/${day}/`;

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
 * Keeps a raw batch in the `ARCHIVE` bucket when one is bound: one NDJSON object per batch under
 * `sites/<site>/<day>/`, so nothing dropped by `events.store: 'metrics'` is lost for a later
 * replay (`heard replay`). Called after the response (waitUntil); a failure is logged, never
 * the request's.
 */
export async function archiveBatch(env: Pick<Bindings, 'ARCHIVE'>, siteId: string, items: Items, receivedAt: number) {
  if (!env.ARCHIVE) return;
  const body = archiveLines(items);
  if (body === '') return;
  const key = `${archivePrefix(siteId, dayOf(receivedAt))}${receivedAt}-${crypto.randomUUID()}.ndjson`;
  await env.ARCHIVE.put(key, body, { httpMetadata: { contentType: 'application/x-ndjson' } });
}

/** A site's archive of one day, every batch's lines in key order (receive time), as one NDJSON stream. */
export async function archivedDay(bucket: R2Bucket, siteId: string, day: string): Promise<ReadableStream | null> {
  const keys: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await bucket.list({ prefix: archivePrefix(siteId, day), ...(cursor ? { cursor } : {}) });
    keys.push(...page.objects.map((o) => o.key));
    cursor = page.truncated ? page.cursor : undefined;
  } while (cursor);
  if (keys.length === 0) return null;
  keys.sort();
  const { readable, writable } = new TransformStream();
  (async () => {
    for (const key of keys) {
      const object = await bucket.get(key);
      if (object) await object.body.pipeTo(writable, { preventClose: true });
    }
    await writable.close();
  })().catch((error: unknown) => writable.abort(error));
  return readable;
}
