import { env } from 'cloudflare:test';
import {
  DAY_MS,
  digestWindow,
  LOW_SAMPLE,
  startOfDay,
  ZDigest,
  ZHealthResponse,
  ZScoresReport,
  ZThemesReport,
} from '@heard/core';
import { describe, expect, it } from 'vitest';
import { batch, bodyOf, call, newSite, npsAnswer, read } from '../../test/helpers';
import { recentPosts } from '../db/digests';
import { siteBySecretKey } from '../db/sites';
import { postDigests } from '../digestPosts';
import type { Transport } from '../webhookDelivery';

const TZ = 'Europe/Berlin';

/** A transport that records what is posted, per URL, and answers 200. */
function recorder() {
  const sent: { url: string; body: string }[] = [];
  const transport: Transport = {
    fetch: async (url, init) => {
      sent.push({ url, body: String(init.body) });
      return new Response('ok', { status: 200 });
    },
    sleep: async () => {},
  };
  return { sent, transport, to: (url: string) => sent.filter((s) => s.url === url).map((s) => JSON.parse(s.body)) };
}

const secretCall = (key: string, method: string, path: string, body: unknown) =>
  call(path, {
    method,
    headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });

/** A site in Berlin with a webhook at its own URL, weekly digests and weekly change alerts. */
async function berlinSite(name: string, digest: Record<string, string> = { period: 'week', changeAlerts: 'week' }) {
  const site = await newSite(name);
  const hook = `https://hooks.example/${site.id}`;
  expect(
    (await secretCall(site.secretKey, 'PUT', '/v1/webhook', { url: hook, secret: 'a-long-enough-secret' })).status,
  ).toBe(200);
  expect((await secretCall(site.secretKey, 'PATCH', '/v1/settings', { timeZone: TZ, digest })).status).toBe(200);
  return { site, hook };
}

async function send(secretKey: string, answers: unknown[]) {
  const response = await batch(secretKey, { answers });
  expect(response.status).toBe(200);
  expect(((await response.json()) as { rejected: unknown[] }).rejected).toEqual([]);
}

/**
 * Last week: 80 answers, mostly promoters, the detractors among them complaining about a slow
 * export; the week before: 80, mostly detractors. Users u0… carry an `account` trait.
 */
function plantedWeeks(now: number) {
  const window = digestWindow('week', now, TZ);
  const start = startOfDay(window.from, TZ) + DAY_MS;
  const before = startOfDay(window.previous.from, TZ) + DAY_MS;
  const answers: unknown[] = [];
  for (let i = 0; i < 80; i++) {
    const score = i % 5 === 0 ? 0 : 9 + (i % 2);
    const comment = score <= 6 ? 'Slow export again' : i % 3 === 0 ? 'Clear dashboards' : 'Works for us';
    answers.push(
      npsAnswer(score, {
        comment,
        userId: `u${i}`,
        traits: { account: `acct-${i}` },
        ts: start + i * 60_000,
      }),
    );
  }
  for (let i = 0; i < 80; i++) {
    answers.push(npsAnswer(i % 4 === 0 ? 9 : 3, { comment: 'Meh', ts: before + i * 60_000 }));
  }
  return { window, answers };
}

describe('GET /v1/digest', () => {
  it('says what the reports it summarises say: scores and change, response rate, themes, low answers, at-risk accounts', async () => {
    const now = Date.now();
    const { site } = await berlinSite('Digest Co');
    const { window, answers } = plantedWeeks(now);
    await send(site.secretKey, answers);
    const digest = await bodyOf(ZDigest, await read('/v1/digest?period=week', site.secretKey));
    expect(digest).toMatchObject({ period: 'week', key: window.key, from: window.from, to: window.to, tz: TZ });
    expect(digest.scores.map((s) => s.metric)).toEqual(['nps']);
    const nps = digest.scores[0];

    const range = `from=${window.from}&to=${window.to}&tz=${encodeURIComponent(TZ)}`;
    const scores = await bodyOf(
      ZScoresReport,
      await read(`/v1/scores?metric=nps&${range}&compare=previous`, site.secretKey),
    );
    const pick = (r: {
      n: number;
      score: number | null;
      ci95: unknown;
      lowSample: boolean;
      breakdown: unknown;
      mean: number | null;
    }) => ({
      n: r.n,
      score: r.score,
      ci95: r.ci95,
      lowSample: r.lowSample,
      breakdown: r.breakdown,
      mean: r.mean,
    });
    expect(nps?.current).toEqual(pick(scores));
    expect(nps?.previous).toEqual(pick(scores.comparison?.previous as never));
    expect(nps?.change).toEqual(scores.comparison?.significance);
    expect(nps?.change?.significant).toBe(true);
    expect(nps?.responseRate).toEqual(scores.responseRate);

    const themes = await bodyOf(ZThemesReport, await read(`/v1/themes?metric=nps&${range}`, site.secretKey));
    const significant = themes.themes.filter((t) => t.significant);
    expect(significant.length).toBeGreaterThan(0);
    expect(nps?.themes.map(({ previousShare: _, ...t }) => t)).toEqual(significant);
    // None of the themes was said the week before ("Meh" is all anyone wrote).
    expect(nps?.themes.every((t) => t.previousShare === 0)).toBe(true);

    // 16 detractors (every fifth of 80), the first at the window's start + 1 day.
    expect(nps?.low.n).toBe(16);
    expect(nps?.low.oldestTs).toBe(startOfDay(window.from, TZ) + DAY_MS);

    const health = await bodyOf(ZHealthResponse, await read('/v1/health?limit=1000', site.secretKey));
    expect(digest.atRisk).toEqual({
      total: health.atRisk.length,
      newly: health.atRisk.map((a) => ({ account: a.account, score: a.score })),
      since: null,
    });
    expect(digest.atRisk.total).toBe(16);
    expect(digest.quiet).toBe(false);
  }, 20_000);

  it('never calls a change significant on low samples, however large', async () => {
    const now = Date.now();
    const { site, hook } = await berlinSite('Small Co', { period: 'day', changeAlerts: 'day' });
    const window = digestWindow('day', now, TZ);
    const at = (day: string) => startOfDay(day, TZ) + 3_600_000;
    await send(site.secretKey, [
      ...Array.from({ length: 12 }, (_, i) => npsAnswer(10, { ts: at(window.from) + i })),
      ...Array.from({ length: 12 }, (_, i) => npsAnswer(i % 2 ? 0 : 10, { ts: at(window.previous.from) + i })),
    ]);
    const digest = await bodyOf(ZDigest, await read('/v1/digest?period=day', site.secretKey));
    expect(digest.scores[0]?.change).toMatchObject({ difference: 100, significant: false, reason: LOW_SAMPLE });
    // The cron posts the day's digest, and no change alert: the change is not significant.
    const { transport, to } = recorder();
    const outcomes = (await postDigests(env, now, transport)).filter((o) => o.site === (site as { id: string }).id);
    expect(outcomes.map((o) => [o.what, o.outcome])).toEqual([
      ['digest:day', 'delivered'],
      ['alert:day:nps', 'skipped'],
      ['alert:day:csat', 'skipped'],
      ['alert:day:ces', 'skipped'],
    ]);
    const posted = to(hook);
    expect(posted).toHaveLength(1);
    expect(posted[0].text).toContain('not significant: a period has fewer than 30 answers');
    expect((await read('/v1/digest?period=month', site.secretKey)).status).toBe(400);
    expect((await read('/v1/digest', site.publicKey)).status).toBe(401);
  }, 20_000);
});

describe('the digest cron', () => {
  it('posts the digest and the change alert once per period: a second run posts nothing, a quiet site gets nothing', async () => {
    const now = Date.now();
    const { site, hook } = await berlinSite('Cron Co');
    const quiet = await berlinSite('Quiet Co');
    await send(site.secretKey, plantedWeeks(now).answers);
    const { sent, transport, to } = recorder();

    const first = await postDigests(env, now, transport);
    const mine = first.filter((o) => o.site === (site as { id: string }).id);
    expect(mine.map((o) => [o.what, o.outcome])).toEqual([
      ['digest:week', 'delivered'],
      ['alert:week:nps', 'delivered'],
      ['alert:week:csat', 'skipped'],
      ['alert:week:ces', 'skipped'],
    ]);
    const [digestPost, alertPost] = to(hook);
    // The post carries the digest GET /v1/digest reports, as Slack blocks and as data.
    const digest = await bodyOf(ZDigest, await read('/v1/digest?period=week', site.secretKey));
    // (How long the oldest low answer has waited is counted to when each was made.)
    const timeless = (d: typeof digest) => ({
      ...d,
      scores: d.scores.map((s) => ({ ...s, low: { ...s.low, waitedHours: null } })),
    });
    expect(digestPost.heard.type).toBe('digest');
    expect(timeless(digestPost.heard.digest)).toEqual(timeless(digest));
    expect(digestPost.heard.digest.scores[0].low.waitedHours).toBeCloseTo(
      (now - (digest.scores[0]?.low.oldestTs ?? 0)) / 3_600_000,
      6,
    );
    expect(digestPost.blocks[0]).toMatchObject({ type: 'header', text: { type: 'plain_text' } });
    expect(digestPost.text).toContain('Cron Co: your weekly digest');
    expect(alertPost.text).toMatch(/^Cron Co: NPS rose from −\d+ to \+\d+ in week /);
    expect(alertPost.heard.alert.change).toEqual(digest.scores[0]?.change);
    expect(to(quiet.hook)).toEqual([]);

    // The cron fires again in the same period (twice, or late): nothing more is posted.
    const count = sent.length;
    const mineSent = to(hook).length;
    const again = await postDigests(env, now + 3_600_000, transport);
    expect(sent.length).toBe(count);
    expect(
      again.filter((o) => o.site === (site as { id: string }).id).every((o) => o.outcome === 'claimed-before'),
    ).toBe(true);

    const row = await siteBySecretKey(env.DB, site.secretKey);
    const posts = await recentPosts(env.DB, row?.id as string);
    expect(posts.find((p) => p.what === 'digest:week')).toMatchObject({ status: 'delivered', attempts: 1 });
    const quietRow = await siteBySecretKey(env.DB, quiet.site.secretKey);
    expect((await recentPosts(env.DB, quietRow?.id as string)).find((p) => p.what === 'digest:week')?.status).toBe(
      'skipped',
    );

    // A week later nobody answered and the at-risk accounts are the ones already reported: quiet, skipped.
    const later = await postDigests(env, now + 7 * DAY_MS, transport);
    expect(later.find((o) => o.site === row?.id && o.what === 'digest:week')?.outcome).toBe('skipped');
    expect(to(hook).length).toBe(mineSent);
  }, 30_000);
});
