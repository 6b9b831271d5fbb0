import { ZCollectBatch, ZCollectResult, ZLiveness, ZOpenApiDocument, ZSiteCreate, ZSiteCreated } from '@heard/core';
import { Hono } from 'hono';
import type { AppEnv } from '../env';
import { describeRoute, openApiDocument } from '../openapi';

// Routes written before the registry existed; newer routes describe themselves in their own file.
describeRoute({
  method: 'get',
  path: '/healthz',
  summary: 'Liveness',
  auth: 'none',
  response: ZLiveness,
});
describeRoute({
  method: 'post',
  path: '/v1/sites',
  summary: 'Create a site; the secret key is shown once',
  auth: 'admin',
  body: ZSiteCreate,
  response: ZSiteCreated,
  status: 201,
});
describeRoute({
  method: 'post',
  path: '/v1/collect',
  summary: 'Store a batch of answers, events and displays (public key in the body; text/plain JSON accepted)',
  description:
    'Every item has a client-made UUID id; re-sending it is a no-op (counted in duplicates). Invalid items are listed in rejected; a batch with no valid item is a 400.',
  auth: 'public',
  body: ZCollectBatch,
  response: ZCollectResult,
});
describeRoute({
  method: 'get',
  path: '/openapi.json',
  summary: 'This document',
  auth: 'none',
  response: ZOpenApiDocument,
});
describeRoute({
  method: 'get',
  path: '/docs',
  summary: 'This document as a readable page',
  auth: 'none',
  produces: ['text/html'],
});

const escapeHtml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const keyLabel: Record<string, string> = {
  none: 'no key',
  public: 'public key pk_… (in the body)',
  secret: 'Authorization: Bearer sk_…',
  admin: 'Authorization: Bearer ADMIN_TOKEN',
};

type Operation = {
  summary: string;
  description?: string;
  'x-heard-key': string;
  parameters?: { name: string; required: boolean; schema: Record<string, unknown> }[];
  requestBody?: { content: Record<string, { schema: unknown }> };
  responses: Record<string, { content?: Record<string, { schema: unknown }> }>;
};

/** The API reference as one self-contained HTML page (no scripts, no CDN). */
export function docsPage(doc: ReturnType<typeof openApiDocument>): string {
  const sections = Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.entries(methods as Record<string, Operation>).map(([method, op]) => {
      const params = (op.parameters ?? [])
        .map((p) => {
          const s = p.schema as { type?: string; enum?: string[]; const?: string; format?: string };
          const type = s.enum ? s.enum.join(' | ') : (s.const ?? s.format ?? s.type ?? 'any');
          return `<tr><td><code>${escapeHtml(p.name)}</code></td><td>${p.required ? 'required' : 'optional'}</td><td><code>${escapeHtml(String(type))}</code></td></tr>`;
        })
        .join('');
      const [status, ok] = Object.entries(op.responses)[0] as [string, Operation['responses'][string]];
      const body = op.requestBody?.content['application/json']?.schema;
      const answer = ok.content?.['application/json']?.schema;
      const id = `${method}-${path}`.replace(/[^a-z0-9]+/gi, '-');
      return `<section id="${id}"><h2><span class="m">${method.toUpperCase()}</span> <code>${escapeHtml(path)}</code></h2>
<p>${escapeHtml(op.summary)}</p>${op.description ? `<p>${escapeHtml(op.description)}</p>` : ''}
<p class="k">Key: ${escapeHtml(keyLabel[op['x-heard-key']] ?? op['x-heard-key'])}</p>
${params ? `<h3>Query</h3><table><tr><th>name</th><th></th><th>type</th></tr>${params}</table>` : ''}
${body ? `<h3>Body</h3><details><summary>JSON Schema</summary><pre>${escapeHtml(JSON.stringify(body, null, 2))}</pre></details>` : ''}
<h3>${status}</h3>${answer ? `<details><summary>JSON Schema</summary><pre>${escapeHtml(JSON.stringify(answer, null, 2))}</pre></details>` : `<p>${escapeHtml(Object.keys(ok.content ?? {}).join(', '))}</p>`}
</section>`;
    }),
  );
  const toc = Object.entries(doc.paths)
    .flatMap(([path, methods]) =>
      Object.keys(methods).map(
        (m) =>
          `<li><a href="#${`${m}-${path}`.replace(/[^a-z0-9]+/gi, '-')}">${m.toUpperCase()} ${escapeHtml(path)}</a></li>`,
      ),
    )
    .join('');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(doc.info.title)}</title><style>
body{font:15px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#1a1a1a}
code,pre{font:13px ui-monospace,monospace}pre{background:#f5f5f5;padding:.75rem;overflow:auto;max-height:30rem}
section{border-top:1px solid #ddd;margin-top:1.5rem}.m{background:#1f6feb;color:#fff;padding:0 .4rem;border-radius:3px;font-size:.8em}
table{border-collapse:collapse}td,th{border-bottom:1px solid #eee;padding:.2rem .8rem .2rem 0;text-align:left}.k{color:#555}
</style></head><body><h1>${escapeHtml(doc.info.title)} v${escapeHtml(doc.info.version)}</h1>
<p>${escapeHtml(doc.info.description)} Machine-readable: <a href="/openapi.json">/openapi.json</a> (OpenAPI 3.1).</p>
<ul>${toc}</ul>${sections.join('\n')}</body></html>`;
}

/** `GET /openapi.json` and `GET /docs`: the OpenAPI document of every route, generated from the zod schemas. */
export const openapi = new Hono<AppEnv>()
  .get('/openapi.json', (c) => c.json(openApiDocument()))
  .get('/docs', (c) => c.html(docsPage(openApiDocument())));
