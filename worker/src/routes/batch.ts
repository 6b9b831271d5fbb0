import { SERVER_LIMITS, ZBatchBody, ZCollectResult } from '@heard/core';
import { Hono } from 'hono';
import type { AppEnv } from '../env';
import { batchItems, failWhenNoneValid, sortItems, storeSorted } from '../intake';
import { requireSecretKey } from '../middleware/auth';
import { readJson } from '../middleware/body';
import { describeRoute } from '../openapi';
import { SERVER_DOOR } from '../trust';

describeRoute({
  method: 'post',
  path: '/v1/batch',
  summary: 'Store answers, events and displays from a backend or an import (secret key)',
  description:
    "Collect's body without site, or Segment's HTTP Tracking API batch ({ batch: [track | identify calls] }, messageId as the item id). " +
    `At most ${SERVER_LIMITS.itemsPerBatch} items and ${SERVER_LIMITS.bodyBytes} bytes; ts up to 5 years old; trusted events allowed. ` +
    'Exactly once by item id: a re-sent id counts in duplicates. Invalid items are listed in rejected by index.',
  auth: 'secret',
  body: ZBatchBody,
  response: ZCollectResult,
});

/**
 * `POST /v1/batch` (secret key): the server-side door. The same checks and the same
 * exactly-once write as collect, with server caps, no origin check, and trusted events.
 */
export const batch = new Hono<AppEnv>().use(requireSecretKey).post('/', async (c) => {
  const now = Date.now();
  const { raw, indices, rejected } = await batchItems(await readJson(c, SERVER_LIMITS.bodyBytes), now);
  const sorted = sortItems(c.var.site, raw, SERVER_DOOR, now, indices, rejected);
  failWhenNoneValid(sorted);
  const stored = await storeSorted(c.env, c.var.site.id, sorted, now);
  const { accepted, duplicates, queued } = stored.result;
  return c.json({ accepted, duplicates, rejected: stored.rejected, ...(queued ? { queued } : {}) });
});
