// The demo SaaS app: static pages with the widget installed by its script tag, exactly as
// a customer would. The collector's URL and the site's public key are filled in per request.
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { extname } from 'node:path';

const pages = new URL('./pages/', import.meta.url);
const types = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.css': 'text/css',
};

/**
 * Serves the demo on loopback. `fixtures`, when given, is a second folder served under
 * `/fixtures/` (the browser tests' host pages); a page `x.html` there may have a sibling
 * `x.headers.json` of extra response headers (e.g. a Content-Security-Policy).
 * @param {{ port: number, collector: string, publicKey: string, fixtures?: URL }} options
 */
export async function startDemo({ port, collector, publicKey, fixtures }) {
  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const path = url.pathname;
    // /app/* is a single-page app (one HTML file, routes by pushState); ?key= picks another site.
    const key = /^pk_[\w-]+$/.test(url.searchParams.get('key') ?? '') ? url.searchParams.get('key') : publicKey;
    const fill = (text) => text.replaceAll('{{COLLECTOR}}', collector).replaceAll('{{PUBLIC_KEY}}', key);
    let dir = pages;
    let file = path === '/' ? 'index.html' : path.startsWith('/app/') ? 'spa.html' : path.slice(1);
    if (fixtures && file.startsWith('fixtures/')) {
      dir = fixtures;
      file = file.slice('fixtures/'.length);
    }
    if (file.includes('..') || !/^[\w./-]+$/.test(file)) {
      res.writeHead(404).end();
      return;
    }
    try {
      const body = fill(await readFile(new URL(file, dir), 'utf8'));
      const headers = await readFile(new URL(file.replace(/\.html$/, '.headers.json'), dir), 'utf8')
        .then((text) => (file.endsWith('.html') ? JSON.parse(fill(text)) : {}))
        .catch(() => ({}));
      res.writeHead(200, { 'Content-Type': types[extname(file)] ?? 'application/octet-stream', ...headers }).end(body);
    } catch {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
    }
  });
  await new Promise((resolve) => server.listen(port, '127.0.0.1', resolve));
  const close = () =>
    new Promise((resolve) => {
      server.close(resolve);
      // A browser's keep-alive connections would hold the port until they time out.
      server.closeAllConnections();
    });
  return { url: `http://127.0.0.1:${port}`, close };
}
