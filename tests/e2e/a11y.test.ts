import { mkdirSync } from 'node:fs';
import type { AskOptions } from '@heard/widget';
import axe from 'axe-core';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useBrowser } from '../browser';
import { ask, card, open, reinit } from '../widget';

const browser = useBrowser();

// `HEARD_SCREENSHOTS=1 pnpm vitest run tests/e2e/a11y.test.ts` refreshes docs/screenshots/.
const screenshots = process.env.HEARD_SCREENSHOTS ? new URL('../../docs/screenshots/', import.meta.url) : undefined;
if (screenshots) mkdirSync(screenshots, { recursive: true });

const kinds: { name: string; kind: string; options: AskOptions }[] = [
  { name: 'nps', kind: 'nps', options: {} },
  { name: 'csat', kind: 'csat', options: {} },
  { name: 'csat-stars', kind: 'csat', options: { display: 'stars' } },
  { name: 'csat-faces', kind: 'csat', options: { display: 'faces' } },
  { name: 'ces', kind: 'ces', options: {} },
  { name: 'ces-effort', kind: 'ces', options: { scale: [1, 5] } },
];

async function violations(page: Page) {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ content: axe.source });
  return page.evaluate(async () => {
    const { axe: run } = window as unknown as { axe: typeof axe };
    const results = await run.run(document, { resultTypes: ['violations'] });
    return results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  });
}

describe.each([
  { variant: 'light', colorScheme: 'light', locale: 'en' },
  { variant: 'dark', colorScheme: 'dark', locale: 'en' },
  { variant: 'rtl', colorScheme: 'light', locale: 'ar' },
  { variant: 'rtl-dark', colorScheme: 'dark', locale: 'he' },
] as const)('axe-core, $variant', ({ variant, colorScheme, locale }) => {
  it('finds no violation in any kind, nor in the follow-up and thank-you states', async () => {
    const page = await open(browser(), '/fixtures/host.html', { colorScheme, reducedMotion: 'reduce' });
    await reinit(page, { locale });
    for (const { name, kind, options } of kinds) {
      await ask(page, kind, options);
      await expect.poll(() => card(page).getAttribute('lang')).toBe(locale);
      expect({ name, violations: await violations(page) }).toEqual({ name, violations: [] });
      if (screenshots && variant !== 'rtl-dark')
        await card(page).screenshot({ path: new URL(`${name}-${variant}.png`, screenshots).pathname });
    }
    // The follow-up as every NPS asks it by default, here after a detractor's 4.
    await ask(page, 'nps');
    await card(page).getByRole('radio', { name: '4', exact: true }).click();
    await card(page).getByRole('textbox').waitFor();
    expect({ state: 'follow-up', violations: await violations(page) }).toEqual({ state: 'follow-up', violations: [] });
    if (screenshots && variant !== 'rtl-dark')
      await card(page).screenshot({ path: new URL(`follow-up-${variant}.png`, screenshots).pathname });
    await card(page).getByRole('button').last().click();
    await card(page).getByRole('status').filter({ hasText: /./ }).waitFor();
    expect({ state: 'thanks', violations: await violations(page) }).toEqual({ state: 'thanks', violations: [] });
    await page.context().close();
  });
});
