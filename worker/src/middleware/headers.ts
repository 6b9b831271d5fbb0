import { createMiddleware } from 'hono/factory';

/**
 * The policy of every response the Worker itself makes (JSON, errors): nothing may load from
 * it, nothing may frame it. A route that serves a page sets its own CSP and keeps it.
 */
export const API_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/** Security headers on every Worker response: strict CSP, no MIME sniffing, no framing. */
export const securityHeaders = createMiddleware(async (c, next) => {
  await next();
  const missing = Object.entries(DEFAULTS).filter(([name]) => !c.res.headers.has(name));
  if (missing.length === 0) return;
  // A response passed through from a binding (ASSETS.fetch) has immutable headers: copy it.
  if (!headersWritable(c.res.headers)) c.res = new Response(c.res.body, c.res);
  for (const [name, value] of missing) c.res.headers.set(name, value);
});

const DEFAULTS: Record<string, string> = {
  'Content-Security-Policy': API_CSP,
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
};

function headersWritable(headers: Headers): boolean {
  try {
    headers.set('X-Content-Type-Options', 'nosniff');
    return true;
  } catch {
    return false;
  }
}
