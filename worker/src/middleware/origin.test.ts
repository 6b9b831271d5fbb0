import { describe, expect, it } from 'vitest';
import { call, collect, counts, newSite, npsAnswer } from '../../test/helpers';

describe('CORS on collect: only the site’s allowed origins', () => {
  it('lets an allowed exact or wildcard origin read the answer', async () => {
    const site = await newSite('Acme', ['https://app.example.com', 'https://*.acme.dev']);
    for (const origin of ['https://app.example.com', 'https://eu.acme.dev', 'https://a.b.acme.dev']) {
      const response = await collect({ site: site.publicKey, answers: [npsAnswer(9)] }, { Origin: origin });
      expect(response.status, origin).toBe(200);
      expect(response.headers.get('Access-Control-Allow-Origin'), origin).toBe(origin);
      expect(response.headers.get('Vary')).toContain('Origin');
    }
  });

  it('gives a disallowed origin 403 and no CORS header, and stores nothing', async () => {
    const site = await newSite('Acme', ['https://app.example.com', 'https://*.acme.dev']);
    for (const origin of ['https://evil.test', 'http://app.example.com', 'https://acme.dev', 'https://evilacme.dev']) {
      const response = await collect({ site: site.publicKey, answers: [npsAnswer(9)] }, { Origin: origin });
      expect(response.status, origin).toBe(403);
      expect(response.headers.get('Access-Control-Allow-Origin'), origin).toBeNull();
    }
    expect(await counts(site.id)).toEqual({ answers: 0, events: 0, rolled: 0 });
  });

  it('never reflects an origin when the site is unknown or the body is unreadable', async () => {
    const site = await newSite();
    const unknown = await collect({ site: 'pk_nope', answers: [npsAnswer(9)] });
    expect(unknown.status).toBe(401);
    expect(unknown.headers.get('Access-Control-Allow-Origin')).toBeNull();
    const garbage = await collect(`{"site":"${site.publicKey}"`);
    expect(garbage.status).toBe(400);
    expect(garbage.headers.get('Access-Control-Allow-Origin')).toBeNull();
  });

  it('still lets the allowed origin read a 400 about its own items, so the widget can drop them', async () => {
    const site = await newSite();
    const response = await collect({ site: site.publicKey, answers: [npsAnswer(11)] });
    expect(response.status).toBe(400);
    expect(response.headers.get('Access-Control-Allow-Origin')).toBe('https://app.example.com');
  });

  it('refuses preflights: collect takes CORS simple requests (text/plain) only', async () => {
    const response = await call('/v1/collect', {
      method: 'OPTIONS',
      headers: {
        Origin: 'https://app.example.com',
        'Access-Control-Request-Method': 'POST',
        'Access-Control-Request-Headers': 'content-type',
      },
    });
    expect(response.status).toBe(403);
    expect(response.headers.get('Access-Control-Allow-Origin')).toBeNull();
    expect(response.headers.get('Access-Control-Allow-Methods')).toBeNull();
    expect(await response.json()).toMatchObject({ error: { code: 'forbidden' } });
  });
});
