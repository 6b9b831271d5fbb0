import { ZOpenApiDocument } from '@heard/core';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { bodyOf, call } from '../../test/helpers';
import { checkError, matches, responseChecks, responseProblems } from '../conformance';
import { app, routes } from '../index';
import { honoPath } from '../route';

type Doc = {
  openapi: string;
  servers: { url: string }[];
  tags: { name: string }[];
  components: { schemas: { Error: { properties: { error: { properties: Record<string, unknown> } } } } };
  paths: Record<
    string,
    Record<
      string,
      {
        operationId: string;
        tags: string[];
        parameters?: { name: string; in: string; required: boolean; schema: { enum?: string[] } }[];
        requestBody?: { content: Record<string, unknown> };
        responses: Record<
          string,
          { content?: Record<string, { schema: Record<string, unknown> }>; headers?: Record<string, unknown> }
        >;
      }
    >
  >;
};

const documentOf = async () => (await (await call('/openapi.json')).json()) as Doc;

describe('GET /openapi.json and /docs', () => {
  it('documents exactly the routes the app serves, each with an operationId and a tag', async () => {
    const doc = await documentOf();
    expect(doc.openapi).toBe('3.1.0');
    const documented = Object.entries(doc.paths)
      .flatMap(([path, methods]) => Object.keys(methods).map((m) => `${m.toUpperCase()} ${honoPath(path)}`))
      .sort();
    // Middleware (`use`) registers as ALL; every other entry is a route someone can call.
    const served = [
      ...new Set(app.routes.filter((r) => r.method !== 'ALL').map((r) => `${r.method} ${r.path}`)),
    ].sort();
    expect(documented).toEqual(served);
    expect(served.length).toBe(routes.length);
    const operations = Object.values(doc.paths).flatMap((methods) => Object.values(methods));
    const ids = operations.map((op) => op.operationId);
    expect(new Set(ids).size).toBe(ids.length);
    const tags = new Set(doc.tags.map((t) => t.name));
    for (const op of operations) expect(op.tags.every((tag) => tags.has(tag))).toBe(true);
    expect(doc.servers).toEqual([{ url: 'https://collector.test', description: 'this collector' }]);
  });

  it('gives every route its real statuses, the shared error (with rejected) and Retry-After on 429', async () => {
    const doc = await documentOf();
    expect(Object.keys(doc.components.schemas.Error.properties.error.properties)).toEqual(
      expect.arrayContaining(['code', 'message', 'issues', 'rejected']),
    );
    const scores = doc.paths['/v1/scores']?.get;
    expect(Object.keys(scores?.responses ?? {})).toEqual(['200', '400', '401', '429']);
    expect(scores?.responses['429']?.headers).toHaveProperty('Retry-After');
    const metric = scores?.parameters?.find((p) => p.name === 'metric');
    expect(metric).toMatchObject({ required: true, schema: { enum: ['nps', 'csat', 'ces'] } });
    expect(scores?.parameters?.map((p) => p.name)).toEqual(
      expect.arrayContaining(['survey', 'from', 'to', 'interval', 'tz', 'by', 'top', 'compare']),
    );
    expect(JSON.stringify(scores?.responses['200'])).toContain('"ci95"');
    expect(Object.keys(doc.paths['/v1/collect']?.post?.requestBody?.content ?? {})).toEqual([
      'application/json',
      'text/plain',
    ]);
    expect(Object.keys(doc.paths['/v1/surveys/{id}']?.patch?.responses ?? {})).toEqual(
      expect.arrayContaining(['200', '404', '409']),
    );
    const active = doc.paths['/v1/surveys/active']?.get?.responses;
    expect(active?.['200']?.headers).toHaveProperty('ETag');
    expect(active).toHaveProperty('304');
    expect(doc.paths['/v1/users/{id}']?.delete?.parameters?.[0]).toMatchObject({ name: 'id', in: 'path' });
    // JSON routes say what they return: no body is documented as a bare string.
    for (const [path, methods] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(methods)) {
        const json = Object.entries(op.responses)[0]?.[1].content?.['application/json']?.schema;
        if (json) expect(json.type, `${method} ${path}`).not.toBe('string');
      }
    }
  });

  it('describes the success reports and itself as JSON objects, with their units', async () => {
    type JsonSchema = { type?: string; description?: string; properties?: Record<string, JsonSchema> };
    const doc = (await bodyOf(ZOpenApiDocument, await call('/openapi.json'))) as unknown as {
      paths: Record<string, { get: { responses: { 200: { content: Record<string, { schema: JsonSchema }> } } } }>;
    };
    const answer = (path: string) => doc.paths[path]?.get.responses[200].content['application/json']?.schema;
    for (const path of ['/v1/ttv', '/v1/durations', '/v1/retention', '/v1/revenue', '/v1/health', '/openapi.json']) {
      expect(answer(path)?.type, path).toBe('object');
    }
    expect(answer('/v1/ttv')?.properties?.kmMedian?.description).toMatch(/milliseconds/);
    expect(answer('/v1/durations')?.properties?.p90?.description).toMatch(/milliseconds/);
    expect(answer('/v1/retention')?.properties?.churnRate?.description).toMatch(/fraction/);
    expect(answer('/v1/revenue')?.properties?.nrr?.description).toMatch(/ratio/);
    expect(answer('/v1/health')?.properties?.accounts).toBeDefined();
  });

  it('renders a readable reference page, styled under a CSP of its own', async () => {
    const response = await call('/docs');
    expect(response.status).toBe(200);
    expect(response.headers.get('Content-Type')).toMatch(/^text\/html/);
    const html = await response.text();
    expect(html).toContain('<code>/v1/scores</code>');
    expect(html).toContain('Authorization: Bearer sk_…');
    expect(html).not.toMatch(/<script|https?:\/\/(?!json-schema|collector\.test)/);
    const style = /<style>([\s\S]*?)<\/style>/.exec(html)?.[1] ?? '';
    const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(style));
    const hash = btoa(String.fromCharCode(...new Uint8Array(digest)));
    const csp = response.headers.get('Content-Security-Policy') ?? '';
    expect(csp).toContain(`style-src 'sha256-${hash}'`);
    expect(csp).toContain("default-src 'none'");
  });

  it('catches an answer with a field its schema lacks, a wrong type, or an undocumented status', async () => {
    const schema = z.object({ n: z.number().int(), score: z.number().nullable() });
    matches('GET /x 200', schema, { n: 1, score: null });
    expect(responseProblems).toEqual([]);
    matches('GET /x 200', schema, { n: 1, score: null, extra: true });
    matches('GET /x 200', schema, { n: '1', score: null });
    const found = responseProblems.splice(0);
    expect(found).toHaveLength(2);
    expect(found[0]).toContain('fields the schema does not describe');
    expect(found[1]).toContain('"path":["n"]');
    checkError(routes.find((r) => r.spec.path === '/v1/scores')?.spec, 409, {
      error: { code: 'conflict', message: 'no' },
    });
    expect(responseProblems.splice(0)).toEqual(['GET /v1/scores 409: status not documented']);
  });

  it('holds the answers of the test run against the document', () => {
    // The setup file fails any test whose answers its route did not document; this run made some.
    expect(responseChecks.count).toBeGreaterThan(0);
  });
});
