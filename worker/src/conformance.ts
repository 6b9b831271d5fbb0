import { ZError } from '@heard/core';
import type { z } from 'zod';
import type { ErrorStatus, RouteSpec } from './routeSpec';

/** Statuses every route of a kind can answer, whatever it declares. */
export function errorStatuses(spec: RouteSpec): ErrorStatus[] {
  const statuses = new Set<ErrorStatus>(spec.errors ?? []);
  if (spec.auth !== 'none') statuses.add(401).add(429);
  if (spec.auth === 'public') statuses.add(403);
  if (spec.query || spec.body || spec.params || spec.auth === 'public') statuses.add(400);
  if (spec.body) statuses.add(413);
  return [...statuses].sort((a, b) => a - b);
}

/** Every answer a test sent that its route's document did not allow, with why (tests read it). */
export const responseProblems: string[] = [];
/** How many answers were checked against their route's document. */
export const responseChecks = { count: 0 };

/**
 * Holds a real answer against what the route documents: a documented status, and a body
 * its schema parses to the very same JSON (so a field the schema lacks is caught, not stripped).
 */
export async function checkResponse(spec: RouteSpec, response: Response): Promise<void> {
  responseChecks.count++;
  const where = `${spec.method.toUpperCase()} ${spec.path} ${response.status}`;
  const ok = response.status === spec.response.status || String(response.status) in (spec.response.also ?? {});
  if (!ok) {
    responseProblems.push(`${where}: status not documented`);
    return;
  }
  const schema = response.status === spec.response.status ? spec.response.schema : undefined;
  if (!schema) return;
  const type = response.headers.get('Content-Type') ?? '';
  if (!type.startsWith('application/json')) {
    responseProblems.push(`${where}: documented as JSON, sent ${type}`);
    return;
  }
  const body = await response.clone().json();
  matches(where, schema, body);
}

/** Records a problem unless `schema` parses `body` to the same JSON. */
export function matches(where: string, schema: z.ZodType, body: unknown): void {
  const problem = mismatch(schema, body);
  if (problem) responseProblems.push(`${where}: ${problem}`);
}

/**
 * Why `body` is not exactly what `schema` describes (a failed parse, or fields the schema
 * would drop), or undefined when it is.
 */
export function mismatch(schema: z.ZodType, body: unknown): string | undefined {
  const result = schema.safeParse(body);
  if (!result.success) return `does not match its schema: ${JSON.stringify(result.error.issues.slice(0, 3))}`;
  if (canonical(result.data) !== canonical(body)) {
    return `fields the schema does not describe in ${JSON.stringify(body).slice(0, 300)}`;
  }
  return undefined;
}

/** JSON with every object's keys sorted, so two values compare by content alone. */
const canonical = (value: unknown): string =>
  JSON.stringify(value, (_, v) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );

/** Checks an error answer against the shared error schema and the statuses its route documents. */
export function checkError(spec: RouteSpec | undefined, status: number, body: unknown): void {
  responseChecks.count++;
  const where = `${spec ? `${spec.method.toUpperCase()} ${spec.path}` : 'unrouted'} ${status}`;
  if (spec && !errorStatuses(spec).includes(status as ErrorStatus)) {
    responseProblems.push(`${where}: status not documented`);
  }
  matches(where, ZError, body);
}
