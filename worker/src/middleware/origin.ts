import { createMiddleware } from 'hono/factory';
import { originAllowed } from '../db/sites';
import type { AppEnv } from '../env';
import { fail } from './errors';

/**
 * CORS for routes that take a public key. The site is known only from the request (the body,
 * for collect), so a preflight cannot be answered for a site: these routes take CORS simple
 * requests only (`text/plain` bodies, as the widget sends) and refuse preflights. A response
 * carries `Access-Control-Allow-Origin` only when the route found its site (`c.var.site`) and
 * the request's Origin is one of that site's allowed origins; any other origin cannot read it.
 */
export const siteCors = createMiddleware<AppEnv>(async (c, next) => {
  if (c.req.method === 'OPTIONS') {
    fail(403, 'this route takes CORS simple requests only: POST the JSON as text/plain, with no custom headers');
  }
  await next();
  c.res.headers.append('Vary', 'Origin');
  const origin = c.req.header('Origin');
  const site = c.get('site') as AppEnv['Variables']['site'] | undefined;
  if (origin && site && originAllowed(site, origin)) {
    c.res.headers.set('Access-Control-Allow-Origin', origin);
    // The outbox reads Retry-After on a 429 or 503; the widget revalidates surveys by ETag.
    c.res.headers.set('Access-Control-Expose-Headers', 'Retry-After, ETag');
  }
});
