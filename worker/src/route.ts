import { LIMITS } from '@heard/core';
import { type Context, Hono, type MiddlewareHandler } from 'hono';
import { checkResponse } from './conformance';
import type { AppEnv } from './env';
import { requireAdmin, requirePublicKey, requireSecretKey } from './middleware/auth';
import { limitBody, parseOr400, readBody } from './middleware/body';
import { siteCors } from './middleware/origin';
import type { Auth, Route, RouteInput, RouteSpec } from './routeSpec';

export * from './routeSpec';

/** The Hono spelling of an OpenAPI path: `{id}` → `:id`. */
export const honoPath = (path: string) => path.replace(/\{(\w+)\}/g, ':$1');

const authMiddleware: Record<Exclude<Auth, 'public'>, MiddlewareHandler<AppEnv>[]> = {
  none: [],
  secret: [requireSecretKey],
  admin: [requireAdmin],
};

const queryOf = (c: Context) =>
  Object.fromEntries(Object.entries(c.req.queries()).map(([k, v]) => [k, v.length === 1 ? v[0] : v]));

/**
 * One route as one object: the spec mounts its key check, CORS and input validation and
 * registers its description in the OpenAPI document, so no route can exist undocumented.
 * @example
 * export const ttv = defineRoute({ method: 'get', path: '/v1/ttv', operationId: 'getTtv', tag: 'success',
 *   summary: 'Time to value', auth: 'secret', query: ZTtvQuery,
 *   response: { status: 200, schema: ZTtvResponse, description: 'the report' } },
 *   async (c, { query }) => c.json(await report(query)))
 */
export function defineRoute<S extends RouteSpec>(
  spec: S,
  handler: (c: Context<AppEnv>, input: RouteInput<S>) => Response | Promise<Response>,
): Route {
  const path = honoPath(spec.path);
  const app = new Hono<AppEnv>();
  if (spec.cors === 'site') app.use(path, siteCors);
  const before = spec.auth === 'public' ? [] : authMiddleware[spec.auth];
  const maxBytes = spec.body?.maxBytes ?? LIMITS.bodyBytes;
  const limit = spec.body ? [limitBody(maxBytes)] : [];
  const mark: MiddlewareHandler<AppEnv> = async (c, next) => {
    c.set('route', spec);
    await next();
  };
  app.on(spec.method.toUpperCase(), path, mark, ...before, ...limit, ...(spec.middleware ?? []), async (c) => {
    const params = spec.params ? parseOr400(spec.params, c.req.param(), 'path') : c.req.param();
    const query = spec.query ? parseOr400(spec.query, queryOf(c), 'query') : undefined;
    const body = spec.body
      ? parseOr400(spec.body.schema, await readBody(c, maxBytes, spec.body.types), spec.body.name)
      : undefined;
    if (spec.auth === 'public') {
      await requirePublicKey(c, (body as { site?: string } | undefined)?.site ?? (query as { site?: string }).site);
    }
    const response = await handler(c, { params, query, body } as RouteInput<S>);
    if (c.env.HEARD_CHECK_RESPONSES) await checkResponse(spec, response);
    return response;
  });
  return { spec, app };
}
