import type { Hono, MiddlewareHandler } from 'hono';
import type { z } from 'zod';
import type { AppEnv } from './env';

/** Who may call a route: no key, a site's public key (in the query or body as `site`), a secret key, the admin token. */
export type Auth = 'none' | 'public' | 'secret' | 'admin';
export type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

/** The tags that group operations in the document, in the order a reader meets them. */
export const TAGS = {
  ingest: 'Collecting answers and events from pages',
  surveys: 'Surveys: what to ask, whom and when',
  scores: 'NPS, CSAT and CES',
  success: 'Customer-success reports',
  answers: 'Comments, export and erasure',
  site: 'Sites, keys, settings and the webhook',
  meta: 'Liveness and this document',
} as const;
export type Tag = keyof typeof TAGS;

/** Error statuses a route can answer besides the ones its key and inputs imply. */
export type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 413 | 415 | 429 | 503;

/** A response header, as the document describes it. */
export interface HeaderDoc {
  description: string;
  schema?: { type: 'string' | 'integer' };
}

export interface BodySpec<B extends z.ZodType = z.ZodType> {
  /** What the handler gets, checked before it runs (a 400 in the shared shape otherwise). */
  schema: B;
  /** Named in the 400's message: "invalid survey". */
  name: string;
  /** What the document shows, when the route checks more than `schema` itself (collect checks items one by one). */
  documented?: z.ZodType;
  /** Media types accepted; each is parsed as JSON except an HTML form's (`application/x-www-form-urlencoded`). Default `application/json`. */
  types?: readonly string[];
  /** Most bytes; default `LIMITS.bodyBytes`. */
  maxBytes?: number;
}

/** The 2xx answer of a route. */
export interface ResponseSpec {
  status: 200 | 201 | 204;
  /** The JSON body; omit for 204 and for non-JSON answers (then give `types`). */
  schema?: z.ZodType;
  /** Media types of a non-JSON answer, e.g. `text/csv`. */
  types?: readonly string[];
  description: string;
  headers?: Record<string, HeaderDoc>;
  /** Other success statuses the route can send, e.g. a 304 to a matching If-None-Match. */
  also?: Record<number, { description: string; headers?: Record<string, HeaderDoc> }>;
}

/** Everything about one route: how it is mounted, checked and documented. */
export interface RouteSpec<
  P extends z.ZodType | undefined = z.ZodType | undefined,
  Q extends z.ZodType | undefined = z.ZodType | undefined,
  B extends z.ZodType | undefined = z.ZodType | undefined,
> {
  method: Method;
  /** The public path in OpenAPI's spelling, `/v1/surveys/{id}`. */
  path: string;
  operationId: string;
  tag: Tag;
  summary: string;
  description?: string;
  auth: Auth;
  params?: P;
  query?: Q;
  body?: B extends z.ZodType ? BodySpec<B> : undefined;
  response: ResponseSpec;
  /** Error statuses beyond those implied (401 and 429 for keyed routes, 403 for public ones, 400 for inputs). */
  errors?: readonly ErrorStatus[];
  /** CORS for pages: the site's allowed origins may read the answer (public-key routes). */
  cors?: 'site';
  /** Middleware that wraps the handler, after the key check (e.g. Hono's `etag`). */
  middleware?: readonly MiddlewareHandler<AppEnv>[];
}

type Out<T> = T extends z.ZodType ? z.output<T> : undefined;

/** What a handler receives, already checked. */
export interface RouteInput<S extends RouteSpec> {
  params: S['params'] extends z.ZodType ? z.output<S['params']> : Record<string, string>;
  query: Out<S['query']>;
  body: S['body'] extends BodySpec<infer B> ? z.output<B> : undefined;
}

/** A route ready to mount: its spec (for the document) and the sub-app that serves it. */
export interface Route {
  spec: RouteSpec;
  app: Hono<AppEnv>;
}
