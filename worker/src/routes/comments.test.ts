import { env } from 'cloudflare:test';
import { type CommentsPage, DAY_MS as DAY, ZCommentsPage, ZError } from '@heard/core';
import { describe, expect, it } from 'vitest';
import { bodyOf, collect, counts, newSite, npsAnswer, read } from '../../test/helpers';
import { COMMENTS_SQL } from '../db/comments';

async function page(path: string, key: string): Promise<CommentsPage> {
  const response = await read(path, key);
  expect(response.status, await response.clone().text()).toBe(200);
  return bodyOf(ZCommentsPage, response);
}

describe('GET /v1/comments', () => {
  it('lists commented answers newest first and skips answers without a comment', async () => {
    const site = await newSite();
    const now = Date.now();
    await collect({
      site: site.publicKey,
      answers: [
        npsAnswer(9, { comment: 'old and good', ts: now - 3 * DAY }),
        npsAnswer(2, { comment: 'newest, slow sync', ts: now - DAY }),
        npsAnswer(7, { ts: now - 2 * DAY }),
        npsAnswer(5, { comment: '', ts: now - 2 * DAY }),
      ],
    });
    const body = await page('/v1/comments', site.secretKey);
    expect(body.comments.map((c) => [c.score, c.comment])).toEqual([
      [2, 'newest, slow sync'],
      [9, 'old and good'],
    ]);
    expect(body.next).toBeNull();
  });

  it('filters by score band, segment and text, together', async () => {
    const site = await newSite();
    await collect({
      site: site.publicKey,
      answers: [
        npsAnswer(3, { comment: 'Export is SLOW', traits: { plan: 'pro', beta: true } }),
        npsAnswer(4, { comment: 'export is slow', traits: { plan: 'free' } }),
        npsAnswer(10, { comment: 'love the export', traits: { plan: 'pro' } }),
        npsAnswer(2, { comment: 'pricing', traits: { plan: 'pro' } }),
      ],
    });
    const detractors = await page('/v1/comments?min=0&max=6', site.secretKey);
    expect(detractors.comments.map((c) => c.score).sort()).toEqual([2, 3, 4]);
    const proSlow = await page('/v1/comments?min=0&max=6&by=plan&value=pro&q=slow', site.secretKey);
    expect(proSlow.comments.map((c) => c.comment)).toEqual(['Export is SLOW']);
    expect(proSlow.comments[0]?.traits).toEqual({ plan: 'pro', beta: true });
    const beta = await page('/v1/comments?by=beta&value=true', site.secretKey);
    expect(beta.comments.map((c) => c.score)).toEqual([3]);
  });

  it('filters by band on each answer’s own scale and direction, and says the direction', async () => {
    const site = await newSite();
    const ces = (score: number, scale: [number, number], comment: string) =>
      npsAnswer(score, { kind: 'ces', scale, comment });
    await collect({
      site: site.publicKey,
      answers: [
        // 1–5 effort (lower is easier): 1–2 easy, 3 neutral, 4–5 hard.
        ces(1, [1, 5], 'effort 1'),
        ces(3, [1, 5], 'effort 3'),
        ces(5, [1, 5], 'effort 5'),
        // 1–7 agreement (higher is easier): 5–7 easy, 3–4 neutral, 1–2 hard.
        ces(2, [1, 7], 'agree 2'),
        ces(4, [1, 7], 'agree 4'),
        ces(5, [1, 7], 'agree 5'),
      ],
    });
    const band = async (which: string) =>
      (await page(`/v1/comments?metric=ces&band=${which}`, site.secretKey)).comments.map((c) => c.comment).sort();
    expect(await band('low')).toEqual(['agree 2', 'effort 5']);
    expect(await band('middle')).toEqual(['agree 4', 'effort 3']);
    expect(await band('high')).toEqual(['agree 5', 'effort 1']);
    const all = await page('/v1/comments?metric=ces', site.secretKey);
    expect(new Set(all.comments.map((c) => (c as { direction?: string }).direction))).toEqual(
      new Set(['lower-better', 'higher-better']),
    );
    expect((await read('/v1/comments?band=worst', site.secretKey)).status).toBe(400);
  });

  it('reads CSAT comments apart from NPS ones, and keeps to the date range', async () => {
    const site = await newSite();
    const now = Date.now();
    await collect({
      site: site.publicKey,
      answers: [
        npsAnswer(5, { kind: 'csat', scale: [1, 5], comment: 'csat today', ts: now - 1000 }),
        npsAnswer(1, { kind: 'csat', scale: [1, 5], comment: 'csat long ago', ts: now - 40 * DAY }),
        npsAnswer(9, { comment: 'nps today' }),
      ],
    });
    const from = new Date(now - 10 * DAY).toISOString().slice(0, 10);
    const body = await page(`/v1/comments?metric=csat&from=${from}`, site.secretKey);
    expect(body.comments.map((c) => c.comment)).toEqual(['csat today']);
  });

  it('pages with the next cursor without losing or repeating an answer, even at equal times', async () => {
    const site = await newSite();
    const ts = Date.now() - 5000;
    const answers = Array.from({ length: 7 }, (_, i) => npsAnswer(i, { comment: `c${i}`, ts: ts + (i % 3) }));
    await collect({ site: site.publicKey, answers });
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const query: string = cursor ? `&before=${encodeURIComponent(cursor)}` : '';
      const body = await page(`/v1/comments?limit=3${query}`, site.secretKey);
      seen.push(...body.comments.map((c) => c.comment));
      for (let i = 1; i < body.comments.length; i++) {
        expect(body.comments[i - 1]?.ts).toBeGreaterThanOrEqual(body.comments[i]?.ts ?? 0);
      }
      cursor = body.next;
      pages += 1;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen.sort()).toEqual(['c0', 'c1', 'c2', 'c3', 'c4', 'c5', 'c6']);
  });

  it('never shows one site the comments of another', async () => {
    const [a, b] = [await newSite('A'), await newSite('B')];
    await collect({ site: a.publicKey, answers: [npsAnswer(1, { comment: 'secret of A' })] });
    expect((await page('/v1/comments', b.secretKey)).comments).toEqual([]);
    expect((await page('/v1/comments?q=secret', b.secretKey)).comments).toEqual([]);
  });

  it('refuses missing keys with 401 and bad filters with 400, and changes nothing', async () => {
    const site = await newSite();
    await collect({ site: site.publicKey, answers: [npsAnswer(1, { comment: 'x' })] });
    expect((await read('/v1/comments', '')).status).toBe(401);
    expect((await read('/v1/comments', site.publicKey)).status).toBe(401);
    for (const bad of [
      'metric=mood',
      'from=yesterday',
      'min=-1',
      'max=11',
      'min=7&max=3',
      'limit=0',
      'limit=1000',
      'by=plan',
      'by=a%22b&value=x',
      'before=nonsense',
    ]) {
      const response = await read(`/v1/comments?${bad}`, site.secretKey);
      expect(response.status, bad).toBe(400);
      expect(await bodyOf(ZError, response), bad).toMatchObject({ error: { code: 'bad_request' } });
    }
    expect(await counts(site.id)).toEqual({ answers: 1, events: 0, rolled: 1 });
  });

  it('reads through the (site, kind, ts) index, not a scan of the table', async () => {
    const plan = await env.DB.prepare(`EXPLAIN QUERY PLAN ${COMMENTS_SQL}`)
      .bind(
        's',
        'nps',
        0,
        1,
        null,
        null,
        null,
        'slow',
        '$."plan"',
        'pro',
        null,
        null,
        51,
        '[[0,10,"higher-better",0,6]]',
      )
      .all<{ detail: string }>();
    const details = plan.results.map((r) => r.detail).join('\n');
    expect(details).toContain('answers_site_kind_ts');
    expect(details).not.toMatch(/SCAN answers(?! USING)/);
  });
});
