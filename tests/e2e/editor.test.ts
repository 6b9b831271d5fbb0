import { mkdirSync } from 'node:fs';
import { type Survey, sampled } from '@heard/core';
import axe from 'axe-core';
import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { createSite } from '../../scripts/stack.mjs';
import { useBrowser } from '../browser';

const browser = useBrowser();
const SLOW = { timeout: 20_000 };

// `HEARD_SCREENSHOTS=1 pnpm exec vitest run --project browser tests/e2e/editor.test.ts` refreshes docs/screenshots/.
const screenshots = process.env.HEARD_SCREENSHOTS ? new URL('../../docs/screenshots/', import.meta.url) : undefined;
if (screenshots) mkdirSync(screenshots, { recursive: true });

interface Site {
  publicKey: string;
  secretKey: string;
}

async function newSite(name: string): Promise<Site> {
  const { collector, adminToken, demo } = inject('stack');
  return createSite(collector, adminToken, name, [demo]);
}

async function api<T>(site: Site, method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${inject('stack').collector}${path}`, {
    method,
    headers: { Authorization: `Bearer ${site.secretKey}`, 'Content-Type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  return response.json() as Promise<T>;
}

async function signIn(site: Site, colorScheme: 'light' | 'dark' = 'light'): Promise<Page> {
  const page = await (await browser().newContext({ colorScheme, viewport: { width: 1400, height: 1000 } })).newPage();
  await page.goto(`${inject('stack').collector}/dashboard`);
  await page.getByLabel('Secret key').fill(site.secretKey);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.locator('#nps').waitFor(SLOW);
  return page;
}

async function violations(page: Page) {
  // Through the DevTools protocol, which the dashboard's CSP (script-src 'self') does not govern.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axe.source);
  return page.evaluate(async () => {
    const { axe: run } = window as unknown as { axe: typeof axe };
    const results = await run.run(document, { resultTypes: ['violations'] });
    return results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  });
}

/** The question the preview's widget shows (the UI chunk renders it into an open shadow root). */
const previewQuestion = (page: Page) => page.locator('.preview heard-prompt #q');

/** Opens the demo app as an identified German-speaking user, with the widget of a site. */
async function visit(site: Site, route: string, user: string) {
  const tab = await (await browser().newContext()).newPage();
  await tab.addInitScript((id) => {
    const w = window as unknown as { heard: ((...a: unknown[]) => void) & { q?: unknown[] } };
    const q: unknown[] = [];
    w.heard = Object.assign((...args: unknown[]) => q.push(args), { q });
    w.heard('identify', id);
    // The page says it is German before the widget reads <html lang>.
    new MutationObserver((_, observer) => {
      if (!document.documentElement) return;
      document.documentElement.lang = 'de';
      observer.disconnect();
    }).observe(document, { childList: true });
  }, user);
  const active = tab.waitForResponse((r) => r.url().includes('/v1/surveys/active') && r.status() === 200);
  await tab.goto(`${inject('stack').demo}${route}?key=${site.publicKey}`);
  await active;
  await tab.evaluate(() =>
    (window as unknown as { heard: (...x: unknown[]) => void }).heard('track', 'ticket_resolved'),
  );
  return tab;
}

const QUESTION_DE = 'Wie zufrieden sind Sie mit der Lösung Ihres Tickets?';
const FOLLOW_UP_DE = 'Was sollen wir beim nächsten Ticket besser machen?';

describe('the survey editor in real Chromium', () => {
  it('a PM makes a CSAT survey from its template, edits it in German, targets it and activates it', async () => {
    const site = await newSite('editor');
    const { demo } = inject('stack');
    const page = await signIn(site);
    await page.getByRole('link', { name: 'Surveys', exact: true }).click();
    await page.getByText('No surveys yet').waitFor(SLOW);
    await page.getByRole('link', { name: 'From template: CSAT: after a resolved ticket' }).click();
    await page.getByRole('heading', { name: 'New survey' }).waitFor(SLOW);
    // The template's trigger is the site's resolution event (settings: ticket_resolved).
    await expect.poll(() => page.getByLabel('Event name').inputValue()).toBe('ticket_resolved');

    // German: the template's own question, first in the preview too.
    await page.getByLabel('Language', { exact: true }).selectOption('de');
    const question = page.getByLabel('Question (de)');
    expect(await question.inputValue()).toBe('Wie zufrieden sind Sie mit der Hilfe, die Sie erhalten haben?');
    await page.getByLabel('Preview language').selectOption('de');
    await expect
      .poll(() => previewQuestion(page).textContent(), SLOW)
      .toBe('Wie zufrieden sind Sie mit der Hilfe, die Sie erhalten haben?');
    // The widget's built-in German texts are the placeholders of what the template leaves out.
    expect(await page.getByLabel('Label under 1').getAttribute('placeholder')).toBe('Sehr unzufrieden');
    await question.fill(QUESTION_DE);
    await expect.poll(() => previewQuestion(page).textContent()).toBe(QUESTION_DE);
    expect(await page.locator('.preview heard-prompt section.card').getAttribute('lang')).toBe('de');

    // Picking a score shows the follow-up of its band, in German.
    await page.locator('.preview heard-prompt').getByRole('radio', { name: '1', exact: true }).click();
    await expect
      .poll(() => page.locator('.preview heard-prompt label[for=c]').textContent())
      .toBe('Was hat Sie enttäuscht?');
    await page.getByRole('button', { name: 'Show again' }).click();
    await page.locator('.preview heard-prompt').getByRole('radio', { name: '5', exact: true }).click();
    await expect
      .poll(() => page.locator('.preview heard-prompt label[for=c]').textContent())
      .toBe('Was hat Ihnen am besten gefallen?');
    // A follow-up of its own for the unsatisfied band (1–2) replaces the built-in one there only.
    await page.getByLabel('Follow-up question', { exact: true }).selectOption('bands');
    await page.getByLabel('Follow-up for unsatisfied (1–2)').fill(FOLLOW_UP_DE);
    await page.getByRole('button', { name: 'Show again' }).click();
    await page.locator('.preview heard-prompt').getByRole('radio', { name: '2', exact: true }).click();
    await expect.poll(() => page.locator('.preview heard-prompt label[for=c]').textContent()).toBe(FOLLOW_UP_DE);
    // Arabic mirrors the widget; dark and the 375 px frame are the widget's own too.
    await page.getByLabel('Preview language').selectOption('ar');
    await expect.poll(() => page.locator('.preview heard-prompt section.card').getAttribute('dir')).toBe('rtl');
    await page.getByLabel('Dark').check();
    await expect.poll(() => page.locator('.preview heard-prompt').getAttribute('data-mode')).toBe('dark');
    await page.getByLabel('Phone (375 px)').check();
    expect((await page.locator('.preview .frame').boundingBox())?.width).toBe(375);

    // Where: one page rule, tried with the box that uses the widget's own matching.
    await page.getByRole('button', { name: 'Add page rule' }).click();
    await page.getByLabel('URL or pattern').fill(`${demo}/app/tickets`);
    await page.getByLabel('Test this URL').fill(`${demo}/app/tickets/42`);
    await expect.poll(() => page.locator('#test-url-result').textContent()).toMatch(/^Matches/);
    await page.getByLabel('Test this URL').fill(`${demo}/app/home`);
    await expect.poll(() => page.locator('#test-url-result').textContent()).toMatch(/^Does not match/);
    // Who: half of the users.
    await page.getByLabel('Sample: share of users asked (%)').fill('50');

    await page.getByRole('button', { name: 'Save and activate' }).click();
    await expect.poll(() => page.locator('[data-note]').textContent(), SLOW).toMatch(/active/);
    await expect.poll(() => page.url()).toMatch(/#\/surveys\?edit=srv_/);
    const id = decodeURIComponent(/edit=([^&]+)/.exec(page.url())?.[1] ?? '');
    const stored = await api<Survey>(site, 'GET', `/v1/surveys/${id}`);
    expect(stored).toMatchObject({
      kind: 'csat',
      status: 'active',
      targeting: {
        sample: 0.5,
        pages: [{ op: 'startsWith', value: `${demo}/app/tickets` }],
        triggers: [{ type: 'event', name: 'ticket_resolved' }],
      },
    });
    expect(stored.texts.de).toEqual({
      question: QUESTION_DE,
      thanks: 'Danke für Ihr Feedback!',
      followUp: { low: FOLLOW_UP_DE },
    });
    expect(Object.keys(stored.texts)).toHaveLength(8);

    // The list shows it, active, and opens the overview filtered to it.
    await page.getByRole('link', { name: 'Back to surveys' }).click();
    const row = page.locator(`tr[data-survey="${id}"]`);
    await expect.poll(() => row.getAttribute('data-status'), SLOW).toBe('active');
    await row.getByRole('link', { name: /Results/ }).click();
    await expect.poll(() => page.locator('select[name=survey]').inputValue(), SLOW).toBe(id);
    await page.context().close();

    // The demo app: a user in the sample on a matching page is asked the German question ...
    const users = Array.from({ length: 40 }, (_, i) => `editor-user-${i}`);
    const inSample = users.filter((u) => sampled(id, u, 0.5));
    const outOfSample = users.find((u) => !sampled(id, u, 0.5)) as string;
    expect(inSample.length).toBeGreaterThan(1);
    // ... one outside the page rule (in the sample) is not, nor one outside the sample on the page.
    for (const [route, user] of [
      ['/app/home', inSample[0] as string],
      ['/app/tickets', outOfSample],
    ] as const) {
      const tab = await visit(site, route, user);
      await tab.waitForTimeout(3500);
      expect({ route, user, prompts: await tab.locator('heard-prompt').count() }).toEqual({ route, user, prompts: 0 });
      await tab.context().close();
    }
    const tab = await visit(site, '/app/tickets', inSample[1] as string);
    await expect.poll(() => tab.locator('heard-prompt #q').textContent(), SLOW).toBe(QUESTION_DE);
    // The template's faces (appearance.display) reach the widget through its targeting.
    expect(await tab.locator('heard-prompt [role=radio] svg').count()).toBe(5);
    await tab.locator('heard-prompt').getByRole('radio', { name: '1', exact: true }).click();
    await expect.poll(() => tab.locator('heard-prompt label[for=c]').textContent(), SLOW).toBe(FOLLOW_UP_DE);
    await tab.context().close();
  });

  it('saves every field of a survey and reads it back equal (the editor round trip)', async () => {
    const site = await newSite('editor round trip');
    const full = {
      name: 'Every field',
      kind: 'ces',
      scale: [1, 5],
      texts: {
        en: {
          question: 'How much effort did it take?',
          labels: ['Very little', 'A lot'],
          followUp: { low: 'What was hard?', middle: 'What would help?', high: 'What made it easy?' },
          thanks: 'Thanks!',
        },
        de: { question: 'Wie viel Aufwand war es?', followUp: 'Warum?' },
      },
      appearance: { position: 'bottom-left', accent: '#0f766e', followUp: true, display: 'faces' },
      targeting: {
        triggers: [
          { type: 'pageview' },
          { type: 'event', name: 'export_done', where: [{ key: 'format', op: 'in', value: ['csv', 'xlsx'] }] },
        ],
        pages: [
          { op: 'contains', value: '/reports' },
          { op: 'regex', value: '/admin/?', not: true },
        ],
        delaySeconds: 12,
        afterDays: { days: 3, since: 'signed_up' },
        traits: [
          { key: 'plan', op: 'equals', value: 'pro' },
          { key: 'seats', op: 'gt', value: 5 },
        ],
        sample: 0.25,
        locales: ['en', 'de'],
        recontactDays: 45,
        dismissDays: 9,
      },
      schedule: { start: Date.UTC(2026, 0, 1, 9, 0), end: Date.UTC(2027, 0, 1, 9, 0) },
      status: 'paused',
      priority: 77,
      maxAnswers: 400,
    };
    const created = await api<Survey>(site, 'POST', '/v1/surveys', full);
    const { id, createdAt: _c, updatedAt: _u, ...fields } = created;
    expect(fields).toEqual(full);

    const page = await signIn(site);
    await page.evaluate((survey) => {
      location.hash = `#/surveys?edit=${survey}`;
    }, id);
    await page.getByRole('heading', { name: 'Edit: Every field' }).waitFor(SLOW);
    // What the editor shows, in a PM's words.
    expect(await page.getByLabel('Sample: share of users asked (%)').inputValue()).toBe('25');
    expect(await page.getByLabel('Stop after this many answers').inputValue()).toBe('400');
    expect(await page.getByLabel('Languages of users asked').inputValue()).toBe('en, de');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await expect.poll(() => page.locator('[data-note]').textContent(), SLOW).toMatch(/Saved as paused/);
    const saved = await api<Survey>(site, 'GET', `/v1/surveys/${id}`);
    expect(saved.updatedAt).toBeGreaterThanOrEqual(created.updatedAt);
    expect({ ...saved, updatedAt: 0 }).toEqual({ ...created, updatedAt: 0 });

    // A change that the collector refuses: its issue shows beside the field, and the change is kept.
    await page.getByLabel('Priority (0–1000)').fill('5000');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await expect.poll(() => page.locator('#f-priority-issue').textContent(), SLOW).toMatch(/1000/);
    expect(await page.getByLabel('Priority (0–1000)').getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByLabel('Priority (0–1000)').inputValue()).toBe('5000');
    // Switching views keeps the unsaved change.
    await page.getByRole('link', { name: 'Overview' }).click();
    await page.locator('#nps').waitFor(SLOW);
    await page.evaluate((survey) => {
      location.hash = `#/surveys?edit=${survey}`;
    }, id);
    await page.getByText('Your unsaved changes were restored.').waitFor(SLOW);
    expect(await page.getByLabel('Priority (0–1000)').inputValue()).toBe('5000');
    expect((await api<Survey>(site, 'GET', `/v1/surveys/${id}`)).priority).toBe(77);
    // Discarding them brings back the survey as stored.
    await page.getByRole('button', { name: 'Discard unsaved changes' }).click();
    await expect.poll(() => page.getByLabel('Priority (0–1000)').inputValue(), SLOW).toBe('77');
    expect(await page.locator('#f-priority-issue').count()).toBe(0);
    await page.context().close();
  });

  it('the list pauses, activates, duplicates and archives; archiving keeps the answers', async () => {
    const site = await newSite('editor list actions');
    const survey = await api<Survey>(site, 'POST', '/v1/surveys', {
      name: 'Beta CSAT',
      kind: 'csat',
      texts: { en: { question: 'How was the beta?' } },
      status: 'active',
      priority: 3,
    });
    const sent = await fetch(`${inject('stack').collector}/v1/collect`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Origin: inject('stack').demo },
      body: JSON.stringify({
        site: site.publicKey,
        answers: [4, 5].map((score, i) => ({
          id: crypto.randomUUID(),
          kind: 'csat',
          score,
          scale: [1, 5],
          survey: survey.id,
          userId: `u${i}`,
          ts: Date.now() - 1000,
        })),
      }),
    });
    expect(sent.ok).toBe(true);
    const page = await signIn(site);
    await page.getByRole('link', { name: 'Surveys', exact: true }).click();
    const row = page.locator(`tr[data-survey="${survey.id}"]`);
    await expect.poll(() => row.locator('td[data-cell=answers]').textContent(), SLOW).toBe('2');
    await row.getByRole('button', { name: 'Pause Beta CSAT' }).click();
    await expect.poll(() => row.getAttribute('data-status'), SLOW).toBe('paused');
    expect((await api<Survey>(site, 'GET', `/v1/surveys/${survey.id}`)).status).toBe('paused');
    await row.getByRole('button', { name: 'Activate Beta CSAT' }).click();
    await expect.poll(() => row.getAttribute('data-status'), SLOW).toBe('active');

    await row.getByRole('button', { name: 'Duplicate Beta CSAT' }).click();
    await expect.poll(() => page.locator('tr[data-survey]').count(), SLOW).toBe(2);
    const list = await api<{ surveys: Survey[]; answered: { id: string; n: number }[] }>(site, 'GET', '/v1/surveys');
    const copy = list.surveys.find((s) => s.id !== survey.id) as Survey;
    const { id: _a, createdAt: _b, updatedAt: _c, name, status, ...rest } = copy;
    const { id: _d, createdAt: _e, updatedAt: _f, ...original } = survey;
    expect({ name, status, ...rest }).toEqual({ ...original, name: 'Copy of Beta CSAT', status: 'draft' });

    await row.getByRole('button', { name: 'Archive Beta CSAT' }).click();
    await row.getByRole('button', { name: 'Confirm archive of Beta CSAT' }).click();
    await expect.poll(() => row.count(), SLOW).toBe(0);
    const after = await api<{ surveys: Survey[]; answered: { id: string; n: number }[] }>(site, 'GET', '/v1/surveys');
    expect(after.surveys.map((s) => s.id)).toEqual([copy.id]);
    // Its answers stay and keep counting in the scores.
    expect(after.answered).toEqual([{ id: survey.id, kind: 'csat', n: 2 }]);
    const scores = await api<{ n: number }>(site, 'GET', `/v1/scores?metric=csat&survey=${survey.id}`);
    expect(scores.n).toBe(2);
    await page.context().close();
  });

  it.each(['light', 'dark'] as const)(
    'axe-core finds no violation on the list, the editor and the preview (%s)',
    async (colorScheme) => {
      const site = await newSite(`editor axe ${colorScheme}`);
      const survey = await api<Survey>(site, 'POST', '/v1/surveys', {
        name: 'NPS: quarterly relationship',
        kind: 'nps',
        texts: { en: { question: 'How likely are you to recommend us?' } },
        status: 'active',
        maxAnswers: 500,
      });
      // Answers and displays through the public key, as the widget sends them: the row shows a score.
      const now = Date.now();
      const scores = [10, 9, 9, 8, 7, 10, 3, 9, 6, 10, 9, 8];
      const sent = await fetch(`${inject('stack').collector}/v1/collect`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Origin: inject('stack').demo },
        body: JSON.stringify({
          site: site.publicKey,
          answers: scores.map((score, i) => ({
            id: crypto.randomUUID(),
            kind: 'nps',
            score,
            scale: [0, 10],
            survey: survey.id,
            userId: `u${i}`,
            ts: now - i * 3_600_000,
          })),
          displays: [...scores, 0, 0, 0, 0].map((_, i) => ({
            id: crypto.randomUUID(),
            kind: 'nps',
            action: 'shown',
            survey: survey.id,
            userId: `u${i}`,
            ts: now - i * 3_600_000 - 1000,
          })),
        }),
      });
      expect(sent.ok).toBe(true);
      const page = await signIn(site, colorScheme);
      await page.getByRole('link', { name: 'Surveys', exact: true }).click();
      await await expect
        .poll(() => page.locator('table.surveys td[data-cell=score]').textContent(), SLOW)
        .toMatch(/^42 \(/);
      expect(await page.locator('table.surveys td[data-cell=response-rate]').textContent()).toBe('75.0%');
      expect(await page.locator('table.surveys td[data-cell=answers]').textContent()).toBe('12 / 500');
      expect({ view: 'list', violations: await violations(page) }).toEqual({ view: 'list', violations: [] });
      if (screenshots && colorScheme === 'light')
        await page.locator('main').screenshot({ path: new URL('surveys-list.png', screenshots).pathname });

      await page.getByRole('link', { name: 'From template: NPS: quarterly relationship' }).click();
      await previewQuestion(page).waitFor(SLOW);
      expect({ view: 'editor', violations: await violations(page) }).toEqual({ view: 'editor', violations: [] });
      if (screenshots && colorScheme === 'light')
        await page.locator('main').screenshot({ path: new URL('surveys-editor.png', screenshots).pathname });
      await page.getByLabel(colorScheme === 'light' ? 'Dark' : 'Light').check();
      await page.getByLabel('Phone (375 px)').check();
      await page.locator('.preview heard-prompt').getByRole('radio', { name: '3', exact: true }).click();
      await page.locator('.preview heard-prompt textarea').waitFor();
      expect({ view: 'preview', violations: await violations(page) }).toEqual({ view: 'preview', violations: [] });
      if (screenshots)
        await page
          .locator('.preview')
          .screenshot({ path: new URL(`surveys-preview-${colorScheme}.png`, screenshots).pathname });
      await page.context().close();
    },
  );
});
