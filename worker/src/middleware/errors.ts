import type { ApiError, Issue, Rejected } from '@heard/core';
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { checkError } from '../conformance';
import type { AppEnv } from '../env';

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

/** Characters of a message, a path, or a request's own text an error body repeats. */
export const ERROR_TEXT_CHARS = 200;
const ISSUES_PER_ITEM = 5;
const ITEMS_WITH_ALL_ISSUES = 20;

const cut = (text: string, chars = ERROR_TEXT_CHARS) => (text.length > chars ? `${text.slice(0, chars - 1)}…` : text);
const capIssues = (issues: Issue[], max: number, chars: number) =>
  issues.slice(0, max).map((issue) => ({ path: cut(issue.path, chars), message: cut(issue.message, chars) }));

/**
 * A rejected list with what it repeats capped, so a small request cannot make a large answer:
 * every refused item keeps its type, index and id; the first 20 keep up to 5 issues (paths and
 * messages cut to 200 characters), the rest their first (cut to 60).
 */
export function capRejected(rejected: readonly Rejected[]): Rejected[] {
  return rejected.map((item, i) => ({
    ...item,
    ...(item.id !== undefined ? { id: cut(item.id) } : {}),
    issues:
      i < ITEMS_WITH_ALL_ISSUES
        ? capIssues(item.issues, ISSUES_PER_ITEM, ERROR_TEXT_CHARS)
        : capIssues(item.issues, 1, 60),
  }));
}

/** Builds the one error body every route returns; messages and issues are capped (see {@link capRejected}). */
export function errorBody(status: number, message: string, extra: FailExtra = {}): ApiError {
  const { issues, rejected } = extra;
  return {
    error: {
      code: codes[status] ?? 'error',
      message: cut(message, 300),
      ...(issues ? { issues: capIssues(issues, 20, ERROR_TEXT_CHARS) } : {}),
      ...(rejected ? { rejected: capRejected(rejected) } : {}),
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
export function onError(err: Error, c: Context<AppEnv>): Response {
  if (err instanceof HTTPException) {
    const status = err.status as ContentfulStatusCode;
    const extra = (err.cause ?? {}) as FailExtra;
    const body = errorBody(status, err.message || codes[status] || 'error', extra);
    if (c.env?.HEARD_CHECK_RESPONSES) checkError(c.get('route'), status, body);
    return c.json(body, status, extra.headers);
  }
  console.error(err);
  return c.json({ error: { code: 'internal', message: 'internal error' } }, 500);
}

/** `app.notFound`. */
export function notFound(c: Context): Response {
  return c.json(errorBody(404, `no route for ${c.req.method} ${new URL(c.req.url).pathname}`), 404);
}
