import { env } from 'cloudflare:test';
import {
  type Answer,
  DAY_MS,
  type InboxResponse,
  type ResponsesPage,
  ZError,
  ZInboxResponse,
  ZResponsesPage,
  ZResponsesSummary,
} from '@heard/core';
import { describe, expect, it } from 'vitest';
import { bodyOf, call, collect, newSite, npsAnswer, read } from '../../test/helpers';
import { storeLinkAnswer } from '../db/links';
import { purgeSite } from '../db/purge';
import { RESPONSES_SQL } from '../db/responses';

const H = 3_600_000;

async function page(path: string, key: string): Promise<ResponsesPage> {
  const response = await read(path, key);
  expect(response.status, await response.clone().text()).toBe(200);
  return bodyOf(ZResponsesPage, response);
}

function patch(answerId: string, key: string, body: unknown) {
  return call(`/v1/responses/${encodeURIComponent(answerId)}`, {
    method: 'PATCH',
    headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
}

async function patched(answerId: string, key: string, body: unknown): Promise<InboxResponse> {
  const response = await patch(answerId, key, body);
  expect(response.status, await response.clone().text()).toBe(200);
  return bodyOf(ZInboxResponse, response);
}

async function stored(key: string, answerId: string): Promise<InboxResponse | undefined> {
  return (await page('/v1/responses?limit=200', key)).responses.find((r) => r.answerId === answerId);
}

const csat = (score: number, extra: Record<string, unknown> = {}) =>
  npsAnswer(score, { kind: 'csat', scale: [1, 5], ...extra });

describe('GET /v1/responses', () => {
  it('lists every low answer and every commented answer, newest first, open until triaged', async () => {
    const site = await newSite();
    const now = Date.now();
    const low = npsAnswer(3, { ts: now - 3 * H });
    const praised = npsAnswer(10, { comment: 'love it', ts: now - 2 * H });
    const passive = npsAnswer(8, { ts: now - H });
    const unsatisfied = csat(2, { ts: now - 4 * H });
    const fine = csat(3, { ts: now - 5 * H });
    await collect({ site: site.publicKey, answers: [low, praised, passive, unsatisfied, fine] });
    const body = await page('/v1/responses', site.secretKey);
    expect(body.responses.map((r) => [r.answerId, r.band, r.status, r.assignee, r.tags, r.notes])).toEqual([
      [praised.id, 'high', 'open', null, [], []],
      [low.id, 'low', 'open', null, [], []],
      [unsatisfied.id, 'low', 'open', null, [], []],
    ]);
    expect(body.next).toBeNull();
  });

  it("shows each response's account, and the same person's earlier answers, newest first", async () => {
    const site = await newSite();
    const now = Date.now();
    const who = { userId: 'u-ada', anonymousId: undefined, traits: { account: 'acme-inc', plan: 'pro' } };
    const first = csat(4, { ...who, ts: now - 3 * DAY_MS });
    const second = npsAnswer(9, { ...who, comment: 'good', ts: now - 2 * DAY_MS });
    const latest = npsAnswer(2, { ...who, comment: 'broke again', ts: now - H });
    const stranger = npsAnswer(1, { userId: 'u-bob', ts: now - 2 * H });
    await collect({ site: site.publicKey, answers: [first, second, latest, stranger] });
    const body = await page('/v1/responses', site.secretKey);
    const top = body.responses[0];
    expect(top?.answerId).toBe(latest.id);
    expect(top?.account).toBe('acme-inc');
    expect(top?.earlier.map((e) => [e.answerId, e.kind, e.score, e.band, e.comment])).toEqual([
      [second.id, 'nps', 9, 'high', 'good'],
      [first.id, 'csat', 4, 'high', null],
    ]);
    const bob = body.responses.find((r) => r.answerId === stranger.id);
    expect(bob?.account).toBe('u-bob');
    expect(bob?.earlier).toEqual([]);
  });

  it('filters by status, metric, band, survey, tag, assignee, segment and text', async () => {
    const site = await newSite();
    const key = site.secretKey;
    const a = npsAnswer(2, { survey: 'onboarding', comment: 'Export is SLOW', traits: { plan: 'pro', beta: true } });
    const b = npsAnswer(5, { comment: 'pricing', traits: { plan: 'free' } });
    const c = npsAnswer(9, { comment: 'export is great', traits: { plan: 'pro' } });
    const d = npsAnswer(1, { kind: 'ces', scale: [1, 5], score: 5, traits: { plan: 'pro' } });
    await collect({ site: site.publicKey, answers: [a, b, c, d] });
    await patched(a.id, key, { status: 'contacted', tags: ['export', 'perf'], assignee: 'pm@acme.test' });
    await patched(b.id, key, { status: 'closed', tags: ['pricing'] });
    const ids = async (query: string) =>
      (await page(`/v1/responses?${query}`, key)).responses.map((r) => r.answerId).sort();
    const sorted = (...xs: { id: string }[]) => xs.map((x) => x.id).sort();
    expect(await ids('status=open')).toEqual(sorted(c, d));
    expect(await ids('status=contacted')).toEqual(sorted(a));
    expect(await ids('status=closed')).toEqual(sorted(b));
    expect(await ids('metric=ces')).toEqual(sorted(d));
    expect(await ids('metric=nps&band=low')).toEqual(sorted(a, b));
    expect(await ids('band=low')).toEqual(sorted(a, b, d));
    expect(await ids('band=high')).toEqual(sorted(c));
    expect(await ids('survey=onboarding')).toEqual(sorted(a));
    expect(await ids('tag=export')).toEqual(sorted(a));
    expect(await ids('tag=perf&status=contacted')).toEqual(sorted(a));
    expect(await ids('tag=perf&status=open')).toEqual([]);
    expect(await ids('assignee=pm%40acme.test')).toEqual(sorted(a));
    expect(await ids('by=plan&value=pro')).toEqual(sorted(a, c, d));
    expect(await ids('by=beta&value=true')).toEqual(sorted(a));
    expect(await ids('q=export')).toEqual(sorted(a, c));
    expect(await ids('q=export&by=plan&value=pro&band=low')).toEqual(sorted(a));
  });

  it('pages by keyset: answers stored between pages never repeat or skip a row', async () => {
    const site = await newSite();
    const key = site.secretKey;
    const now = Date.now();
    // Seven responses, two of them sharing a timestamp (the id breaks the tie).
    const first = Array.from({ length: 7 }, (_, i) => npsAnswer(i % 7, { ts: now - (10 + Math.min(i, 5)) * H }));
    await collect({ site: site.publicKey, answers: first });
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const body: ResponsesPage = await page(
        `/v1/responses?limit=3${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
        key,
      );
      seen.push(...body.responses.map((r) => r.answerId));
      cursor = body.next;
      pages += 1;
      // Between pages: newer answers, an answer at the very timestamp of the page's last row,
      // and one older than everything (which belongs after the cursor, so it is listed once).
      const last = body.responses.at(-1);
      if (last && pages === 1) {
        await collect({
          site: site.publicKey,
          answers: [
            npsAnswer(0, { ts: now - H }),
            npsAnswer(1, { ts: now - 2 * H }),
            npsAnswer(2, { ts: last.ts }),
            npsAnswer(3, { ts: now - 40 * H }),
          ],
        });
      }
    } while (cursor);
    expect(new Set(seen).size).toBe(seen.length);
    for (const answer of first) expect(seen).toContain(answer.id);
    expect(pages).toBeGreaterThanOrEqual(3);
    // The order is (ts, id) descending throughout.
    const all = (await page('/v1/responses?limit=200', key)).responses;
    const order = all.map((r) => r.answerId);
    const positions = seen.map((id) => order.indexOf(id));
    expect(positions).toEqual([...positions].sort((x, y) => x - y));
  });

  it('walks one site’s answers newest first through an index, never a scan of the table', async () => {
    const plan = await env.DB.prepare(`EXPLAIN QUERY PLAN ${RESPONSES_SQL}`)
      .bind('s', null, '[]', null, null, 'open', null, null, null, null, null, '$."account"', null, null, 51, null)
      .all<{ detail: string }>();
    const details = plan.results.map((r) => r.detail).join('\n');
    expect(details).toMatch(/answers_site_ts|answers_site_kind_ts/);
    expect(details).not.toMatch(/SCAN (a|answers)(?! USING)/);
    expect(details).not.toContain('TEMP B-TREE FOR ORDER BY');
  });

  it('refuses a cursor it did not make, and unknown values', async () => {
    const site = await newSite();
    for (const query of ['cursor=not*a*cursor', 'cursor=AAAA', 'status=done', 'band=worst', 'by=plan', 'limit=0']) {
      const response = await read(`/v1/responses?${query}`, site.secretKey);
      expect(response.status, query).toBe(400);
      await bodyOf(ZError, response);
    }
  });
});

describe('PATCH /v1/responses/:answerId', () => {
  it('moves a response open → contacted → closed, keeps the first contact, and a notes history', async () => {
    const site = await newSite();
    const key = site.secretKey;
    const answer = npsAnswer(4, { comment: 'the export broke' });
    await collect({ site: site.publicKey, answers: [answer] });
    const before = Date.now();
    const assigned = await patched(answer.id, key, { assignee: 'kim@acme.test', note: 'looking into it' });
    expect(assigned).toMatchObject({ status: 'open', assignee: 'kim@acme.test', contactedAt: null, closedAt: null });
    expect(assigned.notes).toEqual([{ text: 'looking into it', author: 'kim@acme.test', at: expect.any(Number) }]);
    expect(assigned.notes[0]?.at).toBeGreaterThanOrEqual(before);

    const contacted = await patched(answer.id, key, { status: 'contacted', note: 'emailed them', author: 'lee' });
    expect(contacted.status).toBe('contacted');
    expect(contacted.contactedAt).toBeGreaterThanOrEqual(before);
    expect(contacted.notes.map((n) => [n.author, n.text])).toEqual([
      ['kim@acme.test', 'looking into it'],
      ['lee', 'emailed them'],
    ]);

    const closed = await patched(answer.id, key, { status: 'closed', tags: ['export', 'bug', 'export'] });
    expect(closed).toMatchObject({ status: 'closed', assignee: 'kim@acme.test', tags: ['bug', 'export'] });
    expect(closed.contactedAt).toBe(contacted.contactedAt);
    expect(closed.closedAt).toBeGreaterThanOrEqual(contacted.contactedAt ?? 0);

    const reopened = await patched(answer.id, key, { status: 'open', assignee: null });
    expect(reopened).toMatchObject({ status: 'open', assignee: null, closedAt: null, tags: ['bug', 'export'] });
    expect(reopened.contactedAt).toBe(contacted.contactedAt);
    expect(reopened.notes).toHaveLength(2);
    expect(await stored(key, answer.id)).toEqual(reopened);
  });

  it('counts closing straight from open as the first contact', async () => {
    const site = await newSite();
    const answer = npsAnswer(0);
    await collect({ site: site.publicKey, answers: [answer] });
    const closed = await patched(answer.id, site.secretKey, { status: 'closed' });
    expect(closed.contactedAt).not.toBeNull();
    expect(closed.closedAt).toBe(closed.contactedAt);
  });

  it("answers another site's key with 404 and changes nothing", async () => {
    const mine = await newSite('Mine');
    const theirs = await newSite('Theirs');
    const answer = npsAnswer(2, { comment: 'private' });
    await collect({ site: mine.publicKey, answers: [answer] });
    const response = await patch(answer.id, theirs.secretKey, { status: 'closed', note: 'not yours' });
    expect(response.status).toBe(404);
    await bodyOf(ZError, response);
    expect((await page('/v1/responses', theirs.secretKey)).responses).toEqual([]);
    const untouched = await stored(mine.secretKey, answer.id);
    expect(untouched).toMatchObject({ status: 'open', notes: [], updatedAt: null });
  });

  it('404s an unknown id and an answer that needs nobody (high, no comment)', async () => {
    const site = await newSite();
    const promoter = npsAnswer(10);
    await collect({ site: site.publicKey, answers: [promoter] });
    expect((await patch(crypto.randomUUID(), site.secretKey, { status: 'closed' })).status).toBe(404);
    expect((await patch(promoter.id, site.secretKey, { status: 'closed' })).status).toBe(404);
    const rows = await env.DB.prepare('SELECT COUNT(*) AS n FROM responses WHERE site_id = ?')
      .bind(site.id)
      .first<{ n: number }>();
    expect(rows?.n).toBe(0);
  });

  it('refuses bad input with a 400 and changes nothing', async () => {
    const site = await newSite();
    const key = site.secretKey;
    const answer = npsAnswer(3, { comment: 'meh' });
    await collect({ site: site.publicKey, answers: [answer] });
    await patched(answer.id, key, { status: 'contacted', tags: ['a'], note: 'first' });
    const before = await stored(key, answer.id);
    for (const body of [
      {},
      { status: 'done' },
      { status: 'closed', extra: true },
      { tags: ['has space'] },
      { tags: 'billing' },
      { tags: Array.from({ length: 21 }, (_, i) => `t${i}`) },
      { note: '   ' },
      { note: 'x'.repeat(5001) },
      { author: 'kim' },
      { assignee: '' },
      { status: 'closed', note: 'lone \ud800 surrogate' },
    ]) {
      const response = await patch(answer.id, key, body);
      expect(response.status, JSON.stringify(body).slice(0, 80)).toBe(400);
      await bodyOf(ZError, response);
    }
    const notJson = await call(`/v1/responses/${answer.id}`, {
      method: 'PATCH',
      headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' },
      body: '{"status":',
    });
    expect(notJson.status).toBe(400);
    expect(await stored(key, answer.id)).toEqual(before);
  });

  it('keeps a response’s state when its answer is re-answered (the latest choice) or its comment arrives later', async () => {
    const site = await newSite();
    const key = site.secretKey;
    // A score-only low answer, its comment re-sent later under the same id.
    const scoreOnly = npsAnswer(2);
    await collect({ site: site.publicKey, answers: [scoreOnly] });
    await patched(scoreOnly.id, key, { status: 'contacted', tags: ['churn-risk'], note: 'called', author: 'kim' });
    await collect({ site: site.publicKey, answers: [{ ...scoreOnly, comment: 'too expensive' }] });
    expect(await stored(key, scoreOnly.id)).toMatchObject({
      comment: 'too expensive',
      status: 'contacted',
      tags: ['churn-risk'],
      notes: [{ text: 'called', author: 'kim' }],
    });
    // A link's answer: another score replaces the stored answer under the same id.
    const linked = { ...npsAnswer(1, { userId: 'u-link', anonymousId: undefined }), channel: 'link' } as Answer;
    await storeLinkAnswer(env.DB, site.id, linked);
    await patched(linked.id, key, { status: 'closed', note: 'refunded', author: 'lee' });
    await storeLinkAnswer(env.DB, site.id, { ...linked, score: 3, comment: 'still slow' });
    const after = await stored(key, linked.id);
    expect(after).toMatchObject({ score: 3, comment: 'still slow', status: 'closed' });
    expect(after?.notes.map((n) => n.text)).toEqual(['refunded']);
  });

  it('is erased with its user', async () => {
    const site = await newSite();
    const key = site.secretKey;
    const answer = npsAnswer(1, { userId: 'u-gone', comment: 'bye' });
    await collect({ site: site.publicKey, answers: [answer] });
    await patched(answer.id, key, { status: 'contacted', note: 'called u-gone' });
    const erased = await call('/v1/users/u-gone', { method: 'DELETE', headers: { Authorization: `Bearer ${key}` } });
    expect(erased.status).toBe(200);
    const left = await env.DB.prepare(
      `SELECT (SELECT COUNT(*) FROM responses WHERE site_id = ?1) + (SELECT COUNT(*) FROM response_notes WHERE site_id = ?1) AS n`,
    )
      .bind(site.id)
      .first<{ n: number }>();
    expect(left?.n).toBe(0);
  });
});

describe('retention', () => {
  it('purges the state and notes of the answers it purges, and keeps the others’', async () => {
    const site = await newSite();
    const key = site.secretKey;
    const now = Date.now();
    const old = npsAnswer(1, { comment: 'old', ts: now - 40 * DAY_MS });
    const recent = npsAnswer(2, { comment: 'recent', ts: now - DAY_MS });
    await collect({ site: site.publicKey, answers: [old, recent] });
    await patched(old.id, key, { status: 'closed', note: 'done' });
    await patched(recent.id, key, { status: 'contacted', note: 'calling' });
    expect((await purgeSite(env.DB, site.id, now - 30 * DAY_MS)).answers).toBe(1);
    const left = await env.DB.prepare(
      `SELECT (SELECT group_concat(answer_id) FROM responses WHERE site_id = ?1) AS states,
              (SELECT group_concat(answer_id) FROM response_notes WHERE site_id = ?1) AS notes`,
    )
      .bind(site.id)
      .first<{ states: string; notes: string }>();
    expect(left).toEqual({ states: recent.id, notes: recent.id });
  });
});

describe('GET /v1/responses/summary', () => {
  it('reports the share contacted within 48 h and the median time to first contact, per week', async () => {
    const site = await newSite();
    const key = site.secretKey;
    const now = Date.now();
    const answers = [npsAnswer(1), npsAnswer(2), npsAnswer(3), npsAnswer(4), npsAnswer(9, { comment: 'not low' })];
    await collect({ site: site.publicKey, answers });
    // Planted receipts: three low answers received 5 days ago, one an hour ago.
    const [a, b, c] = answers as [Answer, Answer, Answer];
    const fiveDays = now - 5 * DAY_MS;
    await env.DB.batch(
      [a, b, c].map((x) =>
        env.DB.prepare('UPDATE answers SET received_at = ?, ts = ? WHERE site_id = ? AND id = ?').bind(
          fiveDays,
          fiveDays - 1000,
          site.id,
          x.id,
        ),
      ),
    );
    await patched(a.id, key, { status: 'contacted' });
    await patched(answers[4]?.id as string, key, { status: 'contacted' });
    // b was contacted 2 h after receipt (planted), c never.
    await env.DB.prepare(
      `INSERT INTO responses (site_id, answer_id, status, contacted_at, updated_at) VALUES (?1, ?2, 'contacted', ?3, ?3)`,
    )
      .bind(site.id, b.id, fiveDays + 2 * H)
      .run();
    const response = await read('/v1/responses/summary?interval=week', key);
    expect(response.status, await response.clone().text()).toBe(200);
    const summary = await bodyOf(ZResponsesSummary, response);
    expect(summary.withinMs).toBe(48 * H);
    const contactedA = (await stored(key, a.id))?.contactedAt as number;
    // a: contacted ~5 days after receipt (late); b: 2 h (in time); c: never (missed); d: waiting.
    expect(summary.total).toMatchObject({ low: 4, contacted: 2, due: 3, withinTarget: 1, waiting: 1 });
    expect(summary.total.share).toBeCloseTo(1 / 3, 10);
    expect(summary.total.medianMsToContact).toBe((2 * H + (contactedA - fiveDays)) / 2);
    expect(summary.periods.reduce((n, p) => n + p.low, 0)).toBe(4);
    const nps = await bodyOf(ZResponsesSummary, await read('/v1/responses/summary?metric=csat', key));
    expect(nps.total.low).toBe(0);
    expect((await read('/v1/responses/summary?interval=year', key)).status).toBe(400);
    expect((await read('/v1/responses/summary?from=2026-02-01&to=2026-01-01', key)).status).toBe(400);
  });
});
