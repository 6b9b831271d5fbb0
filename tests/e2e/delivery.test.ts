import { writeFileSync } from 'node:fs';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, describe, expect, inject, it } from 'vitest';
import { createSite } from '../../scripts/stack.mjs';
import { useBrowser } from '../browser';
import { queryD1 } from '../d1';
import { type FaultProxy, startFaultProxy } from '../fault-proxy';

// Every scenario: 20 answers given through the real prompt and 180 track() events, 200 items,
// from the real widget in real Chromium, through a fault-injecting proxy, into the real collector.
const ANSWERS = 20;
const EVENTS = 180;

const browser = useBrowser();
const cleanups: (() => Promise<unknown>)[] = [];
const figures: Record<string, unknown> = {};

afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup().catch(() => {});
});
afterAll(() => {
  console.log(`delivery figures:\n${JSON.stringify(figures, null, 2)}`);
  try {
    writeFileSync(new URL('../artifacts/delivery.json', import.meta.url), JSON.stringify(figures, null, 2));
  } catch {}
});

type Window = {
  heard: ((...args: unknown[]) => void) & { on?: (event: string, cb: (payload: never) => void) => void };
  answered: string[];
  errors: string[];
};

interface Scenario {
  proxy: FaultProxy;
  site: { id: string; publicKey: string };
  context: BrowserContext;
  /** Opens a new tab on the test page, or re-attaches the listeners to a reloaded one. */
  open(page?: Page): Promise<Page>;
}

async function scenario(name: string): Promise<Scenario> {
  const { collector, adminToken } = inject('stack');
  const proxy = await startFaultProxy(collector);
  const site = await createSite(collector, adminToken, name, [proxy.pageOrigin]);
  // The checks read the raw `step` events: a new site stores only the events its settings name.
  const stored = await fetch(`${collector}/v1/settings`, {
    method: 'PATCH',
    headers: { Authorization: `Bearer ${site.secretKey}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ events: { store: 'all' } }),
  });
  if (stored.status !== 200) throw new Error(`settings: ${stored.status}`);
  const context = await browser().newContext();
  cleanups.push(
    () => context.close(),
    () => proxy.close(),
  );
  const open = async (page?: Page) => {
    const tab = page ?? (await context.newPage());
    if (!page) await tab.goto(proxy.page(site.publicKey));
    await tab.waitForFunction(() => typeof (window as unknown as Window).heard.on === 'function');
    await tab.evaluate(() => {
      const w = window as unknown as Window;
      w.answered = [];
      w.errors = [];
      w.heard.on?.('answered', ({ answer }: { answer: { id: string } }) => w.answered.push(answer.id));
      w.heard.on?.('error', ({ error }: { error: unknown }) => w.errors.push(String(error)));
    });
    return tab;
  };
  return { proxy, site, context, open };
}

/** Answers NPS through the real prompt `count` times; returns the answers' ids. */
async function answerNps(page: Page, count: number): Promise<string[]> {
  // A tab in the background gets no animation frames, which clicking waits for.
  await page.bringToFront();
  for (let i = 0; i < count; i++) {
    await page.evaluate(() => (window as unknown as Window).heard('ask', 'nps'));
    await page
      .locator('heard-prompt')
      .getByRole('radio', { name: String(i % 11), exact: true })
      .click();
  }
  return page.evaluate(() => (window as unknown as Window).answered.slice());
}

/** Tracks `step` events numbered from `from` up to `to` (excluded). */
async function track(page: Page, from: number, to: number) {
  await page.evaluate(
    ([a, b]) => {
      for (let n = a; n < b; n++) (window as unknown as Window).heard('track', 'step', { n });
    },
    [from, to] as const,
  );
}

/** Items of the site still in the page's outbox (localStorage). */
function pending(page: Page, publicKey: string): Promise<number> {
  return page.evaluate(
    (prefix) => Object.keys(localStorage).filter((k) => k.startsWith(prefix) && !k.endsWith(':lock')).length,
    `heard:${publicKey}:`,
  );
}

/** Waits until every page's outbox is empty and nothing is in flight through the proxy. */
async function settled(run: Scenario, pages: Page[]) {
  await expect
    .poll(
      async () => {
        const left = await Promise.all(pages.map((page) => pending(page, run.site.publicKey)));
        return left.every((n) => n === 0) && run.proxy.open() === 0;
      },
      { timeout: 60_000, interval: 250 },
    )
    .toBe(true);
}

/** D1 holds each of the 200 items exactly once, and the rollup agrees with the raw rows. */
async function expectExactlyOnce(run: Scenario, answered: string[], name: string) {
  const id = run.site.id;
  const [counts] = queryD1(`SELECT
      (SELECT COUNT(*) FROM answers WHERE site_id = '${id}') AS answers,
      (SELECT COUNT(*) FROM events WHERE site_id = '${id}') AS events,
      (SELECT COUNT(DISTINCT json_extract(props, '$.n')) FROM events WHERE site_id = '${id}') AS steps,
      (SELECT MIN(json_extract(props, '$.n')) FROM events WHERE site_id = '${id}') AS firstStep,
      (SELECT MAX(json_extract(props, '$.n')) FROM events WHERE site_id = '${id}') AS lastStep,
      (SELECT COALESCE(SUM(n), 0) FROM answer_rollup WHERE site_id = '${id}') AS rolled,
      (SELECT COUNT(*) FROM displays WHERE site_id = '${id}' AND action = 'shown') AS shown,
      (SELECT COUNT(*) FROM answer_rollup r WHERE r.site_id = '${id}' AND r.n != (
         SELECT COUNT(*) FROM answers a WHERE a.site_id = r.site_id AND a.kind = r.kind AND a.day = r.day
           AND a.survey = r.survey AND a.scale_min = r.scale_min AND a.scale_max = r.scale_max
           AND a.direction = r.direction AND a.score = r.score)) AS rollupMismatches`);
  expect(counts).toEqual({
    answers: ANSWERS,
    events: EVENTS,
    steps: EVENTS,
    firstStep: 0,
    lastStep: EVENTS - 1,
    rolled: ANSWERS,
    // Each prompt also records one display (`shown`), an item of the outbox like the others.
    shown: ANSWERS,
    rollupMismatches: 0,
  });
  const stored = queryD1<{ id: string }>(`SELECT id FROM answers WHERE site_id = '${id}'`);
  expect(stored.map((row) => row.id).sort()).toEqual([...answered].sort());
  const { stats } = run.proxy;
  // The collector itself counted each item new exactly once, whatever was re-sent.
  expect(stats.accepted).toBe(ANSWERS + EVENTS + ANSWERS);
  expect(stats.preflights).toBe(0);
  figures[name] = {
    attempts: stats.attempts,
    faultsInjected: stats.faultsInjected,
    forwardedToCollector: stats.forwarded,
    itemsSent: stats.itemsSent.length,
    uniqueItemsSent: new Set(stats.itemsSent).size,
    collectorAccepted: stats.accepted,
    collectorDuplicates: stats.duplicates,
  };
}

describe('delivery: every answer and event reaches D1 exactly once', () => {
  it('when the collector fails the first 3 attempts with 500, cuts connections before and after storing, and answers 429', async () => {
    const run = await scenario('faults');
    const page = await run.open();
    // Each phase's faults hit its first attempts: nothing can be delivered without getting past them.
    run.proxy.faults = ['500', '500', '500'];
    const answered = await answerNps(page, ANSWERS);
    await track(page, 0, 30);
    await settled(run, [page]);
    const phases: [FaultProxy['faults'], number, number][] = [
      [['abort'], 30, 80],
      [['abortAfterStore'], 80, 130],
      [['429'], 130, EVENTS],
    ];
    for (const [faults, from, to] of phases) {
      run.proxy.faults = faults;
      await track(page, from, to);
      await settled(run, [page]);
      expect(run.proxy.faults).toEqual([]);
    }
    await expectExactlyOnce(run, answered, 'collector faults');
    expect(run.proxy.stats.faultsInjected).toBe(6);
    // The batch the collector stored but whose answer was cut came back as duplicates.
    expect(run.proxy.stats.duplicates).toBeGreaterThan(0);
    expect(await page.evaluate(() => (window as unknown as Window).errors)).toEqual([]);
  }, 120_000);

  it('when the browser goes offline and comes back', async () => {
    const run = await scenario('offline');
    const page = await run.open();
    // One answer online first, so the prompt's code is loaded before the network goes away.
    await answerNps(page, 1);
    await settled(run, [page]);
    const attemptsOnline = run.proxy.stats.attempts;
    await run.context.setOffline(true);
    const answered = await answerNps(page, ANSWERS - 1);
    await track(page, 0, EVENTS);
    await page.waitForTimeout(3000);
    // Paused while offline: everything waits in storage, nothing is attempted.
    expect(run.proxy.stats.attempts).toBe(attemptsOnline);
    // Each answer offline waits with its prompt's display.
    expect(await pending(page, run.site.publicKey)).toBe(2 * (ANSWERS - 1) + EVENTS);
    await run.context.setOffline(false);
    await settled(run, [page]);
    await expectExactlyOnce(run, answered, 'offline and back');
  }, 120_000);

  it('when the page reloads while batches are in flight', async () => {
    const run = await scenario('reload');
    const page = await run.open();
    const answered = await answerNps(page, ANSWERS);
    // The collector now holds each attempt 1.5 s: the reload lands while one is in flight.
    run.proxy.faults = ['slow', 'slow', 'slow'];
    await track(page, 0, EVENTS);
    // The batch leaves the page asynchronously: wait until it is held at the proxy, in flight.
    await expect.poll(() => run.proxy.open()).toBeGreaterThan(0);
    const leftBeforeReload = await pending(page, run.site.publicKey);
    expect(leftBeforeReload).toBeGreaterThan(0);
    await page.reload();
    await run.open(page);
    await settled(run, [page]);
    await expectExactlyOnce(run, answered, 'reload mid-flight');
    (figures['reload mid-flight'] as Record<string, unknown>).pendingAtReload = leftBeforeReload;
  }, 120_000);

  it('when the tab closes with items waiting, the pagehide flush sends them with keepalive', async () => {
    const run = await scenario('tab closes');
    const page = await run.open();
    // The first attempt stays in flight until after the tab has closed, whatever the machine's load.
    run.proxy.faults = ['held'];
    await track(page, 0, 1);
    // Held once the proxy has read it: `attempts` counts collect posts only, while `open()` also
    // counts the survey list's GET, which can be in flight before the lazily loaded sending half
    // has made any attempt (it would then send all 60 items in the held attempt, and the pagehide
    // flush would rightly find nothing left to send).
    await expect.poll(() => run.proxy.stats.attempts).toBe(1);
    // These wait behind the held attempt; no later page view of the site will come for them.
    await track(page, 1, 60);
    expect(await pending(page, run.site.publicKey)).toBe(60);
    await page.close({ runBeforeUnload: true });
    await expect.poll(() => run.proxy.stats.attempts, { timeout: 10_000 }).toBe(2);
    // The flush carried the 59 that waited, not the one in flight.
    expect(new Set(run.proxy.stats.itemsSent).size).toBe(60);
    expect(run.proxy.stats.itemsSent).toHaveLength(60);
    await expect.poll(() => run.proxy.open(), { timeout: 10_000 }).toBe(0);
    const [row] = queryD1<{ events: number; steps: number }>(
      `SELECT COUNT(*) AS events, COUNT(DISTINCT json_extract(props, '$.n')) AS steps FROM events WHERE site_id = '${run.site.id}'`,
    );
    expect(row).toEqual({ events: 60, steps: 60 });
    expect(run.proxy.stats.accepted).toBe(60);
  }, 60_000);

  it('when storage is disabled or full, keeps items in memory and never throws into the page', async () => {
    const breakStorage = {
      disabled: `Object.defineProperty(window, 'localStorage', { get() { throw new DOMException('denied', 'SecurityError'); } });`,
      full: `Storage.prototype.setItem = function () { throw new DOMException('full', 'QuotaExceededError'); };`,
    };
    for (const [how, script] of Object.entries(breakStorage)) {
      const run = await scenario(`storage ${how}`);
      await run.context.addInitScript({ content: script });
      const page = await run.open();
      const pageErrors: Error[] = [];
      page.on('pageerror', (error) => pageErrors.push(error));
      run.proxy.faults = ['500'];
      await track(page, 0, 30);
      await expect.poll(() => run.proxy.stats.accepted, { timeout: 20_000 }).toBe(30);
      const [row] = queryD1<{ events: number }>(
        `SELECT COUNT(*) AS events FROM events WHERE site_id = '${run.site.id}'`,
      );
      expect(row, how).toEqual({ events: 30 });
      expect(run.proxy.stats.faultsInjected, how).toBe(1);
      expect(pageErrors, how).toEqual([]);
      expect(await page.evaluate(() => (window as unknown as Window).errors), how).toEqual([]);
    }
  }, 90_000);

  it('when two tabs of the site record at the same time and share one outbox', async () => {
    const run = await scenario('two tabs');
    run.proxy.faults = ['500', 'ok', 'abort'];
    const [tabA, tabB] = [await run.open(), await run.open()] as [Page, Page];
    const answered = [...(await answerNps(tabA, ANSWERS / 2)), ...(await answerNps(tabB, ANSWERS / 2))];
    await Promise.all([track(tabA, 0, EVENTS / 2), track(tabB, EVENTS / 2, EVENTS)]);
    await settled(run, [tabA, tabB]);
    await expectExactlyOnce(run, answered, 'two tabs');
  }, 120_000);
});
