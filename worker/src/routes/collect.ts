import { ZCollectEnvelope } from '@heard/core';
import { type Context, Hono } from 'hono';
import { alertLowAnswers, lowAnswers } from '../alerts';
import { originAllowed } from '../db/sites';
import { type WebhookRow, webhookRead } from '../db/webhooks';
import type { AppEnv } from '../env';
import { failWhenNoneValid, sortItems, storeSorted } from '../intake';
import { parseOr400, readJson } from '../middleware/body';
import { fail } from '../middleware/errors';
import { siteCors } from '../middleware/origin';
import { limitBySite } from '../middleware/ratelimit';
import { publicKeys } from '../siteCache';
import { publicDoor } from '../trust';

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
export const collect = new Hono<AppEnv>()
  // Only the site's allowed origins may read the answer; preflights are refused.
  .use(siteCors)
  .post('/', async (c) => {
    const envelope = parseOr400(ZCollectEnvelope, await readJson(c), 'batch');
    if (envelope.site.startsWith('sk_'))
      fail(401, 'never send a secret key from a page; collect takes the public key (pk_…)');
    const site = await publicKeys.get(c.env.DB, envelope.site);
    if (!site) fail(401, 'the public key is not valid');
    const origin = c.req.header('Origin');
    if (origin && !originAllowed(site, origin)) fail(403, `origin ${origin} is not allowed for this site`);
    c.set('site', site);
    await limitBySite(c, site.id);

    const now = Date.now();
    const sorted = sortItems(site, envelope, await publicDoor(c.env, site, envelope), now);
    failWhenNoneValid(sorted);
    const { items } = sorted;
    // Low answers alert the site's webhook: read it in the same round trip as the write.
    const low = lowAnswers(items.answers).length > 0;
    const { result, rejected, alongside } = await storeSorted(
      c.env,
      site.id,
      sorted,
      now,
      low ? [webhookRead(c.env.DB, site.id)] : [],
    );
    if (low && alongside) {
      // Written directly, the webhook came back with the write (null: none is set). Queued, the
      // consumer alerts once it has stored the answers.
      const webhook = (alongside[0]?.results[0] as WebhookRow | undefined) ?? null;
      if (webhook !== null) afterResponse(c, alertLowAnswers(c.env.DB, site, items.answers, undefined, webhook));
    }
    const { accepted, duplicates, queued } = result;
    return c.json({ accepted, duplicates, rejected, ...(queued ? { queued } : {}) });
  });
