import { ZOpenApiDocument } from '@heard/core';
import { describe, expect, it } from 'vitest';
import { bodyOf, call } from '../../test/helpers';

describe('GET /openapi.json and /docs', () => {
  it('describes every route, generated from the zod schemas', async () => {
    const response = await call('/openapi.json');
    expect(response.status).toBe(200);
    const doc = (await bodyOf(ZOpenApiDocument, response)) as {
      openapi: string;
      paths: Record<
        string,
        Record<
          string,
          {
            parameters?: { name: string; required: boolean; schema: { enum?: string[] } }[];
            requestBody?: unknown;
            responses: Record<string, unknown>;
          }
        >
      >;
    };
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/healthz',
        '/v1/sites',
        '/v1/collect',
        '/v1/scores',
        '/v1/export',
        '/v1/webhook',
        '/openapi.json',
        '/docs',
      ]),
    );
    const scores = doc.paths['/v1/scores']?.get;
    const metric = scores?.parameters?.find((p) => p.name === 'metric');
    expect(metric).toMatchObject({ required: true, schema: { enum: ['nps', 'csat', 'ces'] } });
    expect(scores?.parameters?.map((p) => p.name)).toEqual(
      expect.arrayContaining(['survey', 'from', 'to', 'interval', 'tz', 'by', 'top', 'compare']),
    );
    expect(JSON.stringify(scores?.responses['200'])).toContain('"ci95"');
    expect(doc.paths['/v1/collect']?.post?.requestBody).toBeDefined();
    expect(Object.keys(doc.paths['/v1/webhook'] ?? {}).sort()).toEqual(['delete', 'get', 'put']);
  });

  it('describes the success reports and itself as JSON objects, with their units', async () => {
    const doc = (await bodyOf(ZOpenApiDocument, await call('/openapi.json'))) as {
      paths: Record<string, { get: { responses: { 200: { content: Record<string, { schema: JsonSchema }> } } } }>;
    };
    type JsonSchema = { type?: string; description?: string; properties?: Record<string, JsonSchema> };
    const answer = (path: string) => doc.paths[path]?.get.responses[200].content['application/json']?.schema;
    for (const path of ['/v1/ttv', '/v1/durations', '/v1/retention', '/v1/revenue', '/v1/health', '/openapi.json']) {
      expect(answer(path)?.type, path).toBe('object');
    }
    expect(answer('/v1/ttv')?.properties?.kmMedian?.description).toMatch(/milliseconds/);
    expect(answer('/v1/ttv')?.properties?.conversion?.description).toMatch(/percentage/);
    expect(answer('/v1/durations')?.properties?.p90?.description).toMatch(/milliseconds/);
    expect(answer('/v1/retention')?.properties?.churnRate?.description).toMatch(/fraction/);
    expect(answer('/v1/revenue')?.properties?.nrr?.description).toMatch(/ratio/);
    expect(answer('/v1/health')?.properties?.accounts).toBeDefined();
    const error = (doc as unknown as { components: { schemas: { Error: { properties: { error: JsonSchema } } } } })
      .components.schemas.Error.properties.error;
    expect(Object.keys(error.properties ?? {})).toEqual(['code', 'message', 'issues', 'rejected']);
  });

  it('renders a readable reference page without external assets', async () => {
    const response = await call('/docs');
    expect(response.status).toBe(200);
    expect(response.headers.get('Content-Type')).toMatch(/^text\/html/);
    const html = await response.text();
    expect(html).toContain('<code>/v1/scores</code>');
    expect(html).toContain('Authorization: Bearer sk_…');
    expect(html).not.toMatch(/<script|https?:\/\/(?!json-schema)/);
  });
});
