import { ZReportDay } from '@heard/core';
import { z } from 'zod';
import { archivedDay } from '../archive';
import { fail } from '../middleware/errors';
import { defineRoute } from '../route';

/**
 * `GET /v1/archive/{day}` (secret key): the site's raw batches of one UTC day from the `ARCHIVE`
 * bucket, as NDJSON (`{ "type": "answer" | "event" | "display", …item }` per line), for
 * `heard replay`, which posts them back through `POST /v1/batch`.
 */
export const archive = [
  defineRoute(
    {
      method: 'get',
      path: '/v1/archive/{day}',
      operationId: 'getArchive',
      tag: 'ingest',
      summary: "One day of the site's raw batches from the R2 archive, as NDJSON",
      description:
        'Every valid item collect and batch took in on that UTC day (also the events settings.events.store did not store raw), one JSON object per line with its type. 404 when the collector has no ARCHIVE bucket or the day has no batch.',
      auth: 'secret',
      params: z.object({ day: ZReportDay.describe('the UTC day the batches were received') }),
      errors: [404],
      response: { status: 200, types: ['application/x-ndjson'], description: 'the day’s items, one per line' },
    },
    async (c, { params }) => {
      if (!c.env.ARCHIVE) fail(404, 'this collector keeps no archive (no ARCHIVE bucket is bound)');
      const stream = await archivedDay(c.env.ARCHIVE, c.var.site.id, params.day);
      if (!stream) fail(404, `no batch was archived on ${params.day}`);
      return new Response(stream, { headers: { 'Content-Type': 'application/x-ndjson' } });
    },
  ),
];
