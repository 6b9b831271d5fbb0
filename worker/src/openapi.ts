import { ZError } from '@heard/core';
import { z } from 'zod';
import { errorStatuses } from './conformance';
import { type HeaderDoc, type RouteSpec, TAGS } from './routeSpec';

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

/** What each error status means on this API; the body is always the shared error schema. */
const ERROR_MEANINGS: Record<number, string> = {
  400: 'the request is invalid; `issues` says where (and for batches, `rejected` lists every refused item by index)',
  401: 'no key, or a key that is not valid for this route',
  403: "the request's Origin is not one of the site's allowed origins, or a preflight to a page route",
  404: 'no such resource on this site',
  409: 'the change conflicts with what is stored',
  413: 'the body is larger than the route accepts',
  415: 'the body has a media type the route does not accept',
  429: 'too many requests; wait as long as Retry-After says',
  503: 'the collector is not configured for this (a Worker secret is missing); nothing a client sends causes it',
};

const RETRY_AFTER: HeaderDoc = { description: 'seconds to wait before trying again', schema: { type: 'integer' } };

const headersOf = (headers: Record<string, HeaderDoc> | undefined) =>
  headers && Object.keys(headers).length
    ? {
        headers: Object.fromEntries(
          Object.entries(headers).map(([name, h]) => [
            name,
            { description: h.description, schema: h.schema ?? { type: 'string' } },
          ]),
        ),
      }
    : {};

/** The OpenAPI 3.1 operation of one route. */
function operation(spec: RouteSpec) {
  const parameters: unknown[] = [];
  const pathNames = [...spec.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1] as string);
  const paramSchema = spec.params
    ? (schemaOf(spec.params, 'input') as { properties?: Record<string, unknown> }).properties
    : undefined;
  for (const name of pathNames) {
    parameters.push({ name, in: 'path', required: true, schema: paramSchema?.[name] ?? { type: 'string' } });
  }
  if (spec.query) {
    const schema = schemaOf(spec.query, 'input') as { properties?: Record<string, unknown>; required?: string[] };
    for (const [name, property] of Object.entries(schema.properties ?? {})) {
      const { description, ...rest } = property as { description?: string };
      parameters.push({
        name,
        in: 'query',
        required: schema.required?.includes(name) ?? false,
        ...(description ? { description } : {}),
        schema: rest,
      });
    }
  }
  const { response } = spec;
  const success = {
    description: response.description,
    ...headersOf(response.headers),
    ...(response.schema
      ? { content: { 'application/json': { schema: schemaOf(response.schema, 'output') } } }
      : response.types?.length
        ? { content: Object.fromEntries(response.types.map((type) => [type, { schema: { type: 'string' } }])) }
        : {}),
  };
  const responses: Record<string, unknown> = { [String(response.status)]: success };
  for (const [status, also] of Object.entries(response.also ?? {})) {
    responses[status] = { description: also.description, ...headersOf(also.headers) };
  }
  for (const status of errorStatuses(spec)) {
    responses[String(status)] = {
      description: ERROR_MEANINGS[status],
      ...(status === 429 ? headersOf({ 'Retry-After': RETRY_AFTER }) : {}),
      content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
    };
  }
  const body = spec.body;
  const bodySchema = body ? schemaOf(body.documented ?? body.schema, 'input') : undefined;
  return {
    operationId: spec.operationId,
    tags: [spec.tag],
    summary: spec.summary,
    ...(spec.description ? { description: spec.description } : {}),
    'x-heard-key': spec.auth,
    security: security[spec.auth],
    ...(parameters.length ? { parameters } : {}),
    ...(body && bodySchema
      ? {
          requestBody: {
            required: true,
            content: Object.fromEntries(
              (body.types ?? ['application/json']).map((type) => [type, { schema: bodySchema }]),
            ),
          },
        }
      : {}),
    responses,
  };
}

/** The OpenAPI 3.1 document of the given routes (JSON Schema 2020-12, as 3.1 uses). */
export function openApiDocument(specs: readonly RouteSpec[], origin?: string) {
  const paths: Record<string, Record<string, ReturnType<typeof operation>>> = {};
  for (const spec of [...specs].sort((a, b) => a.path.localeCompare(b.path))) {
    paths[spec.path] ??= {};
    (paths[spec.path] as Record<string, ReturnType<typeof operation>>)[spec.method] = operation(spec);
  }
  return {
    openapi: '3.1.0' as const,
    info: {
      title: 'Heard collector API',
      version: '1',
      description:
        'JSON everywhere. Errors are `{ error: { code, message, issues?, rejected? } }` with a 4xx status; nothing a client sends causes a 5xx.',
    },
    ...(origin ? { servers: [{ url: origin, description: 'this collector' }] } : {}),
    tags: Object.entries(TAGS).map(([name, description]) => ({ name, description })),
    components: {
      securitySchemes: {
        secretKey: { type: 'http', scheme: 'bearer', description: 'a site secret key, sk_…' },
        adminToken: { type: 'http', scheme: 'bearer', description: 'the ADMIN_TOKEN Worker secret' },
      },
      schemas: { Error: schemaOf(ZError, 'output') },
    },
    paths,
  };
}

/** The document's type, for the docs page. */
export type OpenApiDocument = ReturnType<typeof openApiDocument>;
