import { readFile } from 'node:fs/promises';
import { expect, inject, it } from 'vitest';
import { root } from '../../scripts/stack.mjs';

it('static assets get nosniff from _headers; Worker pages and errors get a strict CSP and no framing', async () => {
  const { collector } = inject('stack');
  const script = await fetch(`${collector}/heard.js`);
  expect(script.status).toBe(200);
  expect(script.headers.get('X-Content-Type-Options')).toBe('nosniff');

  for (const path of ['/healthz', '/v1/scores?metric=nps', '/dashboard/', '/docs']) {
    const response = await fetch(`${collector}${path}`);
    expect(response.headers.get('X-Content-Type-Options'), path).toBe('nosniff');
    expect(response.headers.get('X-Frame-Options'), path).toBe('DENY');
    expect(response.headers.get('Content-Security-Policy'), path).toContain("frame-ancestors 'none'");
    expect(response.headers.get('Set-Cookie'), path).toBeNull();
  }
});

it('_headers gives the dashboard and the docs a strict CSP that forbids framing', async () => {
  const headers = await readFile(`${root}worker/public/_headers`, 'utf8');
  for (const path of ['/dashboard', '/dashboard/*', '/docs', '/docs/*']) {
    const block = headers.split(/\n(?=\/)/).find((b) => b.startsWith(`${path}\n`));
    expect(block, path).toBeDefined();
    expect(block).toContain("script-src 'self'");
    expect(block).toContain("object-src 'none'");
    expect(block).toContain("frame-ancestors 'none'");
    expect(block).toContain('X-Frame-Options: DENY');
    expect(block).not.toMatch(/script-src[^;]*unsafe/);
  }
});
