import { describe, expect, it } from 'vitest';
import { collect, newSite, npsAnswer } from '../../test/helpers';

describe('allowed origins match parsed origins', () => {
  it('matches a wildcard on scheme, host suffix and port, never on the raw string', async () => {
    const site = await newSite('Acme', ['https://*.example.com', 'http://localhost:5173']);
    const status = async (origin: string) =>
      (await collect({ site: site.publicKey, answers: [npsAnswer(9)] }, { Origin: origin })).status;
    for (const origin of [
      'https://app.example.com',
      'https://a.b.example.com',
      'https://APP.Example.com',
      'http://localhost:5173',
    ]) {
      expect(await status(origin), origin).toBe(200);
    }
    for (const origin of [
      'https://evil.com/.example.com',
      'https://evil.com?.example.com',
      'https://evil.com#.example.com',
      'https://user@evil.com/.example.com',
      'https://example.com',
      'https://evilexample.com',
      'http://app.example.com',
      'https://app.example.com:8443',
      'https://app.example.com.evil.com',
      'http://localhost:5174',
      'http://localhost:5173/path',
      'null',
    ]) {
      expect(await status(origin), origin).toBe(403);
    }
  });
});
