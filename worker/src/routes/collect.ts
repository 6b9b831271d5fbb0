import { ZCollectBatch, ZCollectEnvelope, ZCollectResult } from '@heard/core';
import type { Context } from 'hono';
import { archiveBatch } from '../archive';
import { dbFor } from '../db/site';
import { webhookFrom, webhookRead } from '../db/webhook';
import { failWhenNoneValid, sortItems, storeSorted } from '../intake';
import { capRejected } from '../middleware/errors';
import { defineRoute } from '../route';
import { publicDoor } from '../trust';
import { sitesWithoutWebhook } from '../webhookCache';
import { alertAnswers } from '../webhookDelivery';

/** Runs work after the response is sent (ctx.waitUntil), logging rather than failing the request. */
export function afterResponse(c: Context, work: Promise<unknown>) {
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
      const sorted = sortItems(site, envelope, await publicDoor(c.env, site, envelope), now);
      failWhenNoneValid(sorted);
      const { items } = sorted;
      // Answers may alert the site's webhook (which ones, its `send` says): read it in the
      // same round trip as the write, unless this isolate saw lately that the site has none.
      const known = sitesWithoutWebhook.check(site.id);
      const readWebhook = items.answers.length > 0 && known.read;
      const { result, rejected, alongside } = await storeSorted(
        c.env,
        site,
        sorted,
        now,
        readWebhook ? [webhookRead(dbFor(c.env, c.var.site), site.id)] : [],
      );
      if (readWebhook && alongside) {
        // Written directly, the webhook came back with the write (null: none is set). Queued, the
        // consumer alerts once it has stored the answers.
        const webhook = webhookFrom(alongside[0]?.results[0]);
        sitesWithoutWebhook.saw(site.id, webhook, known.generation);
        if (webhook !== null) afterResponse(c, alertAnswers(c.env, site, items.answers, undefined, webhook));
      }
      // The raw batch, for a later replay: kept whatever events.store drops.
      if (c.env.ARCHIVE) afterResponse(c, archiveBatch(c.env, site.id, items, now));
      const { accepted, duplicates, queued } = result;
      return c.json({ accepted, duplicates, rejected: capRejected(rejected), ...(queued ? { queued } : {}) });
    },
  ),
];
