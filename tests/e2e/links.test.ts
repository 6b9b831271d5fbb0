import axe from 'axe-core';
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { createSite } from '../../scripts/stack.mjs';
import { useBrowser } from '../browser';

const browser = useBrowser();
// `HEARD_SCREENSHOTS=1 pnpm vitest run tests/e2e/links.test.ts` refreshes docs/links.md's pictures of the page and the email.
const screenshots = process.env.HEARD_SCREENSHOTS ? new URL('../../docs/screenshots/', import.meta.url) : undefined;
const shoot = (page: Page, name: string) =>
  screenshots ? page.screenshot({ path: new URL(`${name}.png`, screenshots).pathname, fullPage: true }) : undefined;
const stack = inject('stack');
// A site of its own: its active survey must not show up on the pages other browser tests open.
let secret: Record<string, string> = {};

async function post<T>(path: string, body: unknown): Promise<T> {
  const response = await fetch(`${stack.collector}${path}`, {
    method: 'POST',
    headers: secret,
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
  return response.json() as Promise<T>;
}

interface Link {
  url: string;
  scores: Record<string, string>;
  html: string;
}

let surveyId: string;
beforeAll(async () => {
  const site = await createSite(stack.collector, stack.adminToken, 'link surveys (browser test)', []);
  secret = { Authorization: `Bearer ${site.secretKey}`, 'Content-Type': 'application/json' };
  const survey = await post<{ id: string }>('/v1/surveys', {
    name: 'CSAT after a ticket',
    kind: 'nps',
    texts: {
      en: { question: 'How likely are you to recommend Acme?' },
      ar: { question: 'ما مدى احتمال أن توصي بـ Acme؟' },
    },
    status: 'active',
  });
  surveyId = survey.id;
});

const newLink = (userId: string, locale?: string) =>
  post<Link>('/v1/links', {
    survey: surveyId,
    userId,
    props: { entity: `ticket-${userId}` },
    ...(locale ? { locale } : {}),
  });

/** The answers of this file's survey, from the export. */
async function answers() {
  const response = await fetch(`${stack.collector}/v1/export?format=ndjson&survey=${surveyId}`, { headers: secret });
  const text = await response.text();
  return text
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as { userId: string; score: number; comment: string | null; channel: string });
}

/** A page whose console messages (Chromium reports each CSP violation there) are kept. */
async function open(options: BrowserContextOptions, url: string) {
  const context = await (browser() as Browser).newContext(options);
  const page = await context.newPage();
  const messages: string[] = [];
  page.on('console', (message) => messages.push(`${message.type()}: ${message.text()}`));
  page.on('pageerror', (error) => messages.push(`pageerror: ${error.message}`));
  await page.goto(url);
  return { page, messages, close: () => context.close() };
}

async function violations(page: Page) {
  await page.addScriptTag({ content: axe.source });
  return page.evaluate(async () => {
    const { axe: run } = window as unknown as { axe: typeof axe };
    const results = await run.run(document, { resultTypes: ['violations'] });
    return results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  });
}

describe('the hosted survey page (/s/:token)', () => {
  it('with JavaScript off, answers an email score link and its comment once, with no CSP violation', async () => {
    const link = await newLink('js-off');
    // Mail scanners fetch every link: plain GETs record nothing.
    for (const url of Object.values(link.scores)) expect((await fetch(url)).status).toBe(200);
    expect(await answers()).toEqual([]);

    const { page, messages, close } = await open({ javaScriptEnabled: false }, link.scores['9'] as string);
    const nine = page.getByRole('radio', { name: '9', exact: true });
    expect(await nine.isChecked()).toBe(true);
    await page.getByRole('textbox', { name: 'What would make it even better?' }).fill('Quick reply');
    await page.getByRole('button', { name: 'Send' }).click();
    await expect.poll(() => page.getByRole('status').textContent()).toBe('Thank you!');
    // Back and send again (a double submit): still one answer.
    await page.goBack();
    await page.getByRole('button', { name: 'Send' }).click();
    await page.getByRole('status').waitFor();
    expect(messages).toEqual([]);
    await close();
    expect(await answers()).toEqual([
      expect.objectContaining({ userId: 'js-off', score: 9, comment: 'Quick reply', channel: 'email' }),
    ]);
  });

  it("with JavaScript on, records an email link's score on opening, and a changed choice, as one answer", async () => {
    const link = await newLink('js-on');
    const mine = async () => (await answers()).filter((a) => a.userId === 'js-on');
    const { page, messages, close } = await open({}, link.scores['2'] as string);
    await expect.poll(() => page.locator('form[data-recorded]').count()).toBe(1);
    expect(await mine()).toEqual([expect.objectContaining({ score: 2, channel: 'email', comment: null })]);
    // Opening it again (a second click in the email) does not count twice.
    await page.reload();
    await page.getByRole('radio', { name: '8', exact: true }).check();
    await expect.poll(async () => (await mine()).map((a) => a.score)).toEqual([8]);
    expect(messages).toEqual([]);
    await close();
  });

  it('asks for the comment after a score alone, and joins it to the same answer', async () => {
    const link = await newLink('later');
    const { page, messages, close } = await open({ javaScriptEnabled: false }, link.url);
    await page.getByRole('radio', { name: '3', exact: true }).check();
    await page.getByRole('button', { name: 'Send' }).click();
    await page.getByRole('textbox').fill('Too slow');
    await page.getByRole('button', { name: 'Send' }).click();
    await expect.poll(() => page.getByRole('textbox').count()).toBe(0);
    expect(messages).toEqual([]);
    await close();
    const mine = (await answers()).filter((a) => a.userId === 'later');
    expect(mine).toEqual([expect.objectContaining({ score: 3, comment: 'Too slow', channel: 'link' })]);
  });

  it('is axe-clean in light, dark and right-to-left, on the question and the thank-you page', async () => {
    for (const [locale, colorScheme] of [
      ['en', 'light'],
      ['en', 'dark'],
      ['ar', 'light'],
      ['ar', 'dark'],
    ] as const) {
      const link = await newLink(`axe-${locale}-${colorScheme}`, locale);
      // axe is injected as an inline script, which the page's own CSP (rightly) refuses.
      const { page, close } = await open({ colorScheme, bypassCSP: true }, link.scores['10'] as string);
      expect(await page.locator('html').getAttribute('dir')).toBe(locale === 'ar' ? 'rtl' : 'ltr');
      await shoot(page, `link-page-${locale === 'ar' ? 'rtl' : ''}${locale === 'ar' ? '-' : ''}${colorScheme}`);
      expect({ locale, colorScheme, violations: await violations(page) }).toEqual({
        locale,
        colorScheme,
        violations: [],
      });
      await page.getByRole('button').click();
      await page.getByRole('status').waitFor();
      expect({ locale, colorScheme, thanks: await violations(page) }).toEqual({ locale, colorScheme, thanks: [] });
      await close();
    }
  });

  it('reaches every score by keyboard, and shows a friendly page for an altered link', async () => {
    const link = await newLink('keyboard');
    const { page, close } = await open({ javaScriptEnabled: false }, link.url);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => (document.activeElement as HTMLInputElement).value)).toBe('0');
    for (let score = 1; score <= 10; score++) {
      await page.keyboard.press('ArrowRight');
      expect(await page.evaluate(() => (document.activeElement as HTMLInputElement).value)).toBe(String(score));
    }
    const altered = `${link.url.slice(0, -1)}${link.url.endsWith('A') ? 'B' : 'A'}`;
    const response = await page.goto(altered);
    expect(response?.status()).toBe(404);
    expect(await page.getByRole('heading').textContent()).toBe('This link is not valid');
    await close();
  });

  it('renders the email snippet at 600 px with one keyboard-reachable link per score', async () => {
    const link = await newLink('email-html', 'ar');
    const context = await (browser() as Browser).newContext({ viewport: { width: 600, height: 400 } });
    const page = await context.newPage();
    await page.setContent(`<!doctype html><html><body>${link.html}</body></html>`);
    const width = await page
      .locator('table')
      .first()
      .evaluate((table) => table.getBoundingClientRect().width);
    expect(width).toBeLessThanOrEqual(600);
    await shoot(page, 'link-email-rtl');
    const reached: string[] = [];
    for (let i = 0; i < 11; i++) {
      await page.keyboard.press('Tab');
      reached.push(await page.evaluate(() => (document.activeElement as HTMLAnchorElement).href));
    }
    expect(reached.sort()).toEqual(Object.values(link.scores).sort());
    await context.close();
  });
});
