// The demo SaaS app: static pages with the widget installed by its script tag, exactly as
// a customer would. The collector's URL and the site's public key are filled in per request.
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { extname } from 'node:path';

const pages = new URL('./pages/', import.meta.url);
const types = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css' };

/**
 * Serves the demo on loopback.
 * @param {{ port: number, collector: string, publicKey: string }} options
 */
export async function startDemo({ port, collector, publicKey }) {
  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const path = url.pathname;
    // /app/* is a single-page app (one HTML file, routes by pushState); ?key= picks another site.
    const file = path === '/' ? 'index.html' : path.startsWith('/app/') ? 'spa.html' : path.slice(1);
    const key = /^pk_[\w-]+$/.test(url.searchParams.get('key') ?? '') ? url.searchParams.get('key') : publicKey;
    if (file.includes('..') || !/^[\w./-]+$/.test(file)) {
      res.writeHead(404).end();
      return;
    }
    try {
      let body = await readFile(new URL(file, pages), 'utf8');
      body = body.replaceAll('{{COLLECTOR}}', collector).replaceAll('{{PUBLIC_KEY}}', key);
      res.writeHead(200, { 'Content-Type': types[extname(file)] ?? 'application/octet-stream' }).end(body);
    } catch {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
    }
  });
  await new Promise((resolve) => server.listen(port, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((r) => server.close(r)) };
}
