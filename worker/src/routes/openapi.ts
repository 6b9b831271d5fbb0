import { ZOpenApiDocument } from '@heard/core';
import { sha256Base64 } from '../crypto';
import { type OpenApiDocument, openApiDocument } from '../openapi';
import { defineRoute, type Route, type RouteSpec } from '../route';

/** The docs page's only style sheet; its hash is the page's style-src. */
const DOCS_STYLE = `body{font:15px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#1a1a1a}
code,pre{font:13px ui-monospace,monospace}pre{background:#f5f5f5;padding:.75rem;overflow:auto;max-height:30rem}
section{border-top:1px solid #ddd;margin-top:1.5rem}.m{background:#1f6feb;color:#fff;padding:0 .4rem;border-radius:3px;font-size:.8em}
table{border-collapse:collapse}td,th{border-bottom:1px solid #eee;padding:.2rem .8rem .2rem 0;text-align:left}.k{color:#555}
`;

/**
 * The guides in the repository's docs/ folder, which the build copies beside the dashboard
 * (dashboard/build.mjs) so a collector serves them at /docs/<page>.md; tests/e2e/docs.test.ts
 * holds this list to the folder.
 */
export const GUIDES = [
  ['http-api', 'HTTP API: keys, routes, examples'],
  ['widget', 'The widget'],
  ['delivery', 'Delivery: no answer lost, none counted twice'],
  ['targeting', 'Surveys and targeting'],
  ['metrics', 'Metrics and their definitions'],
  ['server', 'From your backend'],
  ['links', 'Link and email surveys'],
  ['dashboard', 'Dashboard'],
  ['dashboard-surveys', 'Surveys in the dashboard'],
  ['responses', 'Responses: the inbox'],
  ['themes-digest', 'Themes and digest'],
  ['stripe', 'Revenue from Stripe'],
  ['security', 'Security'],
  ['scaling', 'Scaling'],
  ['performance', 'Performance'],
  ['deploying', 'Deploying'],
] as const satisfies readonly (readonly [string, string])[];

const escapeHtml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const keyLabel: Record<string, string> = {
  none: 'no key',
  public: 'public key pk_… (in the body)',
  secret: 'Authorization: Bearer sk_…',
  admin: 'Authorization: Bearer ADMIN_TOKEN',
};

type Operation = {
  operationId: string;
  summary: string;
  description?: string;
  'x-heard-key': string;
  parameters?: { name: string; required: boolean; schema: Record<string, unknown> }[];
  requestBody?: { content: Record<string, { schema: unknown }> };
  responses: Record<string, { content?: Record<string, { schema: unknown }> }>;
};

/** The API reference as one self-contained HTML page (no scripts, no CDN). */
export function docsPage(doc: OpenApiDocument): string {
  const sections = Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.entries(methods as Record<string, Operation>).map(([method, op]) => {
      const params = (op.parameters ?? [])
        .map((p) => {
          const s = p.schema as { type?: string; enum?: string[]; const?: string; format?: string };
          const type = s.enum ? s.enum.join(' | ') : (s.const ?? s.format ?? s.type ?? 'any');
          return `<tr><td><code>${escapeHtml(p.name)}</code></td><td>${p.required ? 'required' : 'optional'}</td><td><code>${escapeHtml(String(type))}</code></td></tr>`;
        })
        .join('');
      const [[status, ok] = ['200', {}], ...others] = Object.entries(op.responses) as [
        string,
        Operation['responses'][string],
      ][];
      const errors = others.map(([code]) => code).join(', ');
      const body = op.requestBody?.content['application/json']?.schema;
      const answer = ok.content?.['application/json']?.schema;
      const id = `${method}-${path}`.replace(/[^a-z0-9]+/gi, '-');
      return `<section id="${id}"><h2><span class="m">${method.toUpperCase()}</span> <code>${escapeHtml(path)}</code></h2>
<p>${escapeHtml(op.summary)}</p>${op.description ? `<p>${escapeHtml(op.description)}</p>` : ''}
<p class="k">Key: ${escapeHtml(keyLabel[op['x-heard-key']] ?? op['x-heard-key'])} · operation <code>${escapeHtml(op.operationId)}</code>${errors ? ` · also answers ${escapeHtml(errors)}` : ''}</p>
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
<title>${escapeHtml(doc.info.title)}</title><style>${DOCS_STYLE}</style></head><body><h1>${escapeHtml(doc.info.title)} v${escapeHtml(doc.info.version)}</h1>
<p>${escapeHtml(doc.info.description)} Machine-readable: <a href="/openapi.json">/openapi.json</a> (OpenAPI 3.1).</p>
<p>Guides (Markdown): ${GUIDES.map(([page, title]) => `<a href="/docs/${page}.md">${escapeHtml(title)}</a>`).join(' · ')}.</p>
<ul>${toc}</ul>${sections.join('\n')}</body></html>`;
}

/** The docs page's own policy: the API's, plus its one inline style sheet by hash. */
export const docsCsp = async () =>
  `default-src 'none'; style-src 'sha256-${await sha256Base64(DOCS_STYLE)}'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'`;

/**
 * `GET /openapi.json` and `GET /docs`: the OpenAPI document of the given routes and of these
 * two, generated from the same specs that mount them.
 */
export function documentation(routes: readonly Route[]): Route[] {
  const specs = (): RouteSpec[] => [...routes, ...docs].map((route) => route.spec);
  const docs: Route[] = [
    defineRoute(
      {
        method: 'get',
        path: '/openapi.json',
        operationId: 'getOpenApi',
        tag: 'meta',
        summary: 'This document (OpenAPI 3.1), generated from the zod schemas of the routes',
        auth: 'none',
        response: { status: 200, schema: ZOpenApiDocument, description: 'the OpenAPI 3.1 document' },
      },
      (c) => c.json(openApiDocument(specs(), new URL(c.req.url).origin)),
    ),
    defineRoute(
      {
        method: 'get',
        path: '/docs',
        operationId: 'getDocs',
        tag: 'meta',
        summary: 'This document as a readable page',
        auth: 'none',
        response: { status: 200, types: ['text/html'], description: 'the API reference' },
      },
      async (c) => {
        c.header('Content-Security-Policy', await docsCsp());
        return c.html(docsPage(openApiDocument(specs(), new URL(c.req.url).origin)));
      },
    ),
  ];
  return docs;
}
