import { createMiddleware } from 'hono/factory';

/**
 * The policy of every response the Worker itself makes (JSON, errors): nothing may load from
 * it, nothing may frame it. A route that serves a page sets its own CSP and keeps it.
 */
export const API_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/** Security headers on every Worker response: strict CSP, no MIME sniffing, no framing. */
export const securityHeaders = createMiddleware(async (c, next) => {
  await next();
  const headers = c.res.headers;
  const defaults: Record<string, string> = {
    'Content-Security-Policy': API_CSP,
    'X-Content-Type-Options': 'nosniff',
    'X-Frame-Options': 'DENY',
    'Referrer-Policy': 'no-referrer',
  };
  for (const [name, value] of Object.entries(defaults)) {
    if (!headers.has(name)) headers.set(name, value);
  }
});
