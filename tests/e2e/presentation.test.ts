import type { Position } from '@heard/widget';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import ar from '../../widget/src/locales/ar';
import de from '../../widget/src/locales/de';
import en from '../../widget/src/locales/en';
import es from '../../widget/src/locales/es';
import fr from '../../widget/src/locales/fr';
import he from '../../widget/src/locales/he';
import ja from '../../widget/src/locales/ja';
import pt from '../../widget/src/locales/pt';
import { readApi, useBrowser } from '../browser';
import { ask, card, collect, open, reinit } from '../widget';

const browser = useBrowser();
const box = async (page: Page, selector = 'heard-prompt section.card') => {
  const found = await page.locator(selector).first().boundingBox();
  if (!found) throw new Error(`${selector} is not visible`);
  return found;
};
const style = (page: Page, selector: string, property: string) =>
  page
    .locator(selector)
    .first()
    .evaluate((el, p) => getComputedStyle(el).getPropertyValue(p), property);

describe('positions', () => {
  const expected: Record<Position, (b: { x: number; y: number; width: number; height: number }) => void> = {
    'bottom-right': (b) => {
      expect(b.x + b.width).toBeCloseTo(1280 - 16, 0);
      expect(b.y + b.height).toBeCloseTo(800 - 16, 0);
    },
    'bottom-left': (b) => {
      expect(b.x).toBeCloseTo(16, 0);
      expect(b.y + b.height).toBeCloseTo(800 - 16, 0);
    },
    'bottom-center': (b) => {
      expect(b.x + b.width / 2).toBeCloseTo(640, 0);
      expect(b.y + b.height).toBeCloseTo(800 - 16, 0);
    },
    'top-right': (b) => {
      expect(b.x + b.width).toBeCloseTo(1280 - 16, 0);
      expect(b.y).toBeCloseTo(16, 0);
    },
    'top-left': (b) => {
      expect(b.x).toBeCloseTo(16, 0);
      expect(b.y).toBeCloseTo(16, 0);
    },
  };
  it.each(Object.keys(expected) as Position[])('%s, fixed while the page scrolls', async (position) => {
    const page = await open(browser());
    await ask(page, 'nps', position === 'bottom-right' ? {} : { position });
    await card(page).waitFor();
    await page.waitForTimeout(300);
    expected[position](await box(page));
    await page.mouse.wheel(0, 600);
    await expect.poll(() => page.evaluate(() => scrollY)).toBeGreaterThan(0);
    expected[position](await box(page));
    await page.context().close();
  });

  it('inline inside a host element the caller names, answered there', async () => {
    const page = await open(browser());
    const sent = collect(page, (body) => !!body.answers?.length);
    await ask(page, 'csat', { target: '#slot', display: 'stars', survey: 'inline' });
    await card(page).waitFor();
    expect(await page.locator('#slot > heard-prompt').count()).toBe(1);
    expect(await style(page, 'heard-prompt', 'position')).toBe('relative');
    const slot = await box(page, '#slot');
    const inner = await box(page);
    expect(inner.x).toBeGreaterThanOrEqual(slot.x);
    expect(inner.x + inner.width).toBeLessThanOrEqual(slot.x + slot.width + 0.5);
    await card(page).getByRole('radio', { name: '4', exact: true }).click();
    expect((await sent).body.answers?.[0]).toMatchObject({ kind: 'csat', score: 4, survey: 'inline' });
    expect(await readApi('/v1/scores?metric=csat&survey=inline')).toMatchObject({ n: 1, score: 100 });
    await page.context().close();
  });

  it('never shifts the host page (CLS 0) and honours prefers-reduced-motion', async () => {
    const page = await open(browser());
    await page.evaluate(() => {
      const w = window as unknown as { shift: number };
      w.shift = 0;
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries() as (PerformanceEntry & { value: number; hadRecentInput: boolean })[])
          if (!entry.hadRecentInput) w.shift += entry.value;
      }).observe({ type: 'layout-shift', buffered: true });
    });
    const intro = await box(page, '#intro');
    await ask(page, 'nps', { followUp: true });
    await card(page).waitFor();
    await page.waitForTimeout(400);
    expect(await box(page, '#intro')).toEqual(intro);
    expect(await page.evaluate(() => (window as unknown as { shift: number }).shift)).toBe(0);
    expect(await style(page, 'heard-prompt section.card', 'animation-name')).not.toBe('none');
    await page.emulateMedia({ reducedMotion: 'reduce' });
    expect(await style(page, 'heard-prompt section.card', 'animation-name')).toBe('none');
    await page.context().close();
  });
});

describe('375 px viewport', () => {
  it('is a full-width bottom sheet with targets of at least 24 px, answered by tap', async () => {
    const page = await open(browser(), '/fixtures/host.html', {
      viewport: { width: 375, height: 667 },
      hasTouch: true,
    });
    await ask(page, 'nps', { position: 'top-left', survey: 'small' });
    await card(page).waitFor();
    await page.waitForTimeout(300);
    const sheet = await box(page);
    expect(sheet.x).toBe(0);
    expect(sheet.width).toBe(375);
    expect(sheet.y + sheet.height).toBeCloseTo(667, 0);
    for (const target of await page.locator('heard-prompt [role=radio], heard-prompt button.x').all()) {
      const b = await target.boundingBox();
      expect(b?.width).toBeGreaterThanOrEqual(24);
      expect(b?.height).toBeGreaterThanOrEqual(24);
    }
    const sent = collect(page, (body) => !!body.answers?.length);
    await card(page).getByRole('radio', { name: '10', exact: true }).tap();
    expect((await sent).body.answers?.[0]).toMatchObject({ score: 10, survey: 'small' });
    await page.context().close();
  });
});

describe('theming and dark mode', () => {
  it('init({ theme }) sets the --heard-* custom properties', async () => {
    const page = await open(browser());
    await reinit(page, {
      theme: { accent: 'rgb(200, 0, 100)', bg: 'rgb(250, 245, 230)', radius: '3px', font: 'Georgia, serif' },
    });
    await ask(page, 'nps', { focus: true });
    await card(page).waitFor();
    expect(await style(page, 'heard-prompt', '--heard-accent')).toBe('rgb(200, 0, 100)');
    expect(await style(page, 'heard-prompt section.card', 'background-color')).toBe('rgb(250, 245, 230)');
    expect(await style(page, 'heard-prompt section.card', 'border-top-left-radius')).toBe('3px');
    expect(await style(page, 'heard-prompt section.card', 'font-family')).toContain('Georgia');
    await page.keyboard.press('ArrowRight');
    const checked = 'heard-prompt [aria-checked=true]';
    expect(await style(page, checked, 'background-color')).toBe('rgb(200, 0, 100)');
    expect(await style(page, checked, 'outline-style')).toBe('solid');
    await page.context().close();
  });

  it.each([
    { scheme: 'dark', mode: undefined, bg: 'rgb(29, 32, 41)' },
    { scheme: 'light', mode: undefined, bg: 'rgb(255, 255, 255)' },
    { scheme: 'light', mode: 'dark', bg: 'rgb(29, 32, 41)' },
    { scheme: 'dark', mode: 'light', bg: 'rgb(255, 255, 255)' },
  ] as const)('prefers-color-scheme $scheme, mode $mode: background $bg', async ({ scheme, mode, bg }) => {
    const page = await open(browser(), '/fixtures/host.html', { colorScheme: scheme });
    if (mode) await reinit(page, { theme: { mode } });
    await ask(page, 'ces');
    await card(page).waitFor();
    expect(await style(page, 'heard-prompt section.card', 'background-color')).toBe(bg);
    await page.context().close();
  });
});

describe('languages', () => {
  const locales = { en, es, fr, de, pt, ja, ar, he };
  it.each(Object.entries(locales))('%s has built-in texts', async (lang, strings) => {
    const page = await open(browser());
    await reinit(page, { locale: lang });
    await ask(page, 'csat', { followUp: true });
    await expect.poll(() => card(page).locator('#q').textContent()).toBe(strings.csat);
    expect(await card(page).locator('#lo').textContent()).toBe(strings.csatLo);
    expect(await card(page).getByRole('button', { name: strings.close }).count()).toBe(1);
    expect(await card(page).getAttribute('dir')).toBe(lang === 'ar' || lang === 'he' ? 'rtl' : 'ltr');
    expect(await card(page).getAttribute('lang')).toBe(lang);
    await card(page).getByRole('radio', { name: '5', exact: true }).click();
    await expect.poll(() => card(page).locator('label').textContent()).toBe(strings.csatHigh);
    await page.context().close();
  });

  it('locale comes from init, then <html lang>, then the browser; any string can be overridden', async () => {
    const page = await open(browser(), '/fixtures/host.html', { locale: 'de-DE' });
    await page.evaluate(() => document.documentElement.removeAttribute('lang'));
    await ask(page, 'nps');
    await expect.poll(() => card(page).locator('#q').textContent()).toBe(de.nps);
    await page.evaluate(() => document.documentElement.setAttribute('lang', 'pt-BR'));
    await ask(page, 'nps');
    await expect.poll(() => card(page).locator('#q').textContent()).toBe(pt.nps);
    await reinit(page, { locale: 'ja', strings: { thanks: 'どうも！', npsHi: 'ぜひ勧めたい' } });
    const sent = collect(page, (body) => !!body.answers?.length);
    await ask(page, 'nps');
    await expect.poll(() => card(page).locator('#q').textContent()).toBe(ja.nps);
    expect(await card(page).locator('#hi').textContent()).toBe('ぜひ勧めたい');
    await card(page).getByRole('radio', { name: '9', exact: true }).click();
    expect((await sent).body.answers?.[0]?.locale).toBe('ja');
    // The follow-up (asked by default) comes before the thanks.
    await card(page).getByRole('button', { name: ja.send }).click();
    await expect.poll(() => card(page).getByRole('status').textContent()).toBe('どうも！');
    await page.context().close();
  });

  it.each(['ar', 'he'])('%s is right-to-left with the scale mirrored and arrows following it', async (lang) => {
    const page = await open(browser());
    await page.evaluate((l) => document.documentElement.setAttribute('lang', l), lang);
    await ask(page, 'nps', { focus: true });
    await card(page).waitFor();
    const zero = await box(page, 'heard-prompt [role=radio] >> nth=0');
    const ten = await box(page, 'heard-prompt [role=radio] >> nth=10');
    expect(zero.x).toBeGreaterThan(ten.x);
    const lo = await box(page, 'heard-prompt #lo');
    const hi = await box(page, 'heard-prompt #hi');
    expect(lo.x).toBeGreaterThan(hi.x);
    const close = await box(page, 'heard-prompt button.x');
    expect(close.x).toBeLessThan(zero.x);
    // Left moves towards 10, the way the scale now reads.
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowLeft');
    expect(await page.evaluate(() => document.activeElement?.shadowRoot?.activeElement?.textContent)).toBe('2');
    const sent = collect(page, (body) => !!body.answers?.length);
    await page.keyboard.press('Enter');
    expect((await sent).body.answers?.[0]).toMatchObject({ score: 2, locale: lang });
    await page.context().close();
  });
});

describe('isolation', () => {
  it('the hostile-CSS page cannot reach into the widget', async () => {
    const reference = await open(browser());
    await ask(reference, 'nps');
    await card(reference).waitFor();
    await reference.waitForTimeout(300);
    const normal = await box(reference);
    await reference.context().close();

    const page = await open(browser(), '/fixtures/hostile.html');
    await ask(page, 'nps', { survey: 'hostile' });
    await card(page).waitFor();
    await page.waitForTimeout(300);
    const hostile = await box(page);
    expect(hostile).toEqual(normal);
    expect(await style(page, 'heard-prompt', 'opacity')).toBe('1');
    expect(await style(page, 'heard-prompt #q', 'font-size')).toBe('15px');
    expect(await style(page, 'heard-prompt #q', 'color')).toBe('rgb(26, 29, 36)');
    expect(await style(page, 'heard-prompt [role=radio]', 'display')).not.toBe('none');
    const sent = collect(page, (body) => !!body.answers?.length);
    await card(page).getByRole('radio', { name: '6', exact: true }).click();
    expect((await sent).body.answers?.[0]).toMatchObject({ score: 6, survey: 'hostile' });
    await page.context().close();
  });

  it('the widget’s CSS does not leak into the host page', async () => {
    const page = await open(browser());
    const read = () =>
      page.evaluate(() =>
        ['#intro', '#open', '#search', 'main', 'body'].map((selector) => {
          const s = getComputedStyle(document.querySelector(selector) as Element);
          return [s.font, s.color, s.background, s.border, s.margin, s.padding, s.display, s.outline].join('|');
        }),
      );
    const before = await read();
    await ask(page, 'nps');
    await card(page).waitFor();
    expect(await read()).toEqual(before);
    await page.context().close();
  });
});

describe('strict CSP page', () => {
  const violations = (page: Page) => page.evaluate(() => (window as unknown as { violations: string[] }).violations);

  it('works with constructable stylesheets, no inline script or style, no eval', async () => {
    const page = await open(browser(), '/fixtures/csp.html');
    await reinit(page, { locale: 'fr' });
    const sent = collect(page, (body) => !!body.answers?.length);
    await ask(page, 'ces', { survey: 'csp', followUp: true });
    await card(page).waitFor();
    expect(await style(page, 'heard-prompt section.card', 'background-color')).toBe('rgb(255, 255, 255)');
    await card(page).getByRole('radio', { name: '6', exact: true }).click();
    expect((await sent).body.answers?.[0]).toMatchObject({ kind: 'ces', score: 6, survey: 'csp' });
    await card(page).getByRole('textbox').fill('ok');
    await card(page).getByRole('button', { name: fr.send }).click();
    await expect.poll(() => card(page).getByRole('status').textContent()).toBe(fr.thanks);
    expect(await violations(page)).toEqual([]);
    await page.context().close();
  });

  it.each([
    { nonce: true, styled: true },
    { nonce: false, styled: false },
  ])('without constructable stylesheets a <style> needs the nonce (nonce: $nonce)', async ({ nonce, styled }) => {
    const page = await open(browser(), '/fixtures/csp.html');
    // A browser without constructable stylesheets.
    await page.evaluate(() => {
      delete (ShadowRoot.prototype as { adoptedStyleSheets?: unknown }).adoptedStyleSheets;
    });
    if (!nonce) await reinit(page, {});
    await ask(page, 'nps');
    await card(page).waitFor({ state: 'attached' });
    expect(await page.locator('heard-prompt style').count()).toBe(1);
    const position = await style(page, 'heard-prompt', 'position');
    expect(position === 'fixed').toBe(styled);
    expect((await violations(page)).length === 0).toBe(styled);
    await page.context().close();
  });
});
