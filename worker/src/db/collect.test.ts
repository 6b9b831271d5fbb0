import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { collect, counts, activated as event, newSite, npsAnswer, read, recordedDb } from '../../test/helpers';
import { kept, recomputed } from '../../test/stored';
import { jsonChunks, ROWS_JSON_BYTES, storeBatch } from './collect';

const display = (extra: Record<string, unknown> = {}) => ({
  id: crypto.randomUUID(),
  kind: 'nps' as const,
  action: 'shown' as const,
  anonymousId: 'a1',
  ts: Date.now() - 1000,
  ...extra,
});
const items = (answers: unknown[], events: unknown[] = [], displays: unknown[] = []) =>
  ({ answers, events, displays }) as Parameters<typeof storeBatch>[2];

describe('storeBatch', () => {
  it('stores new answers, events and displays in one D1 round trip; a re-send takes a second that finds it stored', async () => {
    const site = await newSite();
    const { db, calls } = recordedDb();
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
    // The inserts; then, for the re-send, the inserts (no-ops) and again with the checks.
    expect(calls).toEqual(['batch', 'batch', 'batch']);
    expect(await counts(site.id)).toEqual({ answers: 1, events: 1, rolled: 1 });
  });
});

describe('storeBatch writes one statement per table', () => {
  it('stores 100 answers, 100 events and 100 displays with five statements in one round trip', async () => {
    const site = await newSite();
    const { db, calls, batches } = recordedDb();
    const answers = Array.from({ length: 100 }, (_, i) =>
      npsAnswer(i % 11, i % 5 === 0 ? { comment: `comment ${i}`, traits: { plan: 'pro' } } : {}),
    );
    const events = Array.from({ length: 100 }, (_, i) => event({ userId: `u${i % 7}` }));
    const displays = Array.from({ length: 100 }, () => display());
    const stored = await storeBatch(db, site.id, items(answers, events, displays));
    expect(stored).toEqual({ accepted: 300, duplicates: 0 });
    // answers, events, displays: the check of re-sent answer ids and the comment fill-in run only
    // when some item was not new.
    expect(batches).toEqual([3]);
    expect(calls).toEqual(['batch']);
    expect(await counts(site.id)).toEqual({ answers: 100, events: 100, rolled: 100 });
    expect(await kept(site.id)).toEqual(await recomputed(site.id));
  });

  it('stores the first of two items with one id in a batch; a disagreeing second answer is a conflict', async () => {
    const site = await newSite();
    const answer = npsAnswer(9);
    const twiceEvent = event({ name: 'signed_up' });
    const twiceDisplay = display();
    const stored = await storeBatch(
      env.DB,
      site.id,
      items(
        [answer, { ...answer, score: 0 }],
        [twiceEvent, { ...twiceEvent, ts: twiceEvent.ts - 5000 }],
        [twiceDisplay, { ...twiceDisplay, action: 'dismissed' }],
      ),
    );
    // The second answer disagrees with the first (another score): refused, not a duplicate.
    expect(stored).toEqual({ accepted: 3, duplicates: 2, conflicts: [{ type: 'answer', position: 1 }] });
    const row = await env.DB.prepare('SELECT score FROM answers WHERE site_id = ? AND id = ?')
      .bind(site.id, answer.id)
      .first();
    expect(row).toEqual({ score: 9 });
    const milestone = await env.DB.prepare('SELECT ts FROM milestones WHERE site_id = ? AND name = ?')
      .bind(site.id, 'signed_up')
      .first();
    expect(milestone).toEqual({ ts: twiceEvent.ts });
    expect(await counts(site.id)).toEqual({ answers: 1, events: 1, rolled: 1 });
    expect(await kept(site.id)).toEqual(await recomputed(site.id));
  });

  it('changes nothing for a re-sent batch, and counts a mix of new and stored ids', async () => {
    const site = await newSite();
    const first = Array.from({ length: 10 }, (_, i) => npsAnswer(i));
    const firstEvents = Array.from({ length: 4 }, () => event());
    expect(await storeBatch(env.DB, site.id, items(first, firstEvents))).toEqual({ accepted: 14, duplicates: 0 });
    const before = await kept(site.id);
    expect(await storeBatch(env.DB, site.id, items(first, firstEvents))).toEqual({ accepted: 0, duplicates: 14 });
    expect(await kept(site.id)).toEqual(before);
    const fresh = Array.from({ length: 5 }, (_, i) => npsAnswer(10 - i));
    const mixed = [...first.slice(0, 5), ...fresh, fresh[0]];
    expect(await storeBatch(env.DB, site.id, items(mixed, [event(), firstEvents[0]]))).toEqual({
      accepted: 6,
      duplicates: 7,
    });
    expect(await counts(site.id)).toEqual({ answers: 15, events: 5, rolled: 15 });
    expect(await kept(site.id)).toEqual(await recomputed(site.id));
  });

  it('fills in a comment from a later copy in the same batch; another comment for a stored one is refused', async () => {
    const site = await newSite();
    const answer = npsAnswer(4);
    const other = npsAnswer(2, { comment: 'first' });
    const stored = await storeBatch(
      env.DB,
      site.id,
      items([answer, { ...answer, comment: 'came later' }, other, { ...other, comment: 'second' }]),
    );
    expect(stored).toEqual({ accepted: 2, duplicates: 1, conflicts: [{ type: 'answer', position: 3 }] });
    const rows = await env.DB.prepare('SELECT id, comment FROM answers WHERE site_id = ?').bind(site.id).all();
    expect(new Map(rows.results.map((r) => [r.id, r.comment]))).toEqual(
      new Map([
        [answer.id, 'came later'],
        [other.id, 'first'],
      ]),
    );
    expect(await counts(site.id)).toEqual({ answers: 2, events: 0, rolled: 2 });
  });

  it('never writes a comment into another site’s answer with the same id', async () => {
    const [a, b] = [await newSite('A'), await newSite('B')];
    const answer = npsAnswer(5, { comment: 'from A' });
    await storeBatch(env.DB, a.id, items([answer]));
    await storeBatch(env.DB, b.id, items([{ ...answer, comment: 'from B' }]));
    // A stored comment is never rewritten, on either site.
    await storeBatch(env.DB, b.id, items([{ ...answer, comment: 'B again' }]));
    const rows = await env.DB.prepare('SELECT site_id, comment FROM answers WHERE id = ? ORDER BY site_id')
      .bind(answer.id)
      .all();
    expect(new Map(rows.results.map((r) => [r.site_id, r.comment]))).toEqual(
      new Map([
        [a.id, 'from A'],
        [b.id, 'from B'],
      ]),
    );
  });

  it('splits rows past half of D1’s 1 MB value cap into several statements of the same round trip', async () => {
    const site = await newSite();
    const { db, batches } = recordedDb();
    // 3-byte characters: 60 × 4,900 × 3 bytes of comments is about 880 KB of JSON.
    const answers = Array.from({ length: 60 }, () => npsAnswer(7, { comment: '€'.repeat(4900) }));
    expect(await storeBatch(db, site.id, items(answers))).toEqual({ accepted: 60, duplicates: 0 });
    expect(await storeBatch(db, site.id, items(answers))).toEqual({ accepted: 0, duplicates: 60 });
    // Two insert statements; the re-send then takes a checked write: a first statement, the two
    // inserts, two conflict checks and two comment fill-ins.
    expect(batches).toEqual([2, 2, 6]);
    expect(await counts(site.id)).toEqual({ answers: 60, events: 0, rolled: 60 });
  });
});

describe('storeBatch of one new answer', () => {
  it('is one statement in one round trip, and a re-send of it still fills in its comment', async () => {
    const site = await newSite();
    const { db, batches } = recordedDb();
    const answer = npsAnswer(6);
    expect(await storeBatch(db, site.id, items([answer]), Date.now(), { database: 'DB' })).toEqual({
      accepted: 1,
      duplicates: 0,
    });
    expect(batches).toEqual([1]);
    const resent = { ...answer, comment: 'later' };
    expect(await storeBatch(db, site.id, items([resent]), Date.now(), { database: 'DB' })).toEqual({
      accepted: 0,
      duplicates: 1,
    });
    expect(await storeBatch(db, site.id, items([{ ...answer, score: 1 }]), Date.now(), { database: 'DB' })).toEqual({
      accepted: 0,
      duplicates: 0,
      conflicts: [{ type: 'answer', position: 0 }],
    });
    const row = await env.DB.prepare('SELECT comment, score FROM answers WHERE site_id = ? AND id = ?')
      .bind(site.id, answer.id)
      .first();
    expect(row).toEqual({ comment: 'later', score: 6 });
    expect(await counts(site.id)).toEqual({ answers: 1, events: 0, rolled: 1 });
    expect(await kept(site.id)).toEqual(await recomputed(site.id));
  });

  it('writes nothing, and says so, where the site does not live', async () => {
    const site = await newSite();
    const stored = await storeBatch(env.DB, site.id, items([npsAnswer(6)]), Date.now(), { database: 'DB_2' });
    expect(stored).toEqual({ accepted: 0, duplicates: 0, moved: true });
    expect(await counts(site.id)).toEqual({ answers: 0, events: 0, rolled: 0 });
  });
});

describe('jsonChunks', () => {
  it('packs rows in order into JSON of at most maxBytes UTF-8 bytes', () => {
    const rows = Array.from({ length: 50 }, (_, i) => [i, 'ü€🙂'.repeat(i % 7), null]);
    const chunks = jsonChunks(rows, 200);
    expect(chunks.length).toBeGreaterThan(1);
    for (const chunk of chunks) expect(new TextEncoder().encode(chunk).byteLength).toBeLessThanOrEqual(200);
    expect(chunks.flatMap((chunk) => JSON.parse(chunk))).toEqual(rows);
    expect(jsonChunks(rows)).toEqual([JSON.stringify(rows)]);
    expect(jsonChunks([])).toEqual([]);
  });

  it('packs [key, value] pairs into objects', () => {
    const pairs = Array.from({ length: 30 }, (_, i) => [`id-${i}`, ['ж'.repeat(i), i]]);
    const chunks = jsonChunks(pairs, 300, true);
    for (const chunk of chunks) expect(new TextEncoder().encode(chunk).byteLength).toBeLessThanOrEqual(300);
    expect(Object.assign({}, ...chunks.map((chunk) => JSON.parse(chunk)))).toEqual(Object.fromEntries(pairs));
    expect(ROWS_JSON_BYTES).toBeLessThan(1_000_000);
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
