import type { Page } from 'playwright-core';
import { expect, inject, it } from 'vitest';
import { useBrowser } from '../browser';

const browser = useBrowser();

type HeardStub = (...args: unknown[]) => void;

/** Collect requests a page makes, counted as they leave. */
function countCollects(page: Page) {
  const sent: string[] = [];
  page.on('request', (request) => {
    if (request.url().endsWith('/v1/collect')) sent.push(request.postData() ?? '');
  });
  return sent;
}

/** Calls track and ask, answers if a prompt shows, and waits long enough for anything to leave. */
async function trackAndAsk(page: Page) {
  await page.waitForFunction(
    () => typeof (window as unknown as { heard?: { init?: unknown } }).heard?.init === 'function',
  );
  await page.evaluate(() => {
    const heard = (window as unknown as { heard: HeardStub }).heard;
    heard('track', 'privacy_probe');
    heard('ask', 'nps');
  });
  await page.waitForTimeout(1500);
}

it('with Global Privacy Control on, the widget sends nothing, stores nothing, asks nothing and sets no cookie', async () => {
  const { demo } = inject('stack');
  // Control: the same steps without GPC send the event at once.
  const control = await browser().newPage();
  const controlSent = countCollects(control);
  await control.goto(demo);
  await trackAndAsk(control);
  expect(controlSent.some((body) => body.includes('privacy_probe'))).toBe(true);
  expect(await control.locator('heard-prompt').count()).toBe(1);
  await control.close();

  const context = await browser().newContext();
  await context.addInitScript(() => {
    Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', { get: () => true, configurable: true });
  });
  const page = await context.newPage();
  const sent = countCollects(page);
  await page.goto(demo);
  expect(
    await page.evaluate(() => (navigator as Navigator & { globalPrivacyControl?: boolean }).globalPrivacyControl),
  ).toBe(true);
  await trackAndAsk(page);
  expect(sent).toEqual([]);
  expect(await page.locator('heard-prompt').count()).toBe(0);
  expect(await page.evaluate(() => localStorage.getItem('heard:aid'))).toBeNull();
  expect(await context.cookies()).toEqual([]);
  await context.close();
});

it('Do Not Track is honoured when the site opts in (respectDoNotTrack), and only then', async () => {
  const { demo, collector, publicKey } = inject('stack');
  for (const respectDoNotTrack of [false, true]) {
    const context = await browser().newContext();
    await context.addInitScript(() => {
      Object.defineProperty(Navigator.prototype, 'doNotTrack', { get: () => '1', configurable: true });
    });
    const page = await context.newPage();
    const sent = countCollects(page);
    await page.goto(demo);
    await page.waitForFunction(
      () => typeof (window as unknown as { heard?: { init?: unknown } }).heard?.init === 'function',
    );
    await page.evaluate(
      ([site, endpoint, respect]) =>
        (window as unknown as { heard: HeardStub }).heard('init', { site, endpoint, respectDoNotTrack: respect }),
      [publicKey, collector, respectDoNotTrack] as const,
    );
    await trackAndAsk(page);
    expect(
      sent.some((body) => body.includes('privacy_probe')),
      `respectDoNotTrack: ${respectDoNotTrack}`,
    ).toBe(!respectDoNotTrack);
    expect(await context.cookies()).toEqual([]);
    await context.close();
  }
});
