import type { Liveness } from '@heard/core';
import { Hono } from 'hono';
import type { AppEnv } from '../env';

/** `GET /healthz`. */
export const health = new Hono<AppEnv>().get('/', (c) => c.json({ ok: true } satisfies Liveness));
