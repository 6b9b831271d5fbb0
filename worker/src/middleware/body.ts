import { LIMITS } from '@heard/core';
import type { Context } from 'hono';
import type { ZodType, z } from 'zod';
import { fail } from './errors';

/**
 * Reads a JSON body of any content type (the widget sends `text/plain` to stay a CORS
 * simple request), counting bytes as they stream rather than trusting Content-Length.
 */
export async function readJson(c: Context, maxBytes: number = LIMITS.bodyBytes): Promise<unknown> {
  const declared = Number(c.req.header('Content-Length') ?? 0);
  if (declared > maxBytes) fail(413, `the body may be at most ${maxBytes} bytes`);
  const body = c.req.raw.body;
  if (!body) fail(400, 'the body is empty; send JSON');
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
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    fail(400, 'the body is not valid UTF-8');
  }
  try {
    return JSON.parse(text);
  } catch {
    fail(400, 'the body is not valid JSON');
  }
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
