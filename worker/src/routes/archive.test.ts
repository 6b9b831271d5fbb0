import { createExecutionContext, createScheduledController, env, SELF, waitOnExecutionContext } from 'cloudflare:test';
import { DAY_MS } from '@heard/core';
import { describe, expect, it, vi } from 'vitest';
import { fetchArchive, replayArchive } from '../../../node/src/replay';
import { batch, call, collect, counts, newSite, npsAnswer, read } from '../../test/helpers';
import { archiveBatch, compactDay, compactedKey } from '../archive';
import type { Items } from '../db/collect';
import worker from '../index';
import { DIGEST_CRON } from '../scheduled';

const today = () => new Date().toISOString().slice(0, 10);
const event = (name: string, userId: string) => ({ id: crypto.randomUUID(), name, userId, ts: Date.now() - 1000 });
// The Worker's real fetch, as `heard replay` calls a collector.
// A batch's valid items as collect hands them to the archive (the helpers' items are loosely typed).
const items = (batch: { answers?: object[]; events?: object[] }) =>
  ({ answers: batch.answers ?? [], events: batch.events ?? [], displays: [] }) as unknown as Items;
const viaWorker = ((input: RequestInfo | URL, init?: RequestInit) => SELF.fetch(input, init)) as typeof fetch;

describe('the R2 archive (ARCHIVE) and heard replay', () => {
  it('keeps every raw batch of collect and batch as NDJSON per site and day, counted-only events too', async () => {
    const site = await newSite();
    const answer = npsAnswer(9);
    const viewed = event('page_viewed', 'u1');
    await collect({ site: site.publicKey, answers: [answer], events: [viewed] });
    await batch(site.secretKey, { events: [event('activated', 'u1')] });
    const lines = await vi.waitFor(
      async () => {
        const response = await read(`/v1/archive/${today()}`, site.secretKey);
        expect(response.status).toBe(200);
        expect(response.headers.get('Content-Type')).toBe('application/x-ndjson');
        const parsed = (await response.text())
          .trim()
          .split('\n')
          .map((l) => JSON.parse(l));
        expect(parsed).toHaveLength(3);
        return parsed;
      },
      { timeout: 5000 },
    );
    expect(lines).toContainEqual({ type: 'answer', ...answer });
    expect(lines).toContainEqual({ type: 'event', ...viewed });
    const listed = await (env.ARCHIVE as R2Bucket).list({ prefix: `sites/${site.id}/${today()}/` });
    expect(listed.objects).toHaveLength(2);
  });

  it('replays an archive into a site through POST /v1/batch exactly once', async () => {
    const site = await newSite();
    const items = {
      answers: [npsAnswer(3), npsAnswer(10)],
      events: [event('page_viewed', 'u1'), event('activated', 'u2')],
    };
    await collect({ site: site.publicKey, ...items });
    const archived = await vi.waitFor(
      async () => {
        const text = await fetchArchive(today(), {
          endpoint: 'https://collector.test',
          secretKey: site.secretKey,
          fetch: viaWorker,
        });
        expect(text.trim().split('\n')).toHaveLength(4);
        return text;
      },
      { timeout: 5000 },
    );
    // Into a fresh site (the archive of a lost database): everything arrives, once.
    const other = await newSite();
    const options = { endpoint: 'https://collector.test', secretKey: other.secretKey, fetch: viaWorker };
    expect(await replayArchive(archived, options)).toEqual({
      items: 4,
      batches: 1,
      accepted: 4,
      duplicates: 0,
      rejected: 0,
    });
    expect(await counts(other.id)).toEqual({ answers: 2, events: 2, rolled: 2 });
    expect(await replayArchive(archived, options)).toEqual({
      items: 4,
      batches: 1,
      accepted: 0,
      duplicates: 4,
      rejected: 0,
    });
    expect(await counts(other.id)).toEqual({ answers: 2, events: 2, rolled: 2 });
  });

  it('answers 404 for a day with no batch, 400 for a bad day, 401 without a key', async () => {
    const site = await newSite();
    expect((await read('/v1/archive/2020-01-01', site.secretKey)).status).toBe(404);
    expect((await read('/v1/archive/yesterday', site.secretKey)).status).toBe(400);
    expect((await call(`/v1/archive/${today()}`)).status).toBe(401);
  });

  it('compacts a day that is over into one object per site and day, every line once; replay takes each item once', async () => {
    const bucket = env.ARCHIVE as R2Bucket;
    const site = await newSite();
    const yesterday = new Date(Date.now() - DAY_MS).toISOString().slice(0, 10);
    const noon = Date.parse(`${yesterday}T12:00:00Z`);
    const first = items({ answers: [npsAnswer(3)], events: [event('page_viewed', 'u1')] });
    const second = items({ answers: [npsAnswer(9)], events: [event('activated', 'u2'), event('clicked', 'u3')] });
    // Yesterday's batches as collect and batch archive them; the second sent twice (a client's retry).
    await archiveBatch(env, site.id, first, noon);
    await archiveBatch(env, site.id, second, noon + 1000);
    await archiveBatch(env, site.id, second, noon + 2000);
    // Today's batch, through collect: its day is not over, so it stays a part.
    await collect({ site: site.publicKey, answers: [npsAnswer(7)] });
    const parts = (prefix: string) => bucket.list({ prefix }).then((l) => l.objects.map((o) => o.key));
    await vi.waitFor(async () => expect(await parts(`sites/${site.id}/${today()}/`)).toHaveLength(1), {
      timeout: 5000,
    });

    // The hourly cron compacts the days that are over.
    const ctx = createExecutionContext();
    await worker.scheduled(createScheduledController({ scheduledTime: Date.now(), cron: DIGEST_CRON }), env, ctx);
    await waitOnExecutionContext(ctx);
    expect(await parts(`sites/${site.id}/${yesterday}`)).toEqual([compactedKey(site.id, yesterday)]);
    expect(await parts(`sites/${site.id}/${today()}/`)).toHaveLength(1);
    const lines = async () => {
      const object = await bucket.get(compactedKey(site.id, yesterday));
      return ((await object?.text()) ?? '').trim().split('\n');
    };
    const expected = [
      ...first.answers.map((a) => ({ type: 'answer', ...a })),
      ...first.events.map((e) => ({ type: 'event', ...e })),
      ...second.answers.map((a) => ({ type: 'answer', ...a })),
      ...second.events.map((e) => ({ type: 'event', ...e })),
    ];
    expect((await lines()).map((l) => JSON.parse(l))).toEqual(expected);

    // A batch received late for yesterday, and a part a stopped compaction left behind (merged already).
    const late = items({ events: [event('late', 'u4')] });
    await archiveBatch(env, site.id, late, noon + 3000);
    await archiveBatch(env, site.id, first, noon);
    const options = { endpoint: 'https://collector.test', secretKey: site.secretKey, fetch: viaWorker };
    // Before the next compaction, the day is served with each item once.
    const served = await fetchArchive(yesterday, options);
    expect(
      served
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l)),
    ).toEqual([...expected, { type: 'event', ...late.events[0] }]);
    const other = await newSite();
    const into = { ...options, secretKey: other.secretKey };
    expect(await replayArchive(served, into)).toMatchObject({ items: 6, accepted: 6, duplicates: 0, rejected: 0 });
    expect(await counts(other.id)).toEqual({ answers: 2, events: 4, rolled: 2 });

    // The next run merges both parts into the one object: the late line joins, the copy does not.
    expect(await compactDay(env, site.id, yesterday)).toEqual({
      site: site.id,
      day: yesterday,
      parts: 2,
      lines: 6,
      duplicates: 2,
    });
    expect(await parts(`sites/${site.id}/${yesterday}`)).toEqual([compactedKey(site.id, yesterday)]);
    expect(await lines()).toEqual(served.trim().split('\n'));
    // Replayed again, from the compacted object: every item is a duplicate.
    const again = await fetchArchive(yesterday, options);
    expect(await replayArchive(again, into)).toMatchObject({ items: 6, accepted: 0, duplicates: 6 });
    expect(await counts(other.id)).toEqual({ answers: 2, events: 4, rolled: 2 });
  });

  it('leaves a day another compaction holds, and a day with no parts, as they are', async () => {
    const site = await newSite();
    const yesterday = new Date(Date.now() - DAY_MS).toISOString().slice(0, 10);
    expect(await compactDay(env, site.id, yesterday)).toMatchObject({ parts: 0, skipped: 'empty' });
    await archiveBatch(env, site.id, items({ answers: [npsAnswer(5)] }), Date.parse(`${yesterday}T01:00:00Z`));
    await env.DB.prepare('INSERT INTO archive_compactions (site_id, day, lease_until) VALUES (?, ?, ?)')
      .bind(site.id, yesterday, Date.now() + 60_000)
      .run();
    expect(await compactDay(env, site.id, yesterday)).toMatchObject({ parts: 0, skipped: 'leased' });
    const listed = await (env.ARCHIVE as R2Bucket).list({ prefix: `sites/${site.id}/` });
    expect(listed.objects.map((o) => o.key)).toEqual([
      expect.stringMatching(new RegExp(`^sites/${site.id}/${yesterday}/`)),
    ]);
  });
});
