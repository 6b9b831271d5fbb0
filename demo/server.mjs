// The demo SaaS app: static pages with the widget installed by its script tag, exactly as
// a customer would. The collector's URL and the site's public key are filled in per request.
// Billing is the app's backend: subscribing, upgrading and cancelling are POSTs to /api/billing,
// which send revenue and churn to Heard through @heard/node (the page itself no longer can).
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { extname } from 'node:path';
import { Heard } from '@heard/node';

/** The demo's price list, per month: the backend decides what a plan costs, never the page. */
const PRICES = { free: 0, pro: 49, enterprise: 490 };
const NEXT_PLAN = { free: 'pro', pro: 'enterprise', enterprise: 'enterprise' };

/**
 * The demo's billing backend: what a subscription change is worth, sent to Heard as the
 * trusted `revenue` and `churned` events. Plans are kept in memory, per user.
 */
function billing(heard) {
  const plans = new Map();
  return async ({ action, user, plan }) => {
    if (typeof user !== 'string' || !/^demo-[a-z0-9]{1,20}$/.test(user))
      return { status: 400, body: { error: 'user' } };
    const current = plans.get(user) ?? 'free';
    let next = current;
    if (action === 'subscribe' && plan in PRICES) next = plan;
    else if (action === 'upgrade') next = NEXT_PLAN[current];
    else if (action !== 'cancel') return { status: 400, body: { error: 'action' } };
    if (action === 'cancel') {
      plans.delete(user);
      heard.track(user, 'churned', { plan: current });
    } else {
      const value = PRICES[next] - PRICES[current];
      plans.set(user, next);
      if (value > 0)
        heard.track(user, 'revenue', { kind: current === 'free' ? 'new' : 'expansion', plan: next }, { value });
    }
    await heard.flush();
    return { status: 200, body: { plan: action === 'cancel' ? null : next, value: PRICES[next] - PRICES[current] } };
  };
}

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
 * `secretKey` lets the billing backend (/api/billing) send revenue and churn to Heard.
 * @param {{ port: number, collector: string, publicKey: string, secretKey?: string, fixtures?: URL }} options
 */
export async function startDemo({ port, collector, publicKey, secretKey, fixtures }) {
  const heard = secretKey ? new Heard({ secretKey, endpoint: collector, flushAt: 1 }) : undefined;
  const bill = heard ? billing(heard) : undefined;
  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const path = url.pathname;
    if (path === '/api/billing' && req.method === 'POST') {
      let input = {};
      try {
        const chunks = [];
        for await (const chunk of req) chunks.push(chunk);
        input = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
      } catch {}
      const { status, body } = bill ? await bill(input) : { status: 503, body: { error: 'no secret key' } };
      res.writeHead(status, { 'Content-Type': 'application/json' }).end(JSON.stringify(body));
      return;
    }
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
  const close = async () => {
    await heard?.shutdown();
    await new Promise((resolve) => {
      server.close(resolve);
      // A browser's keep-alive connections would hold the port until they time out.
      server.closeAllConnections();
    });
  };
  return { url: `http://127.0.0.1:${port}`, close };
}
