import { z } from 'zod';

/**
 * The answer of `GET /openapi.json`: an OpenAPI 3.1 document. Only its frame is checked here;
 * the OpenAPI specification itself describes the rest, so unknown fields are kept.
 */
export const ZOpenApiDocument = z.looseObject({
  openapi: z.string().regex(/^3\.1\.\d+$/, 'an OpenAPI 3.1 version'),
  info: z.looseObject({ title: z.string(), version: z.string(), description: z.string().optional() }),
  paths: z
    .record(z.string().startsWith('/'), z.partialRecord(z.enum(['get', 'post', 'put', 'patch', 'delete']), z.unknown()))
    .describe('Operations by path and method'),
  components: z.looseObject({}).optional(),
});
export type OpenApiDocument = z.infer<typeof ZOpenApiDocument>;
