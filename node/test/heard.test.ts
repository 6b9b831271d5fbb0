import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createRequire } from 'node:module';
import { describe, expect, inject, it } from 'vitest';
import { Heard, type HeardProblem } from '../src/index';
import { eventCounts, newSite, queryD1, storeEveryEvent } from './collector';
import { type NetworkFault, seeded, startFlakyNetwork } from './proxy';

const DAY = 86_400_000;

/** Starts the sender fixture: a Node process that uses the built SDK. */
function sender(endpoint: string, secretKey: string, count: number, run = '') {
  const child = spawn(
    process.execPath,
    [new URL('./fixtures/sender.mjs', import.meta.url).pathname, endpoint, secretKey, String(count), run],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  const queued = new Promise<void>((resolve) => child.stdout.on('data', () => output.includes('queued') && resolve()));
  return { child, queued, output: () => output };
}

const exited = async (child: ChildProcess) =>
  child.exitCode !== null ? child.exitCode : (await once(child, 'exit'))[0];

const waitUntil = async (condition: () => boolean, timeoutMs = 30_000) => {
  const start = Date.now();
  while (!condition()) {
    if (Date.now() - start > timeoutMs) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
};

describe('@heard/node against the real collector', () => {
  it('delivers track, identify and answer through /v1/batch, trusted events included, each once', async () => {
    const site = await newSite();
    const { url } = inject('collector');
    const problems: HeardProblem[] = [];
    const heard = new Heard({ secretKey: site.secretKey, endpoint: `${url}/`, onError: (p) => problems.push(p) });
    heard.identify('u1', { plan: 'pro', account: 'acme' });
    heard.track('u1', 'revenue', { kind: 'new' }, { value: 49, ts: new Date(Date.now() - 2 * DAY) });
    heard.track('u1', 'ticket_resolved', undefined, { entity: 'T-1' });
    heard.answer({ kind: 'nps', score: 9, userId: 'u1', comment: 'Fast', ts: Date.now() - 3 * 365 * DAY });
    heard.answer({ kind: 'ces', score: 6, userId: 'u1' });
    await heard.flush();
    expect(problems).toEqual([]);
    expect(heard.stats).toMatchObject({ accepted: 5, duplicates: 0, rejected: 0, dropped: 0, requests: 1, queued: 0 });
    expect(queryD1('SELECT name, value, entity FROM events WHERE site_id = ? ORDER BY name', site.id)).toEqual([
      { name: 'identify', value: null, entity: null },
      { name: 'revenue', value: 49, entity: null },
      { name: 'ticket_resolved', value: null, entity: 'T-1' },
    ]);
    expect(
      queryD1('SELECT kind, score, scale_min, scale_max FROM answers WHERE site_id = ? ORDER BY kind', site.id),
    ).toEqual([
      { kind: 'ces', score: 6, scale_min: 1, scale_max: 7 },
      { kind: 'nps', score: 9, scale_min: 0, scale_max: 10 },
    ]);
    await heard.shutdown();
  });

  it('sends 10,000 events through a flaky network and the collector holds exactly 10,000', async () => {
    const site = await newSite();
    await storeEveryEvent(site); // each event's props are read back below
    const random = seeded(17);
    // About four requests in ten fail: cut before or after the collector stored them, 500s, 429s.
    const pick = (): NetworkFault => {
      const r = random();
      return r < 0.12 ? 'drop' : r < 0.24 ? 'dropAfterStore' : r < 0.34 ? '500' : r < 0.4 ? '429' : 'ok';
    };
    const network = await startFlakyNetwork(inject('collector').url, pick);
    const problems: HeardProblem[] = [];
    const heard = new Heard({
      secretKey: site.secretKey,
      endpoint: network.url,
      flushAt: 500,
      maxQueue: 10_000,
      maxRetries: 30,
      onError: (p) => problems.push(p),
    });
    for (let i = 0; i < 10_000; i++) heard.track(`user-${i % 100}`, 'page_viewed', { i });
    await heard.shutdown({ timeoutMs: 110_000 });
    await network.close();
    expect(problems).toEqual([]);
    expect(eventCounts(site.id)).toEqual({ rows: 10_000, ids: 10_000 });
    expect(
      queryD1("SELECT COUNT(DISTINCT json_extract(props, '$.i')) AS n FROM events WHERE site_id = ?", site.id),
    ).toEqual([{ n: 10_000 }]);
    // The network really failed, batches the collector had stored were sent again, and they
    // counted as duplicates, not as new events: each batch was settled by exactly one answer.
    expect(network.stats.faults.dropAfterStore).toBeGreaterThan(0);
    expect(network.stats.faults.drop + network.stats.faults['500'] + network.stats.faults['429']).toBeGreaterThan(0);
    expect(heard.stats.duplicates).toBeGreaterThan(0);
    expect(heard.stats.accepted + heard.stats.duplicates).toBe(10_000);
    expect(heard.stats.retries).toBeGreaterThan(0);
  });

  it('a process stopped (SIGTERM) mid-batch finishes the batch and the rest before it exits', async () => {
    const site = await newSite();
    const network = await startFlakyNetwork(inject('collector').url);
    network.faults = ['stall'];
    const run = sender(network.url, site.secretKey, 2_000);
    await run.queued;
    await waitUntil(() => network.stats.requests >= 1);
    // The first batch is in flight (held by the network) when the process is told to stop.
    expect(network.stats.forwarded).toBe(0);
    run.child.kill('SIGTERM');
    expect(await exited(run.child)).toBe(0);
    await network.close();
    expect(eventCounts(site.id)).toEqual({ rows: 2_000, ids: 2_000 });
    expect(JSON.parse(run.output().trim().split('\n').at(-1) ?? '{}')).toMatchObject({ accepted: 2_000, dropped: 0 });
  });

  it('a process killed outright after the collector stored a batch: the re-run with the same ids adds only the rest', async () => {
    const site = await newSite();
    const network = await startFlakyNetwork(inject('collector').url);
    network.faults = ['holdAfterStore'];
    const first = sender(network.url, site.secretKey, 1_500, 'import-1');
    await first.queued;
    await waitUntil(() => network.stats.forwarded >= 1);
    first.child.kill('SIGKILL');
    await exited(first.child);
    expect(eventCounts(site.id)).toEqual({ rows: 500, ids: 500 });
    const again = sender(network.url, site.secretKey, 1_500, 'import-1');
    await again.queued;
    again.child.kill('SIGTERM');
    expect(await exited(again.child)).toBe(0);
    await network.close();
    expect(eventCounts(site.id)).toEqual({ rows: 1_500, ids: 1_500 });
    expect(JSON.parse(again.output().trim().split('\n').at(-1) ?? '{}')).toMatchObject({
      accepted: 1_000,
      duplicates: 500,
    });
  });

  it('waits as Retry-After says after a 429, and retries a 500 with backoff', async () => {
    const site = await newSite();
    const network = await startFlakyNetwork(inject('collector').url);
    network.faults = ['429', '500'];
    const times: number[] = [];
    const heard = new Heard({
      secretKey: site.secretKey,
      endpoint: network.url,
      fetch: (input, init) => {
        times.push(Date.now());
        return fetch(input, init);
      },
    });
    heard.track('u1', 'activated');
    await heard.flush();
    await network.close();
    expect(times).toHaveLength(3);
    expect((times[1] as number) - (times[0] as number)).toBeGreaterThanOrEqual(950);
    expect(heard.stats).toMatchObject({ accepted: 1, retries: 2 });
    expect(eventCounts(site.id)).toEqual({ rows: 1, ids: 1 });
    await heard.shutdown();
  });

  it('never throws into the caller: bad items come back as rejected, a bad key as refused, a full queue as dropped', async () => {
    const site = await newSite();
    const { url } = inject('collector');
    const problems: HeardProblem[] = [];
    const heard = new Heard({ secretKey: site.secretKey, endpoint: url, onError: (p) => problems.push(p) });
    expect(() => {
      heard.track('u1', 'has spaces');
      heard.track(undefined as unknown as string, 'activated');
      heard.answer({ kind: 'nps', score: 11, userId: 'u1' });
      heard.track('u1', 'activated');
      heard.identify('u1', null as unknown as Record<string, string>);
    }).not.toThrow();
    await heard.flush();
    expect(eventCounts(site.id)).toEqual({ rows: 1, ids: 1 });
    expect(problems.map((p) => [p.reason, p.items.map((i) => i.type)])).toEqual([
      ['rejected', ['answers', 'events', 'events', 'events']],
    ]);
    expect(problems[0]?.items[0]?.issues?.[0]).toMatchObject({ path: 'score' });

    const badKey = new Heard({ secretKey: 'sk_nope', endpoint: url, onError: (p) => problems.push(p) });
    badKey.track('u1', 'activated');
    await badKey.flush();
    expect(problems.at(-1)).toMatchObject({ reason: 'refused', message: expect.stringContaining('401') });
    expect(badKey.stats).toMatchObject({ requests: 1, dropped: 1 });

    const unreachable = new Heard({
      secretKey: site.secretKey,
      endpoint: 'http://127.0.0.1:9',
      maxQueue: 10,
      maxRetries: 0,
      flushAt: 1000,
      onError: (p) => problems.push(p),
    });
    for (let i = 0; i < 15; i++) unreachable.track('u1', 'activated');
    expect(problems.filter((p) => p.reason === 'queue_full')).toHaveLength(5);
    await unreachable.shutdown();
    expect(problems.at(-1)).toMatchObject({ reason: 'retries' });
    expect(unreachable.stats).toMatchObject({ dropped: 15, queued: 0 });
    unreachable.track('u1', 'late');
    expect(problems.at(-1)).toMatchObject({ reason: 'shutdown' });
  });

  it('makes a signed personal link to a survey, and reports a refusal without throwing', async () => {
    const site = await newSite();
    const { url } = inject('collector');
    const created = await fetch(`${url}/v1/surveys`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${site.secretKey}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: 'After a ticket', kind: 'csat', texts: { en: { question: 'How did we do?' } } }),
    });
    const survey = (await created.json()) as { id: string };
    const problems: HeardProblem[] = [];
    const heard = new Heard({ secretKey: site.secretKey, endpoint: url, onError: (p) => problems.push(p) });
    const link = await heard.link({ survey: survey.id, userId: 'cust-7', props: { entity: 'T-1042' } });
    expect(link?.url).toMatch(new RegExp(`^${url}/s/[A-Za-z0-9_-]{43}$`));
    expect(Object.keys(link?.scores ?? {})).toEqual(['1', '2', '3', '4', '5']);
    expect(link?.html).toContain('How did we do?');
    // The token names no one: the user and the ticket are not in the URL.
    expect(link?.url).not.toMatch(/cust-7|T-1042/);
    const page = await fetch(link?.url ?? '');
    expect(page.status).toBe(200);
    expect(await heard.link({ survey: 'srv_nope', userId: 'cust-7' })).toBeNull();
    expect(problems).toEqual([
      expect.objectContaining({ reason: 'refused', message: expect.stringMatching(/^link: 404/) }),
    ]);
    await heard.shutdown();
  });

  it('ships ESM and CommonJS builds of the same client', async () => {
    const require = createRequire(import.meta.url);
    const cjs = require('../dist/index.cjs') as typeof import('../src/index');
    // A path in a variable: the build is made by `pnpm build`, after `pnpm check` compiles this file.
    const esmPath = '../dist/index.js';
    const esm = (await import(esmPath)) as typeof import('../src/index');
    for (const build of [cjs, esm]) {
      const site = await newSite();
      const heard = new build.Heard({ secretKey: site.secretKey, endpoint: inject('collector').url });
      heard.track('u1', 'activated');
      await heard.shutdown();
      expect(heard.stats.accepted).toBe(1);
    }
  });
});
