import { LIMITS } from '@heard/core';
import type { Context } from 'hono';
import type { ZodType, z } from 'zod';
import { fail } from './errors';

/**
 * Reads a JSON body of any content type (the widget sends `text/plain` to stay a CORS
 * simple request), at most `maxBytes`: a larger declared Content-Length is refused before
 * reading, and a body without one (chunked) is counted as it streams.
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

/** The body as UTF-8 text, at most `maxBytes` (see {@link readJson}). */
async function readText(c: Context, maxBytes: number): Promise<string> {
  const header = c.req.header('Content-Length');
  const declared = Number(header ?? 0);
  if (declared > maxBytes) fail(413, `the body may be at most ${maxBytes} bytes`);
  const body = c.req.raw.body;
  if (!body) fail(400, 'the body is empty; send JSON');
  // A declared length frames the body (the runtime reads exactly that many bytes): read it at
  // once. Without one (chunked), count the bytes as they arrive.
  const bytes =
    header !== undefined && Number.isInteger(declared) ? await c.req.raw.arrayBuffer() : await stream(body, maxBytes);
  if (bytes.byteLength > maxBytes) fail(413, `the body may be at most ${maxBytes} bytes`);
  try {
    return utf8.decode(bytes);
  } catch {
    fail(400, 'the body is not valid UTF-8');
  }
}

// Stateless between calls (never used with `stream: true`), so one serves every request.
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

async function stream(body: ReadableStream<Uint8Array>, maxBytes: number): Promise<Uint8Array> {
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      fail(413, `the body may be at most ${maxBytes} bytes`);
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

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
