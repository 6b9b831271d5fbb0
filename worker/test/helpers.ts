import { env, SELF } from 'cloudflare:test';
import { type SiteCreated, ZSiteCreated } from '@heard/core';
import type { z } from 'zod';
import { mismatch } from '../src/conformance';

export const ADMIN = 'test-admin-token';
export const ORIGIN = 'https://app.example.com';

/** Sends a request through the Worker's real fetch. */
export function call(path: string, init: RequestInit = {}): Promise<Response> {
  return SELF.fetch(`https://collector.test${path}`, init);
}

/** Makes a site store every event raw (`settings.events.store = 'all'`), as sites made before 0071 do. */
export async function storeAllEvents(secretKey: string): Promise<void> {
  const response = await call('/v1/settings', {
    method: 'PATCH',
    headers: { Authorization: `Bearer ${secretKey}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ events: { store: 'all' } }),
  });
  if (response.status !== 200) throw new Error(`settings: ${response.status} ${await response.text()}`);
}

/** Creates a site through the API, as an operator would; the answer must match its schema. */
export async function newSite(name = 'Acme', origins: string[] = [ORIGIN]): Promise<SiteCreated> {
  const response = await call('/v1/sites', {
    method: 'POST',
    headers: { Authorization: `Bearer ${ADMIN}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ name, origins }),
  });
  if (response.status !== 201) throw new Error(`site: ${response.status} ${await response.text()}`);
  return bodyOf(ZSiteCreated, response);
}

/** Posts a batch to /v1/collect as the widget does: text/plain JSON from an allowed origin. */
export function collect(body: unknown, headers: Record<string, string> = { Origin: ORIGIN }): Promise<Response> {
  return call('/v1/collect', {
    method: 'POST',
    headers: { 'Content-Type': 'text/plain;charset=UTF-8', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

/** Posts a body to `/v1/batch` with a secret key, as a backend does. */
export function batch(secretKey: string, body: unknown): Promise<Response> {
  return call('/v1/batch', {
    method: 'POST',
    headers: { Authorization: `Bearer ${secretKey}`, 'Content-Type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

/** Reads a secret-key route. */
export function read(path: string, secretKey: string): Promise<Response> {
  return call(path, { headers: { Authorization: `Bearer ${secretKey}` } });
}

/**
 * Asserts that a response body is exactly what its @heard/core schema describes: it parses,
 * and parsing drops nothing, so a field the schema does not know fails as surely as a wrong
 * type. Returns the body, typed by the schema.
 * @example const report = matches(ZTtvResponse, await response.json());
 */
export function matches<S extends z.ZodType>(schema: S, body: unknown): z.output<S> {
  const problem = mismatch(schema, body);
  if (problem) throw new Error(`the body ${problem}`);
  return schema.parse(body);
}

/** Reads a JSON response and asserts it {@link matches} its schema. */
export async function bodyOf<S extends z.ZodType>(schema: S, response: Response): Promise<z.output<S>> {
  return matches(schema, await response.json());
}

let counter = 0;
/** An NPS answer with a fresh id, answered now. */
export function npsAnswer(score: number, extra: Record<string, unknown> = {}) {
  counter += 1;
  return {
    id: crypto.randomUUID(),
    kind: 'nps',
    score,
    scale: [0, 10],
    anonymousId: `anon-${counter}`,
    ts: Date.now() - 1000,
    ...extra,
  };
}

/** An `activated` event of user u1 with a fresh id, sent a second ago. */
export function activated(extra: Record<string, unknown> = {}) {
  return { id: crypto.randomUUID(), name: 'activated', userId: 'u1', ts: Date.now() - 1000, ...extra };
}

/**
 * Row counts straight from D1, to prove what was and was not stored. `events` counts the events
 * accepted, stored raw or (settings.events.store = 'metrics') counted only by their id.
 */
export async function counts(siteId: string, db: D1Database = env.DB) {
  const row = await db
    .prepare(
      `SELECT (SELECT COUNT(*) FROM answers WHERE site_id = ?1) AS answers,
            (SELECT COUNT(*) FROM events WHERE site_id = ?1) + (SELECT COUNT(*) FROM event_ids WHERE site_id = ?1) AS events,
            (SELECT COALESCE(SUM(n), 0) FROM answer_rollup WHERE site_id = ?1) AS rolled`,
    )
    .bind(siteId)
    .first<{ answers: number; events: number; rolled: number }>();
  return row as { answers: number; events: number; rolled: number };
}

/**
 * `db` (env.DB by default) with what reaches the database recorded: each call (`batch`,
 * `exec`, and `run`/`all`/`first`/`raw` of a statement, bound or not), the statements of
 * each batch, and the SQL of every statement prepared.
 * @example const { db, calls } = recordedDb(); await storeBatch(db, …); expect(calls).toEqual(['batch']);
 */
export function recordedDb(db: D1Database = env.DB) {
  const calls: string[] = [];
  const batches: number[] = [];
  const sql: string[] = [];
  const track = (statement: D1PreparedStatement): D1PreparedStatement => {
    const target = statement as unknown as Record<string, (...args: unknown[]) => unknown>;
    for (const method of ['run', 'all', 'first', 'raw']) {
      const original = target[method]?.bind(statement);
      target[method] = (...args) => {
        calls.push(method);
        return original?.(...args);
      };
    }
    const bind = statement.bind.bind(statement);
    statement.bind = (...values) => track(bind(...values));
    return statement;
  };
  const recorded = new Proxy(db, {
    get(target, key) {
      if (key === 'prepare') {
        return (text: string) => {
          sql.push(text);
          return track(target.prepare(text));
        };
      }
      if (key === 'batch') {
        return (statements: D1PreparedStatement[]) => {
          calls.push('batch');
          batches.push(statements.length);
          return target.batch(statements);
        };
      }
      if (key === 'exec') {
        return (query: string) => {
          calls.push('exec');
          return target.exec(query);
        };
      }
      const value = Reflect.get(target, key);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  return { db: recorded, calls, batches, sql };
}
