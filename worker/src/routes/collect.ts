import type { Rejected } from '@heard/core';
import { LIMITS, ZAnswer, ZCollectEnvelope, ZDisplay, ZEvent } from '@heard/core';
import { type Context, Hono } from 'hono';
import type { ZodType } from 'zod';
import { alertLowAnswers } from '../alerts';
import { oldestAccepted } from '../db/retention';
import { originAllowed, siteByPublicKey } from '../db/sites';
import type { AppEnv } from '../env';
import { ingest } from '../ingest';
import { issuesOf, parseOr400, readJson } from '../middleware/body';
import { fail } from '../middleware/errors';
import { siteCors } from '../middleware/origin';
import { limitBySite } from '../middleware/ratelimit';

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
): T[] {
  const valid: T[] = [];
  items.forEach((raw, index) => {
    const result = schema.safeParse(raw);
    const id = typeof (raw as { id?: unknown })?.id === 'string' ? (raw as { id: string }).id : undefined;
    const base = { type, index, ...(id ? { id } : {}) };
    if (!result.success) {
      rejected.push({ ...base, issues: issuesOf(result.error) });
    } else if (result.data.ts < oldest || result.data.ts > now + LIMITS.futureMs) {
      const message =
        oldest > now - LIMITS.pastMs
          ? "ts must be inside the site's retention period and at most 5 minutes ahead of the collector"
          : 'ts must be at most 400 days old and at most 5 minutes ahead of the collector';
      rejected.push({ ...base, issues: [{ path: 'ts', message }] });
    } else {
      valid.push(result.data);
    }
  });
  return valid;
}

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
    const site = await siteByPublicKey(c.env.DB, envelope.site);
    if (!site) fail(401, 'the public key is not valid');
    const origin = c.req.header('Origin');
    if (origin && !originAllowed(site, origin)) fail(403, `origin ${origin} is not allowed for this site`);
    c.set('site', site);
    await limitBySite(c, site.id);

    const now = Date.now();
    const oldest = oldestAccepted(site.settings, now, LIMITS.pastMs);
    const rejected: Rejected[] = [];
    const items = {
      answers: sortItems('answer', envelope.answers, ZAnswer, now, oldest, rejected),
      events: sortItems('event', envelope.events, ZEvent, now, oldest, rejected),
      displays: sortItems('display', envelope.displays, ZDisplay, now, oldest, rejected),
    };
    if (rejected.length > 0 && items.answers.length + items.events.length + items.displays.length === 0) {
      fail(400, 'no item in the batch is valid', { rejected });
    }
    const stored = await ingest(c.env, site.id, items, now);
    if (items.answers.length > 0) afterResponse(c, alertLowAnswers(c.env.DB, site, items.answers));
    return c.json({ ...stored, rejected });
  });
