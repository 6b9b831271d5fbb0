import { env } from 'cloudflare:test';
import { ZError } from '@heard/core';
import { describe, expect, it } from 'vitest';
import { ADMIN, bodyOf, call, newSite } from '../../test/helpers';

const post = (body: unknown, token?: string) =>
  call('/v1/sites', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });

describe('POST /v1/sites', () => {
  it('creates a site with a public key and a secret key stored only as a hash', async () => {
    const site = await newSite('Acme', ['https://app.acme.com', 'https://*.acme.dev']);
    expect(site.publicKey).toMatch(/^pk_[\w-]{32}$/);
    expect(site.secretKey).toMatch(/^sk_[\w-]{32}$/);
    expect(site.origins).toEqual(['https://app.acme.com', 'https://*.acme.dev']);
    const stored = await env.DB.prepare('SELECT hash FROM secret_keys WHERE site_id = ?').bind(site.id).all();
    expect(stored.results).toHaveLength(1);
    expect(JSON.stringify(stored.results)).not.toContain(site.secretKey);
  });

  it('refuses a missing or wrong admin token with 401', async () => {
    expect((await post({ name: 'x', origins: [] })).status).toBe(401);
    const wrong = await post({ name: 'x', origins: [] }, 'nope');
    expect(wrong.status).toBe(401);
    expect(await bodyOf(ZError, wrong)).toMatchObject({ error: { code: 'unauthorized' } });
  });

  it('refuses a bad body with 400 and its issues', async () => {
    const response = await post({ name: '', origins: ['not an origin'] }, ADMIN);
    expect(response.status).toBe(400);
    const body = await bodyOf(ZError, response);
    expect(body.error.code).toBe('bad_request');
    expect(body.error.issues?.map((i) => i.path).sort()).toEqual(['name', 'origins.0']);
  });
});
