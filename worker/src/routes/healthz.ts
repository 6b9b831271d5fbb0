import { z } from 'zod';
import { defineRoute } from '../route';

/** `GET /healthz`: the Worker answers. */
export const healthz = [
  defineRoute(
    {
      method: 'get',
      path: '/healthz',
      operationId: 'getHealthz',
      tag: 'meta',
      summary: 'Liveness',
      auth: 'none',
      response: { status: 200, schema: z.object({ ok: z.literal(true) }), description: 'the Worker answers' },
    },
    (c) => c.json({ ok: true as const }),
  ),
];
