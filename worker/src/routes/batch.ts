import { SERVER_LIMITS, ZBatchBody, ZCollectResult } from '@heard/core';
import { z } from 'zod';
import { archiveBatch } from '../archive';
import { batchItems, failWhenNoneValid, sortItems, storeSorted } from '../intake';
import { capRejected } from '../middleware/errors';
import { defineRoute } from '../route';
import { SERVER_DOOR } from '../trust';
import { afterResponse } from './collect';

/**
 * `POST /v1/batch` (secret key): the server-side door. The same checks and the same
 * exactly-once write as collect, with server caps, no origin check, and trusted events.
 */
export const batch = [
  defineRoute(
    {
      method: 'post',
      path: '/v1/batch',
      operationId: 'batch',
      tag: 'ingest',
      summary: 'Store answers, events and displays from a backend or an import (secret key)',
      description:
        "Collect's body without site, or Segment's HTTP Tracking API batch ({ batch: [track | identify calls] }, messageId as the item id). " +
        `At most ${SERVER_LIMITS.itemsPerBatch} items and ${SERVER_LIMITS.bodyBytes} bytes; ts up to 5 years old; trusted events allowed. ` +
        'Exactly once by item id: a re-sent id counts in duplicates. Invalid items are listed in rejected by index.',
      auth: 'secret',
      // Either shape is told apart and checked item by item in intake.ts.
      body: { schema: z.unknown(), name: 'batch', documented: ZBatchBody, maxBytes: SERVER_LIMITS.bodyBytes },
      response: {
        status: 200,
        schema: ZCollectResult,
        description: 'how many items were stored, how many were already stored, and which were refused',
      },
    },
    async (c, { body }) => {
      const now = Date.now();
      const { raw, indices, rejected } = await batchItems(body, now);
      const sorted = sortItems(c.var.site, raw, SERVER_DOOR, now, indices, rejected);
      failWhenNoneValid(sorted);
      const stored = await storeSorted(c.env, c.var.site, sorted, now);
      if (c.env.ARCHIVE) afterResponse(c, archiveBatch(c.env, c.var.site.id, sorted.items, now));
      const { accepted, duplicates, queued } = stored.result;
      return c.json({ accepted, duplicates, rejected: capRejected(stored.rejected), ...(queued ? { queued } : {}) });
    },
  ),
];
