import { env, SELF } from 'cloudflare:test';
import { describe, expect, it, vi } from 'vitest';
import { fetchArchive, replayArchive } from '../../../node/src/replay';
import { batch, call, collect, counts, newSite, npsAnswer, read } from '../../test/helpers';

const today = () => new Date().toISOString().slice(0, 10);
const event = (name: string, userId: string) => ({ id: crypto.randomUUID(), name, userId, ts: Date.now() - 1000 });
// The Worker's real fetch, as `heard replay` calls a collector.
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
});
