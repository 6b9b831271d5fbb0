import { describe, expect, it } from 'vitest';
import { call, collect, newSite, npsAnswer } from '../../test/helpers';

// worker/vitest.config.ts gives the bindings low limits: 5 per minute per IP, 200 per minute per site.
const IP_LIMIT = 5;
const SITE_LIMIT = 200;

let ipCounter = 0;
const freshIp = () => `198.51.100.${++ipCounter}`;

describe('rate limits (Workers rate-limiting bindings)', () => {
  it('answers 429 with Retry-After once one client IP passes its limit, and stores nothing more', async () => {
    const site = await newSite();
    const ip = freshIp();
    const statuses: number[] = [];
    for (let i = 0; i < IP_LIMIT + 2; i++) {
      const response = await collect(
        { site: site.publicKey, answers: [npsAnswer(9)] },
        { Origin: 'https://app.example.com', 'CF-Connecting-IP': ip },
      );
      statuses.push(response.status);
      if (response.status === 429) {
        expect(response.headers.get('Retry-After')).toBe('60');
        expect(await response.json()).toMatchObject({ error: { code: 'rate_limited' } });
      }
    }
    expect(statuses).toEqual([...Array(IP_LIMIT).fill(200), 429, 429]);
    // Another address is not affected.
    const other = await collect(
      { site: site.publicKey, answers: [npsAnswer(9)] },
      { Origin: 'https://app.example.com', 'CF-Connecting-IP': freshIp() },
    );
    expect(other.status).toBe(200);
  });

  it('limits every /v1 route per IP, secret-key reads included', async () => {
    const site = await newSite();
    const ip = freshIp();
    const statuses: number[] = [];
    for (let i = 0; i < IP_LIMIT + 1; i++) {
      const response = await call('/v1/scores?metric=nps', {
        headers: { Authorization: `Bearer ${site.secretKey}`, 'CF-Connecting-IP': ip },
      });
      statuses.push(response.status);
    }
    expect(statuses.at(-1)).toBe(429);
    expect(statuses.slice(0, IP_LIMIT)).toEqual(Array(IP_LIMIT).fill(200));
  });

  it('answers 429 once one site passes its limit, from whatever addresses, while other sites carry on', {
    timeout: 60_000,
  }, async () => {
    const site = await newSite();
    const other = await newSite();
    const statuses: number[] = [];
    for (let i = 0; i < SITE_LIMIT + 1; i++) {
      const response = await collect({ site: site.publicKey, events: [] });
      statuses.push(response.status);
    }
    expect(statuses.filter((s) => s === 200)).toHaveLength(SITE_LIMIT);
    expect(statuses.at(-1)).toBe(429);
    // The secret-key routes of the same site share its budget.
    const read = await call('/v1/scores?metric=nps', { headers: { Authorization: `Bearer ${site.secretKey}` } });
    expect(read.status).toBe(429);
    expect(read.headers.get('Retry-After')).toBe('60');
    expect((await collect({ site: other.publicKey, answers: [npsAnswer(9)] })).status).toBe(200);
  });
});
