import { SERVER_LIMITS } from '@heard/core/constants';

/** What one replay did: items read, and what `POST /v1/batch` said of them. */
export interface ReplaySummary {
  items: number;
  batches: number;
  accepted: number;
  duplicates: number;
  rejected: number;
}

type Line = { type: 'answer' | 'event' | 'display' } & Record<string, unknown>;
const LISTS = { answer: 'answers', event: 'events', display: 'displays' } as const;
// Under the batch route's 1 MiB body cap, with room for the envelope.
const BODY_BYTES = 900 * 1024;

/**
 * Re-ingests archived NDJSON (what `GET /v1/archive/{day}` serves) through `POST /v1/batch`, in
 * bodies of at most 1,000 items. Exactly once by item id, so a replay of what is already stored
 * only counts duplicates; events the site does not store raw are counted again only if their
 * ids were never seen.
 * @example await replayArchive(await readFile('2026-11-30.ndjson', 'utf8'), { endpoint, secretKey })
 */
export async function replayArchive(
  ndjson: string,
  options: { endpoint: string; secretKey: string; fetch?: typeof fetch },
): Promise<ReplaySummary> {
  const send = options.fetch ?? fetch;
  const summary: ReplaySummary = { items: 0, batches: 0, accepted: 0, duplicates: 0, rejected: 0 };
  let body: Record<string, unknown[]> = { answers: [], events: [], displays: [] };
  let count = 0;
  let bytes = 0;
  const flush = async () => {
    if (count === 0) return;
    const response = await send(`${options.endpoint.replace(/\/+$/, '')}/v1/batch`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${options.secretKey}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
    const result = (await response.json()) as {
      accepted?: number;
      duplicates?: number;
      rejected?: unknown[];
      error?: { message: string; rejected?: unknown[] };
    };
    if (!response.ok && !result.error?.rejected)
      throw new Error(`POST /v1/batch: ${response.status} ${result.error?.message}`);
    summary.batches += 1;
    summary.accepted += result.accepted ?? 0;
    summary.duplicates += result.duplicates ?? 0;
    summary.rejected += (result.rejected ?? result.error?.rejected ?? []).length;
    body = { answers: [], events: [], displays: [] };
    count = 0;
    bytes = 0;
  };
  for (const text of ndjson.split('\n')) {
    if (text.trim() === '') continue;
    const { type, ...item } = JSON.parse(text) as Line;
    const list = LISTS[type];
    if (!list) continue;
    const size = text.length + 1;
    if (count >= SERVER_LIMITS.itemsPerBatch || bytes + size > BODY_BYTES) await flush();
    (body[list] as unknown[]).push(item);
    count += 1;
    bytes += size;
    summary.items += 1;
  }
  await flush();
  return summary;
}

/** A site's archive of one day, from the collector (`GET /v1/archive/{day}`). */
export async function fetchArchive(
  day: string,
  options: { endpoint: string; secretKey: string; fetch?: typeof fetch },
) {
  const send = options.fetch ?? fetch;
  const response = await send(`${options.endpoint.replace(/\/+$/, '')}/v1/archive/${day}`, {
    headers: { Authorization: `Bearer ${options.secretKey}` },
  });
  if (!response.ok) throw new Error(`GET /v1/archive/${day}: ${response.status} ${await response.text()}`);
  return response.text();
}
