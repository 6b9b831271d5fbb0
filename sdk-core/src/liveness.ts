import { z } from 'zod';

/** The answer of `GET /healthz`: the collector is up (it does not touch the database). */
export const ZLiveness = z.object({ ok: z.literal(true) });
export type Liveness = z.infer<typeof ZLiveness>;
