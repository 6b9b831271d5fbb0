import type { AskOptions } from '@heard/widget';
import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { createSite } from '../../scripts/stack.mjs';
import ar from '../../widget/src/locales/ar';
import en from '../../widget/src/locales/en';
import { readApi, useBrowser } from '../browser';
import { ask, card, collect, open, reinit, seen } from '../widget';

const browser = useBrowser();

interface Scores {
  n: number;
  score: number;
  distribution: Record<string, number>;
}

// Every kind and look: the score picked by mouse, and by keyboard (arrows from the first point).
const cases: { name: string; kind: string; options: AskOptions; scale: [number, number]; direction: string }[] = [
  { name: 'nps', kind: 'nps', options: {}, scale: [0, 10], direction: 'higher-better' },
  { name: 'csat-numbers', kind: 'csat', options: {}, scale: [1, 5], direction: 'higher-better' },
  { name: 'csat-stars', kind: 'csat', options: { display: 'stars' }, scale: [1, 5], direction: 'higher-better' },
  {
    name: 'csat-faces',
    kind: 'csat',
    options: { display: 'faces', scale: [1, 3] },
    scale: [1, 3],
    direction: 'higher-better',
  },
  { name: 'csat-7', kind: 'csat', options: { scale: [1, 7] }, scale: [1, 7], direction: 'higher-better' },
  { name: 'ces-agree', kind: 'ces', options: {}, scale: [1, 7], direction: 'higher-better' },
  {
    name: 'ces-effort',
    kind: 'ces',
    options: { scale: [1, 5], display: 'faces' },
    scale: [1, 5],
    direction: 'lower-better',
  },
];

describe.each(cases)('$name', ({ name, kind, options, scale, direction }) => {
  it('is answered by mouse, and the answer reaches the collector', async () => {
    const page = await open(browser());
    await ask(page, kind, { ...options, survey: `${name}-mouse` });
    const radios = card(page).getByRole('radio');
    await expect.poll(() => radios.count()).toBe(scale[1] - scale[0] + 1);
    const score = scale[1] - 1;
    const sent = collect(page, (body) => !!body.answers?.length);
    await card(page)
      .getByRole('radio', { name: `${score}`, exact: true })
      .click();
    const { body, result } = await sent;
    expect(body.answers?.[0]).toMatchObject({ kind, score, scale, direction, survey: `${name}-mouse` });
    // The post may also carry the prompt's "shown" display, when it had not left yet: every
    // item in it is new, and stored once.
    const items = (body.answers?.length ?? 0) + (body.events?.length ?? 0) + (body.displays?.length ?? 0);
    expect(body.answers).toHaveLength(1);
    expect(result).toMatchObject({ accepted: items, duplicates: 0 });
    // The follow-up is asked by default; sending it empty thanks.
    await card(page).getByRole('button', { name: 'Send' }).click();
    await expect.poll(() => card(page).getByRole('status').textContent()).toBe('Thank you!');
    const scores = await readApi<Scores>(`/v1/scores?metric=${kind}&survey=${name}-mouse`);
    expect(scores.n).toBe(1);
    expect(scores.distribution[score]).toBe(1);
    expect((await seen(page)).map((s) => s.event)).toEqual(['shown', 'answered']);
    await page.context().close();
  });

  it('is answered by keyboard: roving tabindex, arrows, Enter', async () => {
    const page = await open(browser());
    await ask(page, kind, { ...options, survey: `${name}-keys`, focus: true });
    const radios = card(page).getByRole('radio');
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.shadowRoot?.activeElement?.getAttribute('role')))
      .toBe('radio');
    expect(
      await radios.evaluateAll((all) => all.map((r) => r.getAttribute('tabindex')).filter((t) => t === '0').length),
    ).toBe(1);
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowDown');
    const score = scale[0] + 2;
    const focused = await page.evaluate(
      () =>
        document.activeElement?.shadowRoot?.activeElement?.textContent ||
        document.activeElement?.shadowRoot?.activeElement?.getAttribute('aria-label'),
    );
    expect(focused).toBe(`${score}`);
    const checked = card(page).getByRole('radio', { name: `${score}`, exact: true });
    expect(await checked.getAttribute('aria-checked')).toBe('true');
    expect(await checked.getAttribute('tabindex')).toBe('0');
    const sent = collect(page, (body) => !!body.answers?.length);
    await page.keyboard.press('Enter');
    expect((await sent).body.answers?.[0]).toMatchObject({ kind, score, scale });
    const scores = await readApi<Scores>(`/v1/scores?metric=${kind}&survey=${name}-keys`);
    expect(scores.distribution[score]).toBe(1);
    await page.context().close();
  });
});

describe('follow-up', () => {
  it('asks the band’s text, sends the score at once and the comment later as the same answer', async () => {
    const page = await open(browser());
    await ask(page, 'nps', {
      survey: 'follow-up',
      followUp: { detractor: 'What went wrong?', promoter: 'What do you love?' },
    });
    const first = collect(page, (body) => !!body.answers?.length);
    await card(page).getByRole('radio', { name: '3', exact: true }).click();
    const score = (await first).body.answers?.[0];
    expect(score).toMatchObject({ score: 3 });
    expect(score?.comment).toBeUndefined();
    const field = card(page).getByRole('textbox', { name: 'What went wrong?' });
    await expect.poll(() => field.evaluate((el) => el === (el.getRootNode() as ShadowRoot).activeElement)).toBe(true);
    await field.fill('Too slow to load');
    const second = collect(page, (body) => !!body.answers?.[0]?.comment);
    await page.keyboard.press('Enter');
    const { body, result } = await second;
    expect(body.answers?.[0]).toMatchObject({ id: score?.id, score: 3, comment: 'Too slow to load' });
    expect(result).toMatchObject({ accepted: 0, duplicates: 1 });
    await expect.poll(() => card(page).getByRole('status').textContent()).toBe('Thank you!');
    // Counted once: the comment fills in the stored answer.
    expect(await readApi<Scores>('/v1/scores?metric=nps&survey=follow-up')).toMatchObject({ n: 1, score: -100 });
    await page.context().close();
  });

  it.each([
    { kind: 'nps', scale: undefined, score: 10, text: 'What do you like most?' },
    { kind: 'nps', scale: undefined, score: 7, text: 'What would make it even better?' },
    { kind: 'csat', scale: [1, 5], score: 3, text: 'What was missing?' },
    { kind: 'csat', scale: [1, 5], score: 2, text: 'What disappointed you?' },
    { kind: 'csat', scale: [1, 5], score: 4, text: 'What did you like most?' },
    { kind: 'ces', scale: [1, 5], score: 1, text: 'What made it easy?' },
    { kind: 'ces', scale: [1, 7], score: 2, text: 'What made it hard?' },
  ] as const)('$kind $score on $scale: built-in text “$text”', async ({ kind, scale, score, text }) => {
    const page = await open(browser());
    await ask(page, kind, { followUp: true, ...(scale ? { scale: [...scale] } : {}) });
    await card(page)
      .getByRole('radio', { name: `${score}`, exact: true })
      .click();
    await expect.poll(() => card(page).locator('label').textContent()).toBe(text);
    // The comment is optional: Send with nothing typed sends nothing more and thanks.
    await card(page).getByRole('button', { name: 'Send' }).click();
    await expect.poll(() => card(page).getByRole('status').textContent()).toBe('Thank you!');
    await page.context().close();
  });
});

/** The answers of a survey as the collector stores them (its NDJSON export). */
async function stored(survey: string, secretKey = inject('stack').secretKey) {
  const { collector } = inject('stack');
  const response = await fetch(`${collector}/v1/export?format=ndjson&survey=${survey}`, {
    headers: { Authorization: `Bearer ${secretKey}` },
  });
  const text = await response.text();
  return text
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as { id: string; score: number; comment?: string | null });
}

/** A site of its own, for a test that changes its settings or surveys, and the demo's host page on it. */
async function ownSite(name: string) {
  const { collector, adminToken, demo } = inject('stack');
  const site = await createSite(collector, adminToken, name, [demo]);
  const api = (path: string, method: string, body: unknown) =>
    fetch(`${collector}${path}`, {
      method,
      headers: { Authorization: `Bearer ${site.secretKey}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
  return { site, api, open: () => open(browser(), `/fixtures/host.html?key=${site.publicKey}`) };
}

/** The host page on a site whose active surveys (and settings) reach the page only on `release()`. */
async function heldSettings(publicKey: string) {
  const context = await browser().newContext({ viewport: { width: 1280, height: 800 } });
  let release = () => {};
  const held = new Promise<void>((resolve) => {
    release = resolve;
  });
  await context.route(
    (url) => url.pathname === '/v1/surveys/active',
    async (route) => {
      await held;
      await route.continue();
    },
  );
  const page = await context.newPage();
  const displays: string[] = [];
  page.on('request', (r) => {
    if (r.url().endsWith('/v1/collect'))
      for (const d of (r.postDataJSON() as { displays?: { action: string }[] }).displays ?? []) displays.push(d.action);
  });
  await page.goto(`${inject('stack').demo}/fixtures/host.html?key=${publicKey}`);
  await page.waitForFunction(() => typeof (window as unknown as { heard: { ask?: unknown } }).heard.ask === 'function');
  return { page, release, displays };
}

/** Picks a score and waits for the post that carries it. */
async function score(page: Page, value: number) {
  const sent = collect(page, (body) => !!body.answers?.length);
  await card(page)
    .getByRole('radio', { name: `${value}`, exact: true })
    .click();
  return (await sent).body.answers?.[0];
}

/** After a score: the thanks, with no follow-up field on the way. */
async function thankedWithoutFollowUp(page: Page) {
  await expect.poll(() => card(page).getByRole('status').textContent()).toBe('Thank you!');
  expect(await card(page).getByRole('textbox').count()).toBe(0);
}

describe('follow-up, asked by default', () => {
  it.each([
    { lang: 'en', score: 4, strings: en, text: en.detractor, dir: 'ltr' },
    { lang: 'en', score: 10, strings: en, text: en.promoter, dir: 'ltr' },
    { lang: 'ar', score: 4, strings: ar, text: ar.detractor, dir: 'rtl' },
    { lang: 'ar', score: 9, strings: ar, text: ar.promoter, dir: 'rtl' },
  ])(
    'ask("nps") in $lang, $score: “$text”; the score is sent first, the comment joins its answer',
    async ({ lang, score: value, strings, text, dir }) => {
      const page = await open(browser());
      if (lang !== 'en') await reinit(page, { locale: lang });
      const survey = `default-${lang}-${value}`;
      await ask(page, 'nps', { survey });
      const scored = await score(page, value);
      expect(scored).toMatchObject({ score: value, survey });
      expect(scored?.comment).toBeUndefined();
      const field = card(page).getByRole('textbox', { name: text });
      await field.waitFor();
      expect(await card(page).getAttribute('dir')).toBe(dir);
      // The score is stored before anything is typed.
      expect(await stored(survey)).toMatchObject([{ id: scored?.id, score: value, comment: null }]);
      await field.fill('The export is slow');
      const commented = collect(page, (body) => !!body.answers?.[0]?.comment);
      await card(page).getByRole('button', { name: strings.send }).click();
      const { body, result } = await commented;
      expect(body.answers).toMatchObject([{ id: scored?.id, score: value, comment: 'The export is slow' }]);
      expect(result).toMatchObject({ accepted: 0, duplicates: 1 });
      await expect.poll(() => card(page).getByRole('status').textContent()).toBe(strings.thanks);
      // One answer: the comment filled in the stored one, counted once.
      expect(await stored(survey)).toMatchObject([{ id: scored?.id, score: value, comment: 'The export is slow' }]);
      expect(await readApi<Scores>(`/v1/scores?metric=nps&survey=${survey}`)).toMatchObject({ n: 1 });
      await page.context().close();
    },
  );

  it('closing the follow-up keeps the score, counted once, and is not a dismissal', async () => {
    const page = await open(browser());
    const displays: string[] = [];
    page.on('request', (r) => {
      if (r.url().endsWith('/v1/collect'))
        for (const d of (r.postDataJSON() as { displays?: { action: string }[] }).displays ?? [])
          displays.push(d.action);
    });
    await ask(page, 'nps', { survey: 'follow-up-closed' });
    const scored = await score(page, 4);
    await card(page).getByRole('textbox', { name: en.detractor }).waitFor();
    await card(page).getByRole('button', { name: 'Close' }).click();
    await expect.poll(() => page.locator('heard-prompt').count()).toBe(0);
    await page.waitForTimeout(500);
    expect((await seen(page)).map((s) => s.event)).toEqual(['shown', 'answered']);
    expect(displays).toEqual(['shown']);
    expect(await stored('follow-up-closed')).toMatchObject([{ id: scored?.id, score: 4, comment: null }]);
    expect(await readApi<Scores>('/v1/scores?metric=nps&survey=follow-up-closed')).toMatchObject({
      n: 1,
      score: -100,
    });
    await page.context().close();
  });

  it.each([
    { scale: [1, 5], score: 1, text: en.cesHigh },
    { scale: [1, 5], score: 2, text: en.cesHigh },
    { scale: [1, 5], score: 3, text: en.cesMiddle },
    { scale: [1, 5], score: 5, text: en.cesLow },
    { scale: [1, 7], score: 1, text: en.cesLow },
    { scale: [1, 7], score: 7, text: en.cesHigh },
  ] as const)(
    'CES on $scale, $score: “$text”, in the scale’s direction (1–5 effort: lower is easier)',
    async ({ scale, score: value, text }) => {
      const page = await open(browser());
      await ask(page, 'ces', { scale: [...scale] });
      expect(await score(page, value)).toMatchObject({ kind: 'ces', score: value, scale: [...scale] });
      await expect.poll(() => card(page).locator('label').textContent()).toBe(text);
      await page.context().close();
    },
  );

  it('followUp: false in the call asks none', async () => {
    const page = await open(browser());
    await ask(page, 'nps', { followUp: false, survey: 'no-follow-up' });
    expect(await score(page, 4)).toMatchObject({ score: 4, survey: 'no-follow-up' });
    await thankedWithoutFollowUp(page);
    await page.context().close();
  });

  it('a survey with appearance.followUp false asks none; one with a followUp text asks that', async () => {
    const { api, open: openHost } = await ownSite('survey follow-up');
    const create = async (name: string, texts: Record<string, unknown>, appearance: Record<string, unknown>) => {
      const response = await api('/v1/surveys', 'POST', {
        name,
        kind: 'nps',
        status: 'active',
        texts: { en: texts },
        appearance,
        targeting: { triggers: [{ type: 'event', name: 'never_happens' }] },
      });
      expect(response.status).toBe(201);
      return ((await response.json()) as { id: string }).id;
    };
    const quiet = await create('quiet', { question: 'Quiet survey?' }, { followUp: false });
    const curious = await create('curious', { question: 'Curious survey?', followUp: 'What is the main reason?' }, {});
    const page = await openHost();
    await ask(page, quiet);
    await page.locator('heard-prompt').getByRole('region', { name: 'Quiet survey?' }).waitFor();
    expect(await score(page, 4)).toMatchObject({ score: 4, survey: quiet });
    await thankedWithoutFollowUp(page);
    await ask(page, curious);
    await page.locator('heard-prompt').getByRole('region', { name: 'Curious survey?' }).waitFor();
    expect(await score(page, 4)).toMatchObject({ score: 4, survey: curious });
    await card(page).getByRole('textbox', { name: 'What is the main reason?' }).waitFor();
    await page.context().close();
  });

  it('a score chosen before the site’s setting arrives waits for it; closing meanwhile keeps the score', async () => {
    const { site, api } = await ownSite('slow settings');
    await api('/v1/settings', 'PATCH', { surveys: { followUp: false } });
    const waiting = await heldSettings(site.publicKey);
    await ask(waiting.page, 'nps');
    expect(await score(waiting.page, 4)).toMatchObject({ score: 4 });
    await waiting.page.waitForTimeout(500);
    expect(await card(waiting.page).getByRole('textbox').count()).toBe(0);
    expect(await card(waiting.page).getByRole('radio').count()).toBe(11);
    waiting.release();
    await thankedWithoutFollowUp(waiting.page);
    await waiting.page.context().close();

    const closing = await heldSettings(site.publicKey);
    await ask(closing.page, 'nps', { survey: 'closed-while-waiting' });
    const scored = await score(closing.page, 4);
    await card(closing.page).getByRole('button', { name: 'Close' }).click();
    await expect.poll(() => closing.page.locator('heard-prompt').count()).toBe(0);
    closing.release();
    await closing.page.waitForTimeout(500);
    expect(closing.displays).toEqual(['shown']);
    expect(await stored('closed-while-waiting', site.secretKey)).toMatchObject([{ id: scored?.id, score: 4 }]);
    await closing.page.context().close();
  });

  it('a site with surveys.followUp false asks none, unless the call asks for it', async () => {
    const { api, open: openHost } = await ownSite('site follow-up');
    const patched = await api('/v1/settings', 'PATCH', { surveys: { followUp: false } });
    expect(await patched.json()).toMatchObject({ surveys: { followUp: false } });
    const page = await openHost();
    await ask(page, 'nps');
    expect(await score(page, 4)).toMatchObject({ score: 4 });
    await thankedWithoutFollowUp(page);
    await ask(page, 'nps', { followUp: true });
    await score(page, 4);
    await card(page).getByRole('textbox', { name: en.detractor }).waitFor();
    await page.context().close();
  });
});

describe('dismiss', () => {
  it('the close button reports a dismissal (a display and the event), never an answer', async () => {
    const page = await open(browser());
    const answers: unknown[] = [];
    page.on('request', (r) => {
      if (r.url().endsWith('/v1/collect') && (r.postDataJSON() as { answers?: unknown[] }).answers?.length)
        answers.push(r);
    });
    const shown = collect(page, (body) => body.displays?.[0]?.action === 'shown');
    await ask(page, 'csat', { survey: 'dismissed' });
    expect((await shown).body.displays?.[0]).toMatchObject({ kind: 'csat', survey: 'dismissed' });
    const dismissed = collect(page, (body) => body.displays?.[0]?.action === 'dismissed');
    await card(page).getByRole('button', { name: 'Close' }).click();
    const { body, result } = await dismissed;
    expect(body.displays?.[0]).toMatchObject({ kind: 'csat', action: 'dismissed', survey: 'dismissed' });
    expect(result).toMatchObject({ accepted: 1 });
    await expect.poll(() => page.locator('heard-prompt').count()).toBe(0);
    expect((await seen(page)).map((s) => s.event)).toEqual(['shown', 'dismissed']);
    expect(answers).toEqual([]);
    expect((await readApi<Scores>('/v1/scores?metric=csat&survey=dismissed')).n).toBe(0);
    await page.context().close();
  });

  it('Esc dismisses; closing after answering is not a dismissal', async () => {
    const page = await open(browser());
    await ask(page, 'nps', { focus: true });
    await expect.poll(() => page.evaluate(() => document.activeElement?.tagName)).toBe('HEARD-PROMPT');
    await page.keyboard.press('Escape');
    await expect.poll(() => page.locator('heard-prompt').count()).toBe(0);
    await ask(page, 'nps');
    await card(page).getByRole('radio', { name: '8', exact: true }).click();
    await card(page).getByRole('button', { name: 'Close' }).click();
    await expect.poll(() => page.locator('heard-prompt').count()).toBe(0);
    expect((await seen(page)).map((s) => s.event)).toEqual(['shown', 'dismissed', 'shown', 'answered']);
    await page.context().close();
  });

  it('records the display before an answer given the moment the prompt appears', async () => {
    const page = await open(browser());
    // A click in the very task that rendered the prompt: the display, recorded in the next task
    // to keep the first render short, must still come first.
    await page.evaluate(() => {
      new MutationObserver((_, observer) => {
        const radio = document.querySelector('heard-prompt')?.shadowRoot?.querySelector<HTMLElement>('[role=radio]');
        if (!radio) return;
        observer.disconnect();
        radio.click();
      }).observe(document.body, { childList: true, subtree: true });
    });
    const shown = collect(page, (body) => !!body.displays?.some((display) => display.survey === 'instant'));
    const answered = collect(page, (body) => !!body.answers?.length);
    await ask(page, 'nps', { survey: 'instant' });
    expect((await shown).body.displays).toMatchObject([{ kind: 'nps', action: 'shown', survey: 'instant' }]);
    expect((await answered).body.answers).toMatchObject([{ kind: 'nps', score: 0, survey: 'instant' }]);
    expect((await seen(page)).map((s) => s.event)).toEqual(['shown', 'answered']);
    await page.context().close();
  });
});

describe('behaviour', () => {
  it('does not take focus when a script asks, and takes it when the user opened it', async () => {
    const page = await open(browser());
    await page.focus('#search');
    await ask(page, 'nps');
    await card(page).waitFor();
    await page.waitForTimeout(200);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('search');
    await card(page).getByRole('button', { name: 'Close' }).click();
    await page.click('#open');
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.shadowRoot?.activeElement?.textContent))
      .toBe('0');
    await page.context().close();
  });

  it('is a labelled region that announces the question through a live region', async () => {
    const page = await open(browser());
    await ask(page, 'ces');
    const region = page.getByRole('region', { name: 'It was easy to get what I needed done.' });
    await region.waitFor();
    await expect.poll(() => region.getByRole('status').textContent()).toBe('It was easy to get what I needed done.');
    expect(await region.getByRole('radiogroup', { name: 'It was easy to get what I needed done.' }).count()).toBe(1);
    expect(await region.getByRole('radio', { name: '1', exact: true }).getAttribute('aria-describedby')).toBe('lo');
    await page.context().close();
  });

  it('renders question texts as text: an <img onerror> stays inert', async () => {
    const page = await open(browser());
    const evil = '<img src=x onerror="window.pwned=1"><b>bold</b>';
    await ask(page, 'nps', { question: evil, labels: ['<i>a</i>', '<script>window.pwned=2</script>'], thanks: evil });
    await card(page).waitFor();
    expect(await card(page).locator('#q').textContent()).toBe(evil);
    expect(await page.locator('heard-prompt img, heard-prompt b, heard-prompt i, heard-prompt script').count()).toBe(0);
    await card(page).getByRole('radio', { name: '5', exact: true }).click();
    // The thanks (the evil text again) comes after the follow-up, asked by default.
    await card(page).getByRole('button', { name: 'Send' }).click();
    await expect.poll(() => card(page).locator('p').textContent()).toBe(evil);
    await page.waitForTimeout(300);
    expect(await page.evaluate(() => (window as unknown as { pwned?: number }).pwned)).toBeUndefined();
    await page.context().close();
  });

  it('reports a bad scale through on("error") and never throws into the page', async () => {
    const page = await open(browser());
    const thrown = await page.evaluate(() => {
      try {
        (window as unknown as { heard: (...a: unknown[]) => void }).heard('ask', 'csat', { scale: [2, 9] });
        return false;
      } catch {
        return true;
      }
    });
    expect(thrown).toBe(false);
    await expect.poll(async () => (await seen(page)).map((s) => s.event)).toEqual(['error']);
    const events = await seen(page);
    expect(String((events[0]?.payload as { error?: Error } | undefined)?.error)).toContain('no scale 2,9');
    await page.context().close();
  });

  // Whether the loader makes a long task is a figure of `pnpm bench widget` (long tasks per load,
  // at full speed and on a 4× slowed CPU): here, on a machine shared by other work, the wall
  // time of one script says more about the machine than about the loader (100 ms measured once).
  it('the loader makes no network request on page load; targeting waits for load and idle', async () => {
    const { collector } = (await import('vitest')).inject('stack');
    const context = await browser().newContext();
    const page = await context.newPage();
    const requests: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    const { demo } = (await import('vitest')).inject('stack');
    await page.goto(`${demo}/fixtures/host.html`, { waitUntil: 'load' });
    await page.waitForFunction(
      () => typeof (window as unknown as { heard: { ask?: unknown } }).heard.ask === 'function',
    );
    await page.waitForTimeout(500);
    // Until the load event the page fetched only heard.js from the collector; survey targeting
    // (its chunk, then the active surveys) starts after load, when the browser is idle.
    const timing = await page.evaluate(() => ({
      loadEnd: (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).loadEventEnd,
      resources: performance.getEntriesByType('resource').map((r) => ({ url: r.name, start: r.startTime })),
    }));
    const fromCollector = timing.resources.filter((r) => r.url.startsWith(collector));
    expect(fromCollector.filter((r) => r.start < timing.loadEnd).map((r) => r.url)).toEqual([`${collector}/heard.js`]);
    expect(requests.filter((url) => url.startsWith(collector))[0]).toBe(`${collector}/heard.js`);
    await context.close();
  });
});
