import { ZError } from '@heard/core';
import { z } from 'zod';

/** One route as the OpenAPI document describes it. Every route adds itself with one `describeRoute` call. */
export interface RouteDoc {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** OpenAPI path, e.g. `/v1/surveys/{id}`. */
  path: string;
  summary: string;
  description?: string;
  auth: 'none' | 'public' | 'secret' | 'admin';
  query?: z.ZodType;
  body?: z.ZodType;
  /** The 2xx JSON body; omit for non-JSON answers and describe them in `produces`. */
  response?: z.ZodType;
  status?: number;
  /** Media types of a non-JSON answer, e.g. `text/csv`. */
  produces?: string[];
}

const routes: RouteDoc[] = [];

/**
 * Adds a route to the OpenAPI document served at `/openapi.json` and `/docs`.
 * @example describeRoute({ method: 'get', path: '/v1/scores', summary: '…', auth: 'secret', query: ZScoresQuery, response: ZScoresReport })
 */
export function describeRoute(route: RouteDoc): void {
  const at = routes.findIndex((r) => r.method === route.method && r.path === route.path);
  if (at >= 0) routes[at] = route;
  else routes.push(route);
}

const schemaOf = (schema: z.ZodType, io: 'input' | 'output') => {
  const { $schema: _, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as Record<string, unknown>;
  return rest;
};

const security = {
  none: [],
  public: [],
  secret: [{ secretKey: [] }],
  admin: [{ adminToken: [] }],
} as const;

/** The OpenAPI 3.1 document of every described route (JSON Schema 2020-12, as 3.1 uses). */
export function openApiDocument() {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of [...routes].sort((a, b) => a.path.localeCompare(b.path))) {
    const parameters: unknown[] = [];
    if (route.query) {
      const schema = schemaOf(route.query, 'input') as { properties?: Record<string, unknown>; required?: string[] };
      for (const [name, property] of Object.entries(schema.properties ?? {})) {
        parameters.push({ name, in: 'query', required: schema.required?.includes(name) ?? false, schema: property });
      }
    }
    for (const match of route.path.matchAll(/\{(\w+)\}/g)) {
      parameters.push({ name: match[1], in: 'path', required: true, schema: { type: 'string' } });
    }
    const status = String(route.status ?? 200);
    const content = route.response
      ? { 'application/json': { schema: schemaOf(route.response, 'output') } }
      : Object.fromEntries(
          (route.produces ?? ['application/json']).map((type) => [type, { schema: { type: 'string' } }]),
        );
    paths[route.path] ??= {};
    (paths[route.path] as Record<string, unknown>)[route.method] = {
      summary: route.summary,
      ...(route.description ? { description: route.description } : {}),
      'x-heard-key': route.auth,
      security: security[route.auth],
      ...(parameters.length ? { parameters } : {}),
      ...(route.body
        ? {
            requestBody: { required: true, content: { 'application/json': { schema: schemaOf(route.body, 'input') } } },
          }
        : {}),
      responses: {
        [status]: { description: 'success', content },
        '4XX': {
          description: 'client error',
          content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
        },
      },
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Heard collector API',
      version: '1',
      description:
        'Errors are `{ error: { code, message, issues? } }` with a 4xx status; nothing a client sends causes a 5xx.',
    },
    components: {
      securitySchemes: {
        secretKey: { type: 'http', scheme: 'bearer', description: 'a site secret key, sk_…' },
        adminToken: { type: 'http', scheme: 'bearer', description: 'the ADMIN_TOKEN Worker secret' },
      },
      schemas: {
        Error: schemaOf(ZError, 'output'),
      },
    },
    paths,
  };
}
