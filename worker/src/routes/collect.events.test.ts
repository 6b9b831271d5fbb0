import { env } from 'cloudflare:test';
import { LIMITS, ZCollectResult, ZError } from '@heard/core';
import { describe, expect, it } from 'vitest';
import { bodyOf, collect, newSite } from '../../test/helpers';

const good = () => ({ id: crypto.randomUUID(), name: 'activated', userId: 'u1', value: 3, ts: Date.now() - 1000 });

async function stored(siteId: string) {
  return env.DB.prepare(
    `SELECT (SELECT COUNT(*) FROM events WHERE site_id = ?1) AS events,
            (SELECT COUNT(*) FROM milestones WHERE site_id = ?1) AS milestones,
            (SELECT COUNT(*) FROM user_profiles WHERE site_id = ?1) AS profiles`,
  )
    .bind(siteId)
    .first();
}

describe('POST /v1/collect with bad events', () => {
  // JSON has no NaN or Infinity: a client that serialises them by hand sends bare tokens, and
  // a JSON.stringify client sends null. Both must be refused, not stored as a value.
  const cases: [string, (body: string) => string, string][] = [
    ['NaN value', (b) => b.replace('"value":3', '"value":NaN'), 'the body is not valid JSON'],
    ['Infinity value', (b) => b.replace('"value":3', '"value":Infinity'), 'the body is not valid JSON'],
    [
      '1e999 value (parses to Infinity)',
      (b) => b.replace('"value":3', '"value":1e999'),
      'no item in the batch is valid',
    ],
    [
      'null value (NaN through JSON.stringify)',
      (b) => b.replace('"value":3', '"value":null'),
      'no item in the batch is valid',
    ],
    ['string value', (b) => b.replace('"value":3', '"value":"3"'), 'no item in the batch is valid'],
    ['name with spaces', (b) => b.replace('"activated"', '"signed up"'), 'no item in the batch is valid'],
    ['empty name', (b) => b.replace('"activated"', '""'), 'no item in the batch is valid'],
    [
      'name too long',
      (b) => b.replace('"activated"', `"${'x'.repeat(LIMITS.nameChars + 1)}"`),
      'no item in the batch is valid',
    ],
    [
      'ts 401 days old',
      (b) => b.replace(/"ts":\d+/, `"ts":${Date.now() - 401 * 86_400_000}`),
      'no item in the batch is valid',
    ],
    [
      'ts 10 minutes ahead',
      (b) => b.replace(/"ts":\d+/, `"ts":${Date.now() + 10 * 60_000}`),
      'no item in the batch is valid',
    ],
    ['ts in seconds as a fraction', (b) => b.replace(/"ts":\d+/, '"ts":1.5'), 'no item in the batch is valid'],
    ['ts as a date string', (b) => b.replace(/"ts":\d+/, '"ts":"2026-11-22"'), 'no item in the batch is valid'],
  ];

  for (const [what, spoil, message] of cases) {
    it(`refuses a ${what} with a clear 400 and stores nothing`, async () => {
      const site = await newSite();
      const body = spoil(JSON.stringify({ site: site.publicKey, events: [good()] }));
      const response = await collect(body);
      expect(response.status).toBe(400);
      const { error } = await bodyOf(ZError, response);
      expect(error).toMatchObject({ code: 'bad_request', message });
      if (error.rejected) expect(error.rejected[0]?.issues[0]?.path).toMatch(/^(name|value|ts)$/);
      expect(await stored(site.id)).toEqual({ events: 0, milestones: 0, profiles: 0 });
    });
  }

  it('keeps the good events of a batch and reports the bad one by index', async () => {
    const site = await newSite();
    const response = await collect({ site: site.publicKey, events: [good(), { ...good(), name: 'has space' }] });
    expect(response.status).toBe(200);
    expect(await bodyOf(ZCollectResult, response)).toMatchObject({
      accepted: 1,
      rejected: [{ type: 'event', index: 1 }],
    });
    expect(await stored(site.id)).toEqual({ events: 1, milestones: 1, profiles: 1 });
  });
});
