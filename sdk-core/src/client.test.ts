import { describe, expect, it } from 'vitest';
import { createClient, HeardApiError } from './client';

describe('createClient', () => {
  it('sends the secret key and the query, and parses the report', async () => {
    const seen: { url: string; init?: RequestInit }[] = [];
    const report = {
      metric: 'nps',
      from: '2026-11-01',
      to: '2026-11-30',
      tz: 'UTC',
      n: 1,
      score: 100,
      ci95: [100, 100],
      lowSample: true,
      breakdown: { promoters: 1, passives: 0, detractors: 0 },
      mean: 10,
      scale: [0, 10],
      direction: 'higher-better',
      distribution: { 10: 1 },
      scales: [],
      responseRate: null,
    };
    const heard = createClient({
      endpoint: 'https://c.example/',
      secretKey: 'sk_x',
      fetch: async (url, init) => {
        seen.push({ url, init });
        return new Response(JSON.stringify(report), { status: 200 });
      },
    });
    const result = await heard.scores({ metric: 'nps', from: '2026-11-01', to: '2026-11-30', by: 'plan' });
    expect(result.score).toBe(100);
    expect(seen[0]?.url).toBe('https://c.example/v1/scores?metric=nps&from=2026-11-01&to=2026-11-30&by=plan');
    expect(new Headers(seen[0]?.init?.headers).get('Authorization')).toBe('Bearer sk_x');
  });

  it("throws HeardApiError with the collector's code and message", async () => {
    const heard = createClient({
      endpoint: 'https://c.example',
      secretKey: 'sk_x',
      fetch: async () =>
        new Response(JSON.stringify({ error: { code: 'unauthorized', message: 'the secret key is not valid' } }), {
          status: 401,
        }),
    });
    const error = await heard.scores({ metric: 'nps' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HeardApiError);
    expect(error).toMatchObject({ status: 401, code: 'unauthorized', message: 'the secret key is not valid' });
  });
});
