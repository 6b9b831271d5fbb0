import { LIMITS } from '@heard/core';
import type { Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { ZodType, z } from 'zod';
import { fail } from './errors';

/** The 413 every route answers for a body past its limit. */
export const tooLarge = (maxBytes: number): never => fail(413, `the body may be at most ${maxBytes} bytes`);

/**
 * Hono's `bodyLimit` with Heard's 413: a larger declared Content-Length is refused before
 * reading, and a body without one (chunked) is counted as it streams.
 */
export const limitBody = (maxBytes: number = LIMITS.bodyBytes) =>
  bodyLimit({ maxSize: maxBytes, onError: () => tooLarge(maxBytes) });

/**
 * Reads a JSON body of any content type (the widget sends `text/plain` to stay a CORS
 * simple request). Routes read it behind {@link limitBody}, which bounds what arrives; the
 * length is checked again here for callers without it.
 */
export async function readJson(c: Context, maxBytes: number = LIMITS.bodyBytes): Promise<unknown> {
  const text = await readText(c, maxBytes);
  try {
    return JSON.parse(text);
  } catch {
    fail(400, 'the body is not valid JSON');
  }
}

/** The media type of an HTML form's body. */
export const FORM_TYPE = 'application/x-www-form-urlencoded';

/**
 * Reads a JSON body, or an HTML form's fields as an object of strings when the request is a
 * form post and `types` accepts forms (a page's form, which works without JavaScript).
 */
export async function readBody(c: Context, maxBytes: number, types: readonly string[] = []): Promise<unknown> {
  const isForm = (c.req.header('Content-Type') ?? '').toLowerCase().startsWith(FORM_TYPE);
  if (!isForm || !types.includes(FORM_TYPE)) return readJson(c, maxBytes);
  return Object.fromEntries(new URLSearchParams(await readText(c, maxBytes)));
}

/**
 * Reads a body as UTF-8 text, at most `maxBytes` (as {@link readJson}); for routes that verify a
 * signature over the raw body.
 */
export async function readText(c: Context, maxBytes: number = LIMITS.bodyBytes): Promise<string> {
  if (Number(c.req.header('Content-Length') ?? 0) > maxBytes) tooLarge(maxBytes);
  if (!c.req.raw.body) fail(400, 'the body is empty; send JSON');
  const bytes = await c.req.arrayBuffer();
  if (bytes.byteLength > maxBytes) tooLarge(maxBytes);
  try {
    return utf8.decode(bytes);
  } catch {
    fail(400, 'the body is not valid UTF-8');
  }
}

// Stateless between calls (never used with `stream: true`), so one serves every request.
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/** `{ path, message }` for each zod issue. */
export function issuesOf(error: { issues: readonly { path: readonly PropertyKey[]; message: string }[] }) {
  return error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message }));
}

/** Parses a value with a schema or answers 400 in the shared shape. */
export function parseOr400<T extends ZodType>(schema: T, value: unknown, what: string): z.infer<T> {
  const result = schema.safeParse(value);
  if (!result.success) fail(400, `invalid ${what}`, { issues: issuesOf(result.error) });
  return result.data;
}
