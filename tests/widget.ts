import type { AskOptions, HeardEvents, InitOptions } from '@heard/widget';
import type { Browser, BrowserContextOptions, Page, Request } from 'playwright-core';
import { inject } from 'vitest';

type HeardWindow = Window & {
  heard: ((...args: unknown[]) => unknown) & { ask?: unknown };
  seen: { event: string; payload: unknown }[];
};

/** Opens a page of the test stack's demo server once the widget's loader has run. */
export async function open(browser: Browser, path = '/fixtures/host.html', context: BrowserContextOptions = {}) {
  const { demo } = inject('stack');
  const page = await (await browser.newContext({ viewport: { width: 1280, height: 800 }, ...context })).newPage();
  await page.goto(`${demo}${path}`);
  await page.waitForFunction(() => typeof (window as unknown as HeardWindow).heard?.ask === 'function');
  await page.evaluate(() => {
    const w = window as unknown as HeardWindow;
    w.seen = [];
    for (const event of ['shown', 'answered', 'dismissed', 'error'])
      w.heard('on', event, (payload: unknown) => w.seen.push({ event, payload }));
  });
  return page;
}

/**
 * Calls `heard('ask', kind, options)` in the page, as a script would (no user gesture). Answers
 * carry a survey id (`e2e` by default) so they stay out of other tests' unscoped scores.
 */
export function ask(page: Page, kind: string, options: AskOptions = {}) {
  const args: unknown[] = ['ask', kind, { survey: 'e2e', ...options }];
  return page.evaluate((a) => {
    (window as unknown as HeardWindow).heard(...a);
  }, args);
}

/** Calls `init()` again with the script tag's site and endpoint plus `extra`. */
export function reinit(page: Page, extra: Partial<InitOptions>) {
  return page.evaluate((more) => {
    const script = document.querySelector<HTMLScriptElement>('script[data-site]');
    if (!script?.dataset.site) throw new Error('no script tag');
    const w = window as unknown as HeardWindow;
    w.heard('init', { site: script.dataset.site, endpoint: new URL(script.src).origin, ...more });
  }, extra);
}

/** The `on()` events the page has seen so far, in order. */
export function seen(page: Page) {
  return page.evaluate(() => (window as unknown as HeardWindow).seen) as Promise<
    { event: keyof HeardEvents; payload: HeardEvents[keyof HeardEvents] }[]
  >;
}

/** The widget's card (the located element pierces the open shadow root). */
export const card = (page: Page) => page.locator('heard-prompt section.card');

/** Waits for the next collect request that satisfies `match`, and gives its body and answer. */
export async function collect(page: Page, match: (body: CollectBody) => boolean) {
  const request = await page.waitForRequest(
    (r: Request) => r.url().endsWith('/v1/collect') && match(r.postDataJSON() as CollectBody),
  );
  const response = await request.response();
  return { body: request.postDataJSON() as CollectBody, result: (await response?.json()) as Record<string, unknown> };
}

export interface CollectBody {
  site: string;
  answers?: HeardEvents['answered']['answer'][];
  displays?: { id: string; kind: string; action: string; survey?: string }[];
  events?: { id: string; name: string }[];
}
