import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { collect, counts, newSite, npsAnswer, read } from '../../test/helpers';
import { storeBatch } from './collect';

/** env.DB with every call that reaches the database counted. */
function countingDb() {
  const calls: string[] = [];
  const track = (statement: D1PreparedStatement): D1PreparedStatement => {
    const target = statement as unknown as Record<string, (...args: unknown[]) => unknown>;
    for (const method of ['run', 'all', 'first', 'raw']) {
      const original = target[method]?.bind(statement);
      target[method] = (...args) => {
        calls.push(method);
        return original?.(...args);
      };
    }
    const bind = statement.bind.bind(statement);
    statement.bind = (...values) => track(bind(...values));
    return statement;
  };
  const db = {
    prepare: (sql: string) => track(env.DB.prepare(sql)),
    batch: (statements: D1PreparedStatement[]) => {
      calls.push('batch');
      return env.DB.batch(statements);
    },
    exec: (sql: string) => {
      calls.push('exec');
      return env.DB.exec(sql);
    },
  } as unknown as D1Database;
  return { db, calls };
}

describe('storeBatch', () => {
  it('stores answers, events, displays and comment updates in one D1 round trip', async () => {
    const site = await newSite();
    const { db, calls } = countingDb();
    const answer = npsAnswer(9, { comment: 'great' });
    const event = { id: crypto.randomUUID(), name: 'activated', userId: 'u1', ts: Date.now() };
    const display = {
      id: crypto.randomUUID(),
      kind: 'nps' as const,
      action: 'shown' as const,
      userId: 'u1',
      ts: Date.now(),
    };
    const first = await storeBatch(db, site.id, { answers: [answer as never], events: [event], displays: [display] });
    expect(first).toEqual({ accepted: 3, duplicates: 0 });
    const again = await storeBatch(db, site.id, { answers: [answer as never], events: [event], displays: [] });
    expect(again).toEqual({ accepted: 0, duplicates: 2 });
    expect(calls).toEqual(['batch', 'batch']);
    expect(await counts(site.id)).toEqual({ answers: 1, events: 1, rolled: 1 });
  });
});

describe('partial answers', () => {
  it('a comment sent later fills in the answer sent with its score, and the rollup counts it once', async () => {
    const site = await newSite();
    const answer = npsAnswer(9);
    const score = await collect({ site: site.publicKey, answers: [answer] });
    expect(await score.json()).toMatchObject({ accepted: 1, duplicates: 0 });
    for (let i = 0; i < 2; i++) {
      const comment = await collect({ site: site.publicKey, answers: [{ ...answer, comment: 'Fast and simple' }] });
      expect(await comment.json()).toMatchObject({ accepted: 0, duplicates: 1 });
    }
    const row = await env.DB.prepare('SELECT comment FROM answers WHERE site_id = ? AND id = ?')
      .bind(site.id, answer.id)
      .first();
    expect(row).toEqual({ comment: 'Fast and simple' });
    expect(await counts(site.id)).toEqual({ answers: 1, events: 0, rolled: 1 });
    const nps = await read('/v1/scores?metric=nps', site.secretKey);
    expect(await nps.json()).toMatchObject({ n: 1, score: 100 });
  });

  it('a comment that arrives before its score (the first attempt was lost) stores the answer once', async () => {
    const site = await newSite();
    const answer = npsAnswer(3);
    await collect({ site: site.publicKey, answers: [{ ...answer, comment: 'Too slow' }] });
    await collect({ site: site.publicKey, answers: [answer] });
    const row = await env.DB.prepare('SELECT comment, score FROM answers WHERE site_id = ? AND id = ?')
      .bind(site.id, answer.id)
      .first();
    expect(row).toEqual({ comment: 'Too slow', score: 3 });
    expect(await counts(site.id)).toEqual({ answers: 1, events: 0, rolled: 1 });
  });
});

describe('CORS', () => {
  it('lets the page read Retry-After, so the widget can honour it', async () => {
    const site = await newSite();
    const response = await collect({ site: site.publicKey, answers: [npsAnswer(8)] });
    expect(response.headers.get('Access-Control-Expose-Headers')).toContain('Retry-After');
  });
});
