import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { collect, newSite, npsAnswer } from '../../test/helpers';

const stored = (siteId: string, id: string) =>
  env.DB.prepare(
    'SELECT score, comment, user_id AS userId, anonymous_id AS anonymousId FROM answers WHERE site_id = ? AND id = ?',
  )
    .bind(siteId, id)
    .first();

describe('a stored answer is immutable', () => {
  it('lets its own author fill in the comment of a score-only answer, once', async () => {
    const site = await newSite();
    const answer = npsAnswer(4);
    await collect({ site: site.publicKey, answers: [answer] });
    const filled = await collect({ site: site.publicKey, answers: [{ ...answer, comment: 'slow' }] });
    expect(await filled.json()).toEqual({ accepted: 0, duplicates: 1, rejected: [] });
    expect(await stored(site.id, answer.id)).toMatchObject({ score: 4, comment: 'slow' });
    // The same comment again is a plain duplicate; a score-only re-send leaves the comment.
    const again = await collect({ site: site.publicKey, answers: [{ ...answer, comment: 'slow' }, answer] });
    expect(await again.json()).toEqual({ accepted: 0, duplicates: 2, rejected: [] });
    expect(await stored(site.id, answer.id)).toMatchObject({ comment: 'slow' });
  });

  it('refuses, by index, a re-send that disagrees with what is stored, and changes nothing', async () => {
    const site = await newSite();
    const answer = npsAnswer(4, { userId: 'alice', comment: 'slow' });
    await collect({ site: site.publicKey, answers: [answer] });
    const fresh = npsAnswer(9);
    const attacks = [
      { ...answer, comment: 'rewritten' },
      { ...answer, comment: '' },
      { ...answer, userId: 'mallory', comment: 'rewritten' },
      { ...answer, score: 10 },
      { ...answer, kind: 'csat', scale: [1, 5], score: 4 },
      { ...answer, anonymousId: 'someone-else' },
    ];
    const response = await collect({ site: site.publicKey, answers: [fresh, ...attacks] });
    expect(response.status).toBe(200);
    const body = (await response.json()) as {
      accepted: number;
      duplicates: number;
      rejected: { index: number; id: string }[];
    };
    expect(body.accepted).toBe(1);
    expect(body.duplicates).toBe(0);
    expect(body.rejected.map((r) => [r.index, r.id])).toEqual(attacks.map((_, i) => [i + 1, answer.id]));
    expect(await stored(site.id, answer.id)).toEqual({
      score: 4,
      comment: 'slow',
      userId: 'alice',
      anonymousId: answer.anonymousId,
    });
  });

  it('keeps the first of two disagreeing copies in one request and refuses the second', async () => {
    const site = await newSite();
    const answer = npsAnswer(2);
    const response = await collect({ site: site.publicKey, answers: [answer, { ...answer, score: 9, comment: 'x' }] });
    const body = (await response.json()) as { accepted: number; duplicates: number; rejected: { index: number }[] };
    expect([body.accepted, body.duplicates, body.rejected.map((r) => r.index)]).toEqual([1, 0, [1]]);
    expect(await stored(site.id, answer.id)).toMatchObject({ score: 2, comment: null });
  });

  it('answers 400 when every item of the batch disagrees with what is stored', async () => {
    const site = await newSite();
    const answer = npsAnswer(4, { comment: 'slow' });
    await collect({ site: site.publicKey, answers: [answer] });
    const response = await collect({ site: site.publicKey, answers: [{ ...answer, comment: 'rewritten' }] });
    expect(response.status).toBe(400);
    expect(await stored(site.id, answer.id)).toMatchObject({ comment: 'slow' });
  });
});
