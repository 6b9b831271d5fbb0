import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { call, collect, newSite, npsAnswer } from '../../test/helpers';
import { securityHeaders } from './headers';

const expectSecure = (response: Response) => {
  expect(response.headers.get('Content-Security-Policy')).toBe(
    "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
  );
  expect(response.headers.get('X-Content-Type-Options')).toBe('nosniff');
  expect(response.headers.get('X-Frame-Options')).toBe('DENY');
  expect(response.headers.get('Referrer-Policy')).toBe('no-referrer');
  expect(response.headers.get('Set-Cookie')).toBeNull();
};

describe('security headers on every Worker response', () => {
  it('on success, on errors and on unknown paths', async () => {
    const site = await newSite();
    expectSecure(await call('/healthz'));
    expectSecure(await collect({ site: site.publicKey, answers: [npsAnswer(9)] }));
    expectSecure(await collect('not json'));
    expectSecure(await call('/v1/scores?metric=nps'));
    expectSecure(await call('/v1/nothing-here'));
    expectSecure(await call('/dashboard/'));
  });

  it('also on responses whose headers are immutable (passed through from a binding), and keeps a page’s own CSP', async () => {
    const mini = new Hono()
      .use(securityHeaders)
      .get('/redirect', () => Response.redirect('https://collector.test/dashboard/', 302))
      .get('/page', (c) => c.html('<p>hi</p>', 200, { 'Content-Security-Policy': "default-src 'self'" }));
    const redirect = await mini.request('/redirect');
    expect(redirect.status).toBe(302);
    expect(redirect.headers.get('X-Frame-Options')).toBe('DENY');
    expect(redirect.headers.get('X-Content-Type-Options')).toBe('nosniff');
    const page = await mini.request('/page');
    expect(page.headers.get('Content-Security-Policy')).toBe("default-src 'self'");
    expect(page.headers.get('X-Frame-Options')).toBe('DENY');
  });
});
