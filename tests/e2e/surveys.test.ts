import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { createSite } from '../../scripts/stack.mjs';
import { useBrowser } from '../browser';

const browser = useBrowser();

interface Site {
  publicKey: string;
  secretKey: string;
}

/** A site of its own per test, so one test's surveys never show in another. */
async function newSite(name: string): Promise<Site> {
  const { collector, adminToken, demo } = inject('stack');
  return createSite(collector, adminToken, name, [demo]);
}

async function addSurvey(site: Site, survey: Record<string, unknown>): Promise<string> {
  const { collector } = inject('stack');
  const response = await fetch(`${collector}/v1/surveys`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${site.secretKey}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ status: 'active', ...survey }),
  });
  if (response.status !== 201) throw new Error(`survey: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { id: string }).id;
}

type Shown = { kind: string; survey?: string; path: string };

interface OpenOptions {
  /** Identified before the widget loads. */
  user?: string;
  /** Another tab of the same browser context: a new session, the same localStorage. */
  context?: BrowserContext;
  /** Hide the Navigation API, so the widget falls back to history.pushState and popstate. */
  withoutNavigationApi?: boolean;
}

/** Opens a route of the single-page demo app for a site, in a new browser context unless told. */
async function open(site: Site, route: string, { user, context, withoutNavigationApi }: OpenOptions = {}) {
  const tab = await (context ?? (await browser().newContext())).newPage();
  if (withoutNavigationApi) {
    await tab.addInitScript(() =>
      Object.defineProperty(window, 'navigation', { value: undefined, configurable: true }),
    );
  }
  if (user) {
    await tab.addInitScript((id) => {
      const w = window as unknown as { heard: ((...a: unknown[]) => void) & { q?: unknown[] } };
      const q: unknown[] = [];
      w.heard = Object.assign((...args: unknown[]) => q.push(args), { q });
      w.heard('identify', id);
    }, user);
  }
  const active = tab.waitForResponse((r) => r.url().includes('/v1/surveys/active') && r.status() === 200);
  await tab.goto(`${inject('stack').demo}${route}?key=${site.publicKey}`);
  await active;
  return tab;
}

const shown = (page: Page) => page.evaluate(() => (window as unknown as { shown: Shown[] }).shown);
const heard = (page: Page, ...args: unknown[]) =>
  page.evaluate((a) => (window as unknown as { heard: (...x: unknown[]) => void }).heard(...a), args);
const prompt = (page: Page) => page.locator('heard-prompt');
/** Displays the widget sent to the collector. */
function displaysSent(page: Page) {
  const displays: { action: string; survey?: string }[] = [];
  page.on('request', (request) => {
    if (request.url().endsWith('/v1/collect'))
      displays.push(...(JSON.parse(request.postData() ?? '{}').displays ?? []));
  });
  return displays;
}

describe('surveys in real Chromium', () => {
  it("asks CES after track('ticket_resolved'), not before, and records the display", async () => {
    const site = await newSite('ces');
    const id = await addSurvey(site, {
      name: 'CES after support',
      kind: 'ces',
      texts: { en: { question: 'How easy was it to get your ticket resolved?' } },
      targeting: { triggers: [{ type: 'event', name: 'ticket_resolved' }] },
    });
    const page = await open(site, '/app/tickets');
    const displays = displaysSent(page);
    await heard(page, 'track', 'ticket_opened');
    await page.waitForTimeout(500);
    expect(await shown(page)).toEqual([]);

    const displayStored = page.waitForResponse(
      (r) => r.url().endsWith('/v1/collect') && (JSON.parse(r.request().postData() ?? '{}').displays ?? []).length > 0,
    );
    await heard(page, 'track', 'ticket_resolved', { channel: 'chat' });
    await expect
      .poll(() =>
        prompt(page).getByRole('region', { name: 'How easy was it to get your ticket resolved?', exact: true }).count(),
      )
      .toBe(1);
    // The collector stores the display: the denominator of the response rate.
    expect(await (await displayStored).json()).toMatchObject({ accepted: 1, rejected: [] });
    expect(await shown(page)).toEqual([{ kind: 'ces', survey: id, path: '/app/tickets' }]);
    // The CES 1–7 scale of the configured survey.
    expect(await prompt(page).getByRole('radio').count()).toBe(7);
    // The outbox batches every kind of item together: wait for the request that carries an answer.
    const answered = page.waitForResponse(
      (r) => r.url().endsWith('/v1/collect') && (JSON.parse(r.request().postData() ?? '{}').answers ?? []).length > 0,
    );
    await prompt(page).getByRole('radio', { name: '6', exact: true }).click();
    expect(JSON.parse((await answered).request().postData() ?? '{}').answers[0]).toMatchObject({
      kind: 'ces',
      score: 6,
      survey: id,
    });
    await expect.poll(() => displays).toContainEqual(expect.objectContaining({ action: 'shown', survey: id }));
    await page.context().close();
  });

  it('shows a URL-targeted survey only on its page, following pushState routes', async () => {
    const site = await newSite('url');
    const { demo } = inject('stack');
    const id = await addSurvey(site, {
      name: 'billing CSAT',
      kind: 'csat',
      texts: { en: { question: 'How satisfied are you with billing?' } },
      targeting: { pages: [{ op: 'startsWith', value: `${demo}/app/billing` }] },
    });
    const page = await open(site, '/app/home');
    await page.getByRole('link', { name: 'Tickets' }).click();
    await page.waitForTimeout(500);
    expect(await shown(page)).toEqual([]);
    await page.getByRole('link', { name: 'Billing' }).click();
    await expect.poll(() => shown(page)).toEqual([{ kind: 'csat', survey: id, path: '/app/billing' }]);
    await expect
      .poll(() =>
        prompt(page).getByRole('region', { name: 'How satisfied are you with billing?', exact: true }).count(),
      )
      .toBe(1);
    await page.context().close();
  });

  it.each([
    ['the Navigation API', false],
    ['history.pushState (no Navigation API)', true],
  ])(
    'cancels a delayed survey when the single-page app navigates away, following %s',
    async (_, withoutNavigationApi) => {
      const site = await newSite('delay');
      const id = await addSurvey(site, {
        name: 'checkout NPS',
        kind: 'nps',
        texts: { en: { question: 'Would you recommend our checkout?' } },
        targeting: { pages: [{ op: 'contains', value: '/app/checkout' }], delaySeconds: 2 },
      });
      const page = await open(site, '/app/checkout', { withoutNavigationApi });
      const patched = await page.evaluate(() => !String(history.pushState).includes('[native code]'));
      expect(patched).toBe(withoutNavigationApi);
      const displays = displaysSent(page);
      await page.waitForTimeout(800);
      await page.getByRole('link', { name: 'Home' }).click();
      await page.waitForTimeout(2500);
      expect(await shown(page)).toEqual([]);
      expect(await prompt(page).count()).toBe(0);
      expect(displays).toEqual([]);

      // Staying on the page for the whole delay does show it: the cancellation above was the navigation.
      await page.getByRole('link', { name: 'Checkout' }).click();
      await page.waitForTimeout(1000);
      expect(await shown(page)).toEqual([]);
      await expect
        .poll(() => shown(page), { timeout: 5000 })
        .toEqual([{ kind: 'nps', survey: id, path: '/app/checkout' }]);
      await page.context().close();
    },
  );

  it('shows only the higher-priority survey when two are eligible, and nothing more that session', async () => {
    const site = await newSite('priority');
    await addSurvey(site, {
      name: 'low',
      kind: 'csat',
      priority: 1,
      texts: { en: { question: 'Low priority question?' } },
    });
    const high = await addSurvey(site, {
      name: 'high',
      kind: 'nps',
      priority: 9,
      texts: { en: { question: 'High priority question?' } },
    });
    const page = await open(site, '/app/home');
    await expect.poll(() => shown(page)).toEqual([{ kind: 'nps', survey: high, path: '/app/home' }]);
    await page.waitForTimeout(1000);
    expect(await shown(page)).toHaveLength(1);
    expect(await prompt(page).count()).toBe(1);
    await prompt(page).getByRole('button', { name: 'Close' }).click();
    await page.getByRole('link', { name: 'Billing' }).click();
    await page.reload();
    await page.waitForTimeout(1000);
    expect(await shown(page)).toEqual([]);
    expect(await page.getByText('Low priority question?').count()).toBe(0);
    await page.context().close();
  });

  it('does not ask the same identified user again on another device within the re-contact window', async () => {
    const site = await newSite('recontact');
    const id = await addSurvey(site, {
      name: 'activation NPS',
      kind: 'nps',
      texts: { en: { question: 'Now that you are set up, would you recommend us?' } },
      targeting: { triggers: [{ type: 'event', name: 'activated' }], recontactDays: 30 },
    });
    const first = await open(site, '/app/home', { user: 'user-recontact' });
    await heard(first, 'track', 'activated');
    await expect.poll(() => shown(first)).toEqual([{ kind: 'nps', survey: id, path: '/app/home' }]);
    const answered = first.waitForResponse(
      (r) => r.url().endsWith('/v1/collect') && (JSON.parse(r.request().postData() ?? '{}').answers ?? []).length > 0,
    );
    await prompt(first).getByRole('radio', { name: '9', exact: true }).click();
    expect((await answered).status()).toBe(200);
    await first.context().close();

    // A second browser context shares nothing with the first: only the collector knows.
    const second = await open(site, '/app/home', { user: 'user-recontact' });
    await heard(second, 'track', 'activated');
    await second.waitForTimeout(1000);
    expect(await shown(second)).toEqual([]);
    await second.context().close();

    const someoneElse = await open(site, '/app/home', { user: 'user-other' });
    await heard(someoneElse, 'track', 'activated');
    await expect.poll(() => shown(someoneElse)).toEqual([{ kind: 'nps', survey: id, path: '/app/home' }]);
    await someoneElse.context().close();
  });

  it("ask(surveyId) shows a configured survey without its trigger, under the caller's explicit options", async () => {
    const site = await newSite('ask');
    const id = await addSurvey(site, {
      name: 'three-point CSAT',
      kind: 'csat',
      scale: [1, 3],
      texts: { en: { question: 'Configured question?', thanks: 'Merci!' } },
      targeting: { triggers: [{ type: 'event', name: 'never_happens' }] },
    });
    const page = await open(site, '/app/home');
    expect(await shown(page)).toEqual([]);
    await heard(page, 'ask', id);
    await expect
      .poll(() => prompt(page).getByRole('region', { name: 'Configured question?', exact: true }).count())
      .toBe(1);
    expect(await prompt(page).getByRole('radio').count()).toBe(3);
    const answered = page.waitForResponse(
      (r) => r.url().endsWith('/v1/collect') && (JSON.parse(r.request().postData() ?? '{}').answers ?? []).length > 0,
    );
    await prompt(page).getByRole('radio', { name: '3', exact: true }).click();
    expect(JSON.parse((await answered).request().postData() ?? '{}').answers[0]).toMatchObject({
      kind: 'csat',
      score: 3,
      scale: [1, 3],
      survey: id,
    });
    // The follow-up (asked by default) comes before the survey's thanks.
    await prompt(page).getByRole('button', { name: 'Send' }).click();
    await expect.poll(() => prompt(page).getByRole('status').textContent()).toBe('Merci!');
    await page.context().close();

    const other = await open(site, '/app/home');
    await heard(other, 'ask', id, { question: 'Caller question?' });
    await expect
      .poll(() => prompt(other).getByRole('region', { name: 'Caller question?', exact: true }).count())
      .toBe(1);
    expect(await prompt(other).getByRole('region', { name: 'Configured question?', exact: true }).count()).toBe(0);
    expect(await prompt(other).getByRole('radio').count()).toBe(3);
    await other.context().close();
  });

  it('remembers an anonymous dismissal in the browser: a new session does not ask again', async () => {
    const site = await newSite('anonymous');
    const id = await addSurvey(site, {
      name: 'welcome NPS',
      kind: 'nps',
      texts: { en: { question: 'Welcome question?' } },
      targeting: { dismissDays: 14 },
    });
    const first = await open(site, '/app/home');
    const displays = displaysSent(first);
    await expect.poll(() => shown(first)).toEqual([{ kind: 'nps', survey: id, path: '/app/home' }]);
    await prompt(first).getByRole('button', { name: 'Close' }).click();
    await expect.poll(() => displays).toContainEqual(expect.objectContaining({ action: 'dismissed', survey: id }));

    const secondTab = await open(site, '/app/home', { context: first.context() });
    await secondTab.waitForTimeout(1000);
    expect(await shown(secondTab)).toEqual([]);
    await first.context().close();

    const stranger = await open(site, '/app/home');
    await expect.poll(() => shown(stranger)).toEqual([{ kind: 'nps', survey: id, path: '/app/home' }]);
    await stranger.context().close();
  });

  it('keeps the targeting chunk off later pages of a session once it knows the site has no survey', async () => {
    const site = await newSite('no surveys');
    const page = await open(site, '/app/home');
    // The session learns it once the first page has stored the (empty) list, which happens after
    // the response that `open` waits for has been read: reloading earlier starts the session over.
    await page.waitForFunction(() => JSON.parse(sessionStorage.getItem('heard:a') ?? 'null')?.d.surveys.length === 0);
    const chunks: string[] = [];
    page.on('request', (request) => {
      if (/heard-targeting\.[0-9a-f]+\.js$/.test(request.url())) chunks.push(request.url());
    });
    await page.reload();
    // The widget decides after the load event, in an idle callback: one queued after it runs later.
    await page.evaluate(() => new Promise((resolve) => requestIdleCallback(resolve)));
    expect(chunks).toEqual([]);
    // A prompt still loads it, to record the display.
    await heard(page, 'ask', 'nps');
    await expect.poll(() => chunks.length).toBe(1);
    await page.context().close();
  });
});
