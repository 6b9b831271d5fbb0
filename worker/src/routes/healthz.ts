import { type Liveness, ZLiveness } from '@heard/core';
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
      response: { status: 200, schema: ZLiveness, description: 'the Worker answers' },
    },
    (c) => c.json({ ok: true } satisfies Liveness),
  ),
];
