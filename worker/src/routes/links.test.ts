import { env } from 'cloudflare:test';
import type { LinkCreated, ScoresReport, Survey } from '@heard/core';
import { describe, expect, it } from 'vitest';
import { call, collect, counts, newSite, npsAnswer, read } from '../../test/helpers';
import { currentLinkKey, insertLink } from '../db/links';
import { newLinkId, signLink } from '../links/token';

const send = (secretKey: string, path: string, body: unknown) =>
  call(path, {
    method: 'POST',
    headers: { Authorization: `Bearer ${secretKey}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });

async function survey(secretKey: string, extra: Record<string, unknown> = {}): Promise<Survey> {
  const response = await send(secretKey, '/v1/surveys', {
    name: 'NPS by email',
    kind: 'nps',
    texts: { en: { question: 'Would you recommend Acme?' }, ar: { question: 'هل توصي بـ Acme؟' } },
    status: 'active',
    ...extra,
  });
  expect(response.status).toBe(201);
  return response.json();
}

async function link(secretKey: string, body: Record<string, unknown>): Promise<LinkCreated> {
  const response = await send(secretKey, '/v1/links', body);
  expect(response.status).toBe(201);
  return response.json();
}

const tokenOf = (url: string) => new URL(url).pathname.slice('/s/'.length);
const answer = (token: string, fields: Record<string, string>) =>
  call(`/s/${token}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields),
  });

async function stored(siteId: string) {
  const { results } = await env.DB.prepare(
    'SELECT id, score, comment, channel, user_id, props, survey FROM answers WHERE site_id = ? ORDER BY ts',
  )
    .bind(siteId)
    .all<{ id: string; score: number; comment: string | null; channel: string; user_id: string; props: string }>();
  return results;
}

/** A site with one NPS survey and a link to it for user `cust-7` about ticket 42. */
async function linked(extra: Record<string, unknown> = {}) {
  const site = await newSite();
  const s = await survey(site.secretKey);
  const made = await link(site.secretKey, { survey: s.id, userId: 'cust-7', props: { entity: 'ticket-42' }, ...extra });
  return { site, survey: s, made, token: tokenOf(made.url) };
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

describe('POST /v1/links', () => {
  it('makes a personal link, one link per score and an email snippet, with nothing personal in the URL', async () => {
    const { survey: s, made, token } = await linked();
    expect(made.url).toMatch(/^https:\/\/collector\.test\/s\/[A-Za-z0-9_-]{43}$/);
    expect(Object.keys(made.scores)).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '10']);
    for (const [score, url] of Object.entries(made.scores)) expect(url).toBe(`${made.url}?score=${score}`);
    for (const secret of ['cust-7', 'ticket-42', s.id]) {
      expect(made.url).not.toContain(secret);
      expect(atob(token.replace(/-/g, '+').replace(/_/g, '/'))).not.toContain(secret);
    }
    const hrefs = [...made.html.matchAll(/<a href="([^"]+)"/g)].map((m) => m[1]?.replace(/&#38;/g, '&'));
    expect(hrefs).toEqual(Object.values(made.scores));
    expect(made.html).toMatch(/^<table role="presentation" dir="ltr" lang="en"/);
    expect(made.html).not.toMatch(/<style|<script|class=/);
    expect(made.html).toContain('Would you recommend Acme?');
    expect(made.expiresAt - Date.now()).toBeGreaterThan(29 * 86_400_000);
  });

  it("writes the snippet right to left in the survey's Arabic, with the widget's Arabic labels", async () => {
    const site = await newSite();
    const s = await survey(site.secretKey);
    const made = await link(site.secretKey, { survey: s.id, userId: 'u', locale: 'ar' });
    expect(made.html).toMatch(/^<table role="presentation" dir="rtl" lang="ar"/);
    expect(made.html).toContain('هل توصي بـ Acme؟');
    expect(made.html).toContain('غير محتمل إطلاقًا');
    const page = await (await call(new URL(made.url).pathname)).text();
    expect(page).toContain('<html lang="ar" dir="rtl">');
  });

  it("refuses another site's survey, bad input and a missing key with 4xx", async () => {
    const a = await linked();
    const b = await newSite('Other');
    expect((await send(b.secretKey, '/v1/links', { survey: a.survey.id, userId: 'x' })).status).toBe(404);
    expect((await send(a.site.secretKey, '/v1/links', { survey: a.survey.id })).status).toBe(400);
    expect(
      (await send(a.site.secretKey, '/v1/links', { survey: a.survey.id, userId: 'x', expiresInDays: 0 })).status,
    ).toBe(400);
    expect((await send(a.site.publicKey, '/v1/links', { survey: a.survey.id, userId: 'x' })).status).toBe(401);
  });
});

describe('GET and POST /s/{token}', () => {
  it('serves a form that works without script, under its own CSP, and records nothing on GET', async () => {
    const { site, made } = await linked();
    for (const url of [made.url, ...Object.values(made.scores)]) {
      const response = await call(new URL(url).pathname + new URL(url).search);
      expect(response.status).toBe(200);
      expect(response.headers.get('Content-Type')).toMatch(/^text\/html/);
      const csp = response.headers.get('Content-Security-Policy') ?? '';
      expect(csp).toMatch(
        /^default-src 'none'; style-src 'sha256-[A-Za-z0-9+/=]+'; script-src https:\/\/collector\.test\/s\/_\/page\.js; connect-src 'self'; form-action 'self';/,
      );
      const page = await response.text();
      // One script file, no inline code.
      expect([...page.matchAll(/<script[^>]*>/g)].map((m) => m[0])).toEqual(['<script src="/s/_/page.js" defer>']);
      expect(page).not.toMatch(/<script[^>]*>[^<]+<\/script>|\son\w+=/);
      // Only a score link asks the script to record its score at once.
      const record = url === made.url ? '' : ' data-record';
      expect(page).toContain(`<form method="post" action="/s/${tokenOf(made.url)}"${record}>`);
    }
    const seven = await (await call(`${new URL(made.url).pathname}?score=7`)).text();
    expect(seven).toContain('value="7" required checked');
    expect(seven).toContain('name="via" value="email"');
    expect((await counts(site.id)).answers).toBe(0);
  });

  it('stores one answer per link: double clicks, a changed score and a later comment all land on it', async () => {
    const { site, survey: s, token } = await linked();
    expect((await answer(token, { score: '4', via: 'email' })).status).toBe(200);
    expect((await answer(token, { score: '4', via: 'email' })).status).toBe(200);
    let rows = await stored(site.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ score: 4, channel: 'email', user_id: 'cust-7', survey: s.id, comment: null });
    expect(JSON.parse(rows[0]?.props ?? '{}')).toEqual({ entity: 'ticket-42' });
    // The latest choice wins, and the rollup counts it once.
    const thanks = await answer(token, { score: '9', via: 'email', comment: '' });
    expect(await thanks.text()).toContain('name="comment"');
    await answer(token, { score: '9', via: 'email', comment: 'Fast support' });
    rows = await stored(site.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ score: 9, comment: 'Fast support', channel: 'email' });
    expect(await counts(site.id)).toMatchObject({ answers: 1, rolled: 1 });
    const report = (await (await read('/v1/scores?metric=nps', site.secretKey)).json()) as ScoresReport;
    expect(report.n).toBe(1);
    expect(report.distribution).toEqual({ 9: 1 });
    // A score change keeps the comment already given.
    await answer(token, { score: '10', via: 'email' });
    rows = await stored(site.id);
    expect(rows).toEqual([expect.objectContaining({ score: 10, comment: 'Fast support' })]);
    // The page shows what was answered.
    expect(await (await call(`/s/${token}`)).text()).toContain('value="10" required checked');
  });

  it('refuses a score outside the scale with a 400 and stores nothing', async () => {
    const { site, token } = await linked();
    expect((await answer(token, { score: '11' })).status).toBe(400);
    expect((await answer(token, { score: 'nine' })).status).toBe(400);
    expect((await counts(site.id)).answers).toBe(0);
  });

  it('refuses a token with any one character changed, on GET and POST, with a friendly 404 page', async () => {
    const { site, token } = await linked();
    for (let i = 0; i < token.length; i++) {
      const ch = token[i] as string;
      const other = ALPHABET[(ALPHABET.indexOf(ch) + 1 + (i % 60)) % 64] as string;
      const altered = token.slice(0, i) + other + token.slice(i + 1);
      const page = await call(`/s/${altered}`);
      expect(page.status, `character ${i}`).toBe(404);
      expect(page.headers.get('Content-Type')).toMatch(/^text\/html/);
      expect(await page.text()).toContain('This link is not valid');
      expect((await answer(altered, { score: '5' })).status).toBe(404);
    }
    for (const bad of ['', 'x', `${token}A`, token.slice(1), '%00', `${token.slice(0, 42)}=`]) {
      expect((await call(`/s/${bad}`)).status).toBeGreaterThanOrEqual(400);
    }
    expect((await counts(site.id)).answers).toBe(0);
  });

  it('refuses a link whose row was moved to another site, survey, user, props or expiry (its MAC no longer matches)', async () => {
    const { site, token } = await linked();
    const other = await newSite('Other');
    const otherSurvey = await survey(other.secretKey);
    await currentLinkKey(env.DB, other.id);
    const id = (await env.DB.prepare('SELECT id FROM links WHERE site_id = ?').bind(site.id).first<{ id: string }>())
      ?.id as string;
    const changes: [string, unknown][] = [
      ['user_id', 'someone-else'],
      ['props', '{"entity":"ticket-1"}'],
      ['expires_at', Date.now() + 400 * 86_400_000],
      ['locale', 'ar'],
    ];
    for (const [column, value] of changes) {
      const before = await env.DB.prepare(`SELECT ${column} AS v FROM links WHERE id = ?`)
        .bind(id)
        .first<{ v: unknown }>();
      await env.DB.prepare(`UPDATE links SET ${column} = ? WHERE id = ?`).bind(value, id).run();
      expect((await call(`/s/${token}`)).status, column).toBe(404);
      await env.DB.prepare(`UPDATE links SET ${column} = ? WHERE id = ?`)
        .bind(before?.v ?? null, id)
        .run();
      expect((await call(`/s/${token}`)).status, `${column} restored`).toBe(200);
    }
    // Moved to the other site (and its survey): that site's key did not sign it.
    await env.DB.prepare('UPDATE links SET site_id = ?, survey = ? WHERE id = ?')
      .bind(other.id, otherSurvey.id, id)
      .run();
    expect((await call(`/s/${token}`)).status).toBe(404);
    expect((await answer(token, { score: '3' })).status).toBe(404);
    expect((await counts(other.id)).answers).toBe(0);
  });

  it("refuses a token signed with another site's key for this site's link", async () => {
    const { site, token } = await linked();
    const other = await newSite('Other');
    const otherKey = await currentLinkKey(env.DB, other.id);
    const row = await env.DB.prepare('SELECT * FROM links WHERE site_id = ?').bind(site.id).first<{
      id: string;
      key_version: number;
      survey: string;
      user_id: string;
      props: string | null;
      locale: string | null;
      expires_at: number;
    }>();
    if (!row) throw new Error('no link row');
    const forged = await signLink(otherKey.secret, {
      id: row.id,
      siteId: site.id,
      keyVersion: row.key_version,
      survey: row.survey,
      userId: row.user_id,
      props: row.props,
      locale: row.locale,
      expiresAt: row.expires_at,
    });
    expect(forged).not.toBe(token);
    expect((await call(`/s/${forged}`)).status).toBe(404);
    expect((await answer(forged, { score: '3' })).status).toBe(404);
    expect((await counts(site.id)).answers).toBe(0);
  });

  it('answers an expired link with a friendly 410 page and stores nothing', async () => {
    const site = await newSite();
    const s = await survey(site.secretKey);
    const key = await currentLinkKey(env.DB, site.id);
    const now = Date.now();
    const row = {
      id: newLinkId(),
      siteId: site.id,
      keyVersion: key.version,
      survey: s.id,
      userId: 'late',
      props: null,
      locale: 'en',
      createdAt: now - 2 * 86_400_000,
      expiresAt: now - 1000,
    };
    await insertLink(env.DB, row);
    const token = await signLink(key.secret, row);
    const page = await call(`/s/${token}?score=9`);
    expect(page.status).toBe(410);
    expect(await page.text()).toContain('This link has expired');
    expect((await answer(token, { score: '9' })).status).toBe(410);
    expect((await counts(site.id)).answers).toBe(0);
  });

  it('keeps old links working through a key rotation, and stops them when the old key is revoked', async () => {
    const { site, survey: s, token } = await linked();
    const rotated = await send(site.secretKey, '/v1/links/key', {});
    expect(rotated.status).toBe(200);
    expect(await rotated.json()).toMatchObject({ version: 2, revokedPrevious: false });
    expect((await call(`/s/${token}`)).status).toBe(200);
    const after = tokenOf((await link(site.secretKey, { survey: s.id, userId: 'u2' })).url);
    expect((await send(site.secretKey, '/v1/links/key', { revokePrevious: true })).status).toBe(200);
    expect((await call(`/s/${token}`)).status).toBe(404);
    expect((await call(`/s/${after}`)).status).toBe(404);
    const fresh = tokenOf((await link(site.secretKey, { survey: s.id, userId: 'u3' })).url);
    expect((await call(`/s/${fresh}`)).status).toBe(200);
  });

  it('erasing the user deletes their links with their answers', async () => {
    const { site, token } = await linked();
    await answer(token, { score: '8' });
    const erased = await call('/v1/users/cust-7', {
      method: 'DELETE',
      headers: { Authorization: `Bearer ${site.secretKey}` },
    });
    expect(erased.status).toBe(200);
    expect((await call(`/s/${token}`)).status).toBe(404);
    expect((await counts(site.id)).answers).toBe(0);
  });
});

describe('channel', () => {
  it('is web for collected answers and link or email for link answers, in export and in /v1/scores', async () => {
    const site = await newSite();
    const s = await survey(site.secretKey);
    await collect({ site: site.publicKey, answers: [npsAnswer(10), npsAnswer(0)] });
    const viaEmail = tokenOf((await link(site.secretKey, { survey: s.id, userId: 'a' })).url);
    const viaLink = tokenOf((await link(site.secretKey, { survey: s.id, userId: 'b' })).url);
    await answer(viaEmail, { score: '9', via: 'email' });
    await answer(viaLink, { score: '3' });

    const scores = async (query: string) =>
      (await (await read(`/v1/scores?metric=nps${query}`, site.secretKey)).json()) as ScoresReport;
    expect((await scores('')).n).toBe(4);
    expect((await scores('&channel=web')).distribution).toEqual({ 0: 1, 10: 1 });
    expect((await scores('&channel=email')).distribution).toEqual({ 9: 1 });
    expect((await scores('&channel=link')).distribution).toEqual({ 3: 1 });
    // Two links made, one answered from the email: half of the people asked by email answered.
    expect((await scores('&channel=email')).responseRate).toEqual({ answered: 1, shown: 2, rate: 0.5 });
    expect((await scores('&channel=link&interval=day&by=plan')).n).toBe(1);
    expect((await read('/v1/scores?metric=nps&channel=sms', site.secretKey)).status).toBe(400);

    const ndjson = (await (await read('/v1/export?format=ndjson', site.secretKey)).text())
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line) as { score: number; channel: string });
    expect(ndjson.map((a) => [a.score, a.channel]).sort()).toEqual(
      [
        [0, 'web'],
        [10, 'web'],
        [3, 'link'],
        [9, 'email'],
      ].sort(),
    );
    const csv = (await (await read('/v1/export?format=csv', site.secretKey)).text()).split('\r\n');
    const header = (csv[0] as string).split(',');
    expect(header.at(-1)).toBe('channel');
    expect(
      csv
        .slice(1, -1)
        .map((line) => line.split(',').at(-1))
        .sort(),
    ).toEqual(['email', 'link', 'web', 'web']);
  });

  it('splits /v1/scores by channel: each channel its score, interval and response rate, as its filter gives', async () => {
    const site = await newSite();
    const s = await survey(site.secretKey);
    const ts = Date.now() - 1000;
    const shown = (n: number) =>
      Array.from({ length: n }, (_, i) => ({
        id: crypto.randomUUID(),
        kind: 'nps',
        anonymousId: `anon-shown-${i}`,
        action: 'shown',
        ts,
      }));
    // Web: 10, 10, 8, 0 of 8 prompts shown. Email: 9 and 6. Link: 3. Five links made, one unanswered.
    await collect({
      site: site.publicKey,
      answers: [npsAnswer(10), npsAnswer(10), npsAnswer(8), npsAnswer(0)],
      displays: shown(8),
    });
    const tokens = [];
    for (const userId of ['a', 'b', 'c', 'd', 'e'])
      tokens.push(tokenOf((await link(site.secretKey, { survey: s.id, userId })).url));
    await answer(tokens[0] as string, { score: '9', via: 'email' });
    await answer(tokens[1] as string, { score: '6', via: 'email' });
    await answer(tokens[2] as string, { score: '3' });

    const scores = async (query: string) => {
      const response = await read(`/v1/scores?metric=nps${query}`, site.secretKey);
      expect(response.status).toBe(200);
      return (await response.json()) as ScoresReport;
    };
    const split = await scores('&by=channel');
    expect(split.by).toBe('channel');
    const byValue = Object.fromEntries((split.segments ?? []).map((seg) => [seg.value, seg]));
    expect(Object.keys(byValue).sort()).toEqual(['email', 'link', 'web']);
    // Web: 2 promoters, 1 detractor of 4 → (2 − 1) ÷ 4 = +25; 4 answered of 8 shown.
    expect(byValue.web).toMatchObject({ n: 4, score: 25, responseRate: { answered: 4, shown: 8, rate: 0.5 } });
    // Email: 1 promoter, 1 detractor of 2 → 0; 2 answered of 5 links made.
    expect(byValue.email).toMatchObject({ n: 2, score: 0, responseRate: { answered: 2, shown: 5, rate: 0.4 } });
    // Link: 1 detractor → −100; 1 of 5 links.
    expect(byValue.link).toMatchObject({ n: 1, score: -100, responseRate: { answered: 1, shown: 5, rate: 0.2 } });
    expect(split.n).toBe(7);
    for (const channel of ['web', 'email', 'link'] as const) {
      const only = await scores(`&channel=${channel}`);
      expect(byValue[channel]).toMatchObject({ n: only.n, score: only.score, ci95: only.ci95 });
      expect(byValue[channel]?.responseRate).toEqual(only.responseRate);
    }
    // Filter and split together: the one channel left.
    const emailOnly = await scores('&channel=email&by=channel');
    expect(emailOnly.segments?.map((seg) => seg.value)).toEqual(['email']);
    // A trait split carries no response rate.
    expect((await scores('&by=plan')).segments?.[0]?.responseRate).toBeUndefined();
  });
});
