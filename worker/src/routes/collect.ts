import type { Rejected } from '@heard/core';
import { LIMITS, ZAnswer, ZCollectBatch, ZCollectEnvelope, ZCollectResult, ZDisplay, ZEvent } from '@heard/core';
import type { Context } from 'hono';
import type { ZodType } from 'zod';
import { alertLowAnswers, lowAnswers } from '../alerts';
import type { Expired } from '../db/collect';
import { oldestAccepted } from '../db/purge';
import { type WebhookRow, webhookRead } from '../db/webhooks';
import { ingest } from '../ingest';
import { issuesOf } from '../middleware/body';
import { capRejected, fail } from '../middleware/errors';
import { defineRoute } from '../route';

const TS_MESSAGE = 'ts must be at most 400 days old and at most 5 minutes ahead of the collector';
const RETENTION_MESSAGE = "ts must be inside the site's retention period and at most 5 minutes ahead of the collector";
const CONFLICT_MESSAGE =
  'an answer with this id is stored with another kind, score, scale, person or comment; a stored answer cannot be changed';

/** Valid items of one type, with each one's index in the request. */
interface Sorted<T> {
  items: T[];
  indices: number[];
}

/**
 * Checks each item on its own: valid ones are kept, invalid ones are reported by index
 * so the client can drop exactly those and never retry them.
 */
function sortItems<T extends { ts: number }>(
  type: Rejected['type'],
  items: unknown[],
  schema: ZodType<T>,
  now: number,
  oldest: number,
  rejected: Rejected[],
): Sorted<T> {
  const valid: Sorted<T> = { items: [], indices: [] };
  items.forEach((raw, index) => {
    const result = schema.safeParse(raw);
    if (result.success && result.data.ts >= oldest && result.data.ts <= now + LIMITS.futureMs) {
      valid.items.push(result.data);
      valid.indices.push(index);
      return;
    }
    const id = typeof (raw as { id?: unknown })?.id === 'string' ? (raw as { id: string }).id : undefined;
    const base = { type, index, ...(id ? { id } : {}) };
    if (!result.success) rejected.push({ ...base, issues: issuesOf(result.error) });
    else {
      const message = oldest > now - LIMITS.pastMs ? RETENTION_MESSAGE : TS_MESSAGE;
      rejected.push({ ...base, issues: [{ path: 'ts', message }] });
    }
  });
  return valid;
}

const TYPE_ORDER: Record<Rejected['type'], number> = { answer: 0, event: 1, display: 2 };

/** Runs work after the response is sent (ctx.waitUntil), logging rather than failing the request. */
function afterResponse(c: Context, work: Promise<unknown>) {
  const guarded = work.catch((error: unknown) => console.error('after collect:', error));
  try {
    c.executionCtx.waitUntil(guarded);
  } catch {
    // No execution context (app.request in unit tests): the work still runs, unawaited.
  }
}

/**
 * `POST /v1/collect` (public key in the body). Accepts `text/plain` JSON so browsers send
 * it as a CORS simple request, without a preflight; only the site's allowed origins may read
 * the answer (see siteCors).
 */
export const collect = [
  defineRoute(
    {
      method: 'post',
      path: '/v1/collect',
      operationId: 'collect',
      tag: 'ingest',
      summary: 'Store a batch of answers, events and displays from a page (public key in the body)',
      description:
        'Every item has a client-made UUID id; re-sending it is a no-op (counted in duplicates). Invalid items are listed in rejected by index, so a client drops exactly those; a batch with no valid item is a 400 whose error carries rejected. Pages send the JSON as text/plain, a CORS simple request; preflights are refused.',
      auth: 'public',
      cors: 'site',
      body: {
        schema: ZCollectEnvelope,
        name: 'batch',
        documented: ZCollectBatch,
        types: ['application/json', 'text/plain'],
      },
      response: {
        status: 200,
        schema: ZCollectResult,
        description: 'how many items were stored, how many were already stored, and which were refused',
      },
    },
    async (c, { body: envelope }) => {
      const site = c.var.site;
      const now = Date.now();
      const oldest = oldestAccepted(site.settings, now, LIMITS.pastMs);
      const rejected: Rejected[] = [];
      const answers = sortItems('answer', envelope.answers, ZAnswer, now, oldest, rejected);
      const events = sortItems('event', envelope.events, ZEvent, now, oldest, rejected);
      const displays = sortItems('display', envelope.displays, ZDisplay, now, oldest, rejected);
      const items = { answers: answers.items, events: events.items, displays: displays.items };
      const valid = answers.items.length + events.items.length + displays.items.length;
      if (rejected.length > 0 && valid === 0) fail(400, 'no item in the batch is valid', { rejected });

      // Low answers alert the site's webhook: read it in the same round trip as the write.
      const low = lowAnswers(items.answers).length > 0;
      const { result, alongside } = await ingest(
        c.env,
        site.id,
        items,
        now,
        low ? [webhookRead(c.env.DB, site.id)] : [],
      );
      // The site's settings may have changed since this isolate read them: the write itself
      // refuses items older than the retention period as the database has it now. A re-sent
      // answer id that disagrees with the stored answer changed nothing and is refused too.
      if (result.expired || result.conflicts) {
        const sorted = { answer: answers, event: events, display: displays };
        const refuse = (list: Expired[] | undefined, issue: { path: string; message: string }) => {
          for (const { type, position } of list ?? []) {
            const index = sorted[type].indices[position] as number;
            const id = sorted[type].items[position]?.id;
            rejected.push({ type, index, ...(id ? { id } : {}), issues: [issue] });
          }
        };
        refuse(result.expired, { path: 'ts', message: RETENTION_MESSAGE });
        refuse(result.conflicts, { path: 'id', message: CONFLICT_MESSAGE });
        rejected.sort((a, b) => TYPE_ORDER[a.type] - TYPE_ORDER[b.type] || a.index - b.index);
        if (result.accepted + result.duplicates === 0) fail(400, 'no item in the batch is valid', { rejected });
      }
      if (low && alongside) {
        // Written directly, the webhook came back with the write (null: none is set). Queued, the
        // consumer alerts once it has stored the answers.
        const webhook = (alongside[0]?.results[0] as WebhookRow | undefined) ?? null;
        if (webhook !== null) afterResponse(c, alertLowAnswers(c.env, site, items.answers, undefined, webhook));
      }
      const { accepted, duplicates, queued } = result;
      return c.json({ accepted, duplicates, rejected: capRejected(rejected), ...(queued ? { queued } : {}) });
    },
  ),
];
