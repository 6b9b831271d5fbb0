import type { ApiError } from '@heard/core';
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

const codes: Record<number, string> = {
  400: 'bad_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  409: 'conflict',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  429: 'rate_limited',
  503: 'not_configured',
};

/** Builds the one error body every route returns. */
export function errorBody(status: number, message: string, extra: FailExtra = {}): ApiError {
  const { issues, rejected } = extra;
  return {
    error: {
      code: codes[status] ?? 'error',
      message,
      ...(issues ? { issues } : {}),
      ...(rejected ? { rejected } : {}),
    },
  };
}

interface FailExtra {
  issues?: ApiError['error']['issues'];
  rejected?: ApiError['error']['rejected'];
  headers?: Record<string, string>;
}

/** Throws an HTTP error that `onError` turns into the shared shape. */
export function fail(status: ContentfulStatusCode, message: string, extra: FailExtra = {}): never {
  throw new HTTPException(status, { message, cause: extra });
}

/** `app.onError`: client errors keep their status; anything else is logged and hidden. */
export function onError(err: Error, c: Context): Response {
  if (err instanceof HTTPException) {
    const status = err.status as ContentfulStatusCode;
    const extra = (err.cause ?? {}) as FailExtra;
    return c.json(errorBody(status, err.message || codes[status] || 'error', extra), status, extra.headers);
  }
  console.error(err);
  return c.json({ error: { code: 'internal', message: 'internal error' } }, 500);
}

/** `app.notFound`. */
export function notFound(c: Context): Response {
  return c.json(errorBody(404, `no route for ${c.req.method} ${new URL(c.req.url).pathname}`), 404);
}
