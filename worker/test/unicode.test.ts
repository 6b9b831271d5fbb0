import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { ADMIN, call, collect, counts, newSite, npsAnswer } from './helpers';

const LONE = ['\ud800', 'a\udfffb', 'x\ud83d'];

const send = (path: string, method: string, key: string, body: unknown) =>
  call(path, {
    method,
    headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });

describe('strings that are not well-formed Unicode', () => {
  it('are refused by index in every id, name, key and text a collect item carries, and nothing is stored', async () => {
    const site = await newSite();
    const now = Date.now() - 1000;
    for (const bad of LONE) {
      const answers = [
        npsAnswer(3, { userId: bad }),
        npsAnswer(3, { anonymousId: bad }),
        npsAnswer(3, { comment: bad }),
        npsAnswer(3, { traits: { plan: bad } }),
        npsAnswer(3, { props: { page: bad } }),
        npsAnswer(3, { url: `https://app.example.com/${bad}` }),
      ];
      const events = [
        { id: crypto.randomUUID(), name: 'activated', userId: bad, ts: now },
        { id: crypto.randomUUID(), name: 'activated', userId: 'u1', entity: bad, ts: now },
        { id: crypto.randomUUID(), name: 'activated', userId: 'u1', props: { plan: bad }, ts: now },
      ];
      const displays = [{ id: crypto.randomUUID(), kind: 'nps', action: 'shown', anonymousId: bad, ts: now }];
      const response = await collect({ site: site.publicKey, answers, events, displays });
      expect(response.status).toBe(400);
      const body = (await response.json()) as { error: { rejected: unknown[] } };
      expect(body.error.rejected).toHaveLength(answers.length + events.length + displays.length);
    }
    expect(await counts(site.id)).toEqual({ answers: 0, events: 0, rolled: 0 });
    const stored = await env.DB.prepare('SELECT COUNT(*) AS n FROM user_profiles WHERE site_id = ?')
      .bind(site.id)
      .first();
    expect(stored).toEqual({ n: 0 });
  });

  it('are refused with 400 in site names, survey texts, settings and webhook secrets', async () => {
    const site = await newSite();
    for (const bad of LONE) {
      expect((await send('/v1/sites', 'POST', ADMIN, { name: `Acme ${bad}`, origins: [] })).status).toBe(400);
      const survey = { name: 'NPS', kind: 'nps', texts: { default: { question: `How likely ${bad}?` } } };
      expect((await send('/v1/surveys', 'POST', site.secretKey, survey)).status).toBe(400);
      expect((await send('/v1/settings', 'PATCH', site.secretKey, { segments: [`plan${bad}`] })).status).toBe(400);
      expect(
        (
          await send('/v1/webhook', 'PUT', site.secretKey, {
            url: 'https://hooks.example.com/x',
            secret: `${'s'.repeat(20)}${bad}`,
          })
        ).status,
      ).toBe(400);
    }
  });
});
