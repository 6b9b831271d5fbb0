import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { collect, newSite, npsAnswer } from '../../test/helpers';
import app from '../index';

const replicated: typeof env = { ...env, D1_READ_REPLICAS: 'on' };
const scores = (secretKey: string, headers: Record<string, string> = {}, bindings = replicated) =>
  app.request(
    'https://collector.test/v1/scores?metric=nps',
    { headers: { Authorization: `Bearer ${secretKey}`, ...headers } },
    bindings,
  );

describe('read replicas (D1 Sessions API)', () => {
  it('reads through a session and hands back its bookmark when D1_READ_REPLICAS=on', async () => {
    const site = await newSite();
    await collect({ site: site.publicKey, answers: [npsAnswer(10), npsAnswer(9), npsAnswer(2)] });
    const response = await scores(site.secretKey);
    expect(response.status).toBe(200);
    const body = (await response.json()) as { n: number; score: number };
    expect(body.n).toBe(3);
    expect(body.score).toBeCloseTo(100 / 3);
    const bookmark = response.headers.get('x-d1-bookmark');
    expect(bookmark).toMatch(/^[0-9a-f]+(-[0-9a-f]+)+$/i);

    const next = await scores(site.secretKey, { 'x-d1-bookmark': bookmark as string });
    expect(next.status).toBe(200);
    expect(await next.json()).toMatchObject({ n: 3 });
    expect((next.headers.get('x-d1-bookmark') ?? '') >= (bookmark as string)).toBe(true);
  });

  it('ignores a bookmark that is not one, never failing the read', async () => {
    const site = await newSite();
    const response = await scores(site.secretKey, { 'x-d1-bookmark': "'; DROP TABLE answers; --" });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ n: 0 });
  });

  it('reads the primary without a bookmark header when the setting is off', async () => {
    const site = await newSite();
    const response = await scores(site.secretKey, {}, { ...env });
    expect(response.status).toBe(200);
    expect(response.headers.get('x-d1-bookmark')).toBeNull();
  });
});
