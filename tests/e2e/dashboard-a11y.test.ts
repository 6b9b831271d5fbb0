// axe-core on the signed-in dashboard of a seeded site: every view the header's navigation
// links to (views.tsx), with every panel of the overview loaded and every <details> opened,
// in light and dark, on a wide screen and a phone. WCAG 2.2 AA: no violation at all.
import axe from 'axe-core';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { seed } from '../../demo/seed.mjs';
import { createSite } from '../../scripts/stack.mjs';
import { useBrowser } from '../browser';

const browser = useBrowser();

/** The overview's panels; each must have loaded its report before axe looks. */
const OVERVIEW_PANELS = [
  'nps',
  'distribution',
  'bands',
  'response-rate',
  'csat',
  'ces',
  'segments',
  'comments',
  'ttv',
  'durations',
  'revenue',
  'mrr',
  'retention',
  'health',
  'export',
];

let secretKey = '';

beforeAll(async () => {
  const { collector, adminToken } = inject('stack');
  const site = await createSite(collector, adminToken, 'Tasklane (dashboard axe test)', []);
  secretKey = site.secretKey;
  const seeded = await seed({ collector, publicKey: site.publicKey, secretKey, users: 400, seed: 11 });
  if (seeded.rejected > 0) throw new Error(`the collector refused ${seeded.rejected} seeded items`);
}, 180_000);

async function signIn(page: Page): Promise<void> {
  const { collector } = inject('stack');
  await page.goto(`${collector}/dashboard`);
  await page.getByLabel('Secret key').fill(secretKey);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.locator('header.top').waitFor();
}

/** Waits until nothing on the page is loading: no busy panel, no "Loading…" status. */
async function settled(page: Page): Promise<void> {
  await page.waitForFunction(
    () =>
      document.querySelectorAll('[aria-busy=true], [data-state=loading]').length === 0 &&
      ![...document.querySelectorAll('main p')].some((p) => /^Loading\b/.test(p.textContent ?? '')),
    undefined,
    { timeout: 30_000 },
  );
  // What is folded away is checked too.
  await page.evaluate(() => {
    for (const details of document.querySelectorAll('details')) details.open = true;
  });
}

/** axe-core's violations, one line per rule with its nodes and, for contrast, the ratio found. */
async function violations(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ content: axe.source });
  return page.evaluate(async () => {
    const { axe: run } = window as unknown as { axe: typeof axe };
    const results = await run.run(document, { resultTypes: ['violations'] });
    return results.violations.flatMap((v) =>
      v.nodes.map((n) => {
        const data = n.any[0]?.data as { contrastRatio?: number } | undefined;
        return `${v.id}: ${n.target.join(' ')}${data?.contrastRatio ? ` (${data.contrastRatio}:1)` : ''}`;
      }),
    );
  });
}

/** The views the header links to: its `nav.views` links, or only the overview when there is no choice. */
async function views(page: Page): Promise<{ name: string; href: string }[]> {
  const links = await page
    .locator('nav.views a')
    .evaluateAll((as) => as.map((a) => ({ name: (a.textContent ?? '').trim(), href: a.getAttribute('href') ?? '' })));
  return links.length > 0 ? links : [{ name: 'Overview', href: '#/' }];
}

describe.each([
  { scheme: 'light', width: 1440 },
  { scheme: 'dark', width: 1440 },
  { scheme: 'light', width: 375 },
  { scheme: 'dark', width: 375 },
] as const)('the dashboard, $scheme, $width px', ({ scheme, width }) => {
  it('has no axe-core violation on any view, with every overview panel loaded', async () => {
    const page = await browser().newPage({ viewport: { width, height: 900 }, colorScheme: scheme, bypassCSP: true });
    await signIn(page);
    await settled(page);
    const found: Record<string, string[]> = {};
    const panels = await page.locator('main.grid section.panel').evaluateAll((s) => s.map((e) => e.id));
    expect(panels).toEqual(expect.arrayContaining(OVERVIEW_PANELS));
    for (const id of OVERVIEW_PANELS) {
      expect(await page.locator(`#${id}`).getAttribute('data-state'), id).not.toBe('error');
    }
    for (const view of await views(page)) {
      await page.evaluate((hash) => {
        location.hash = hash;
      }, view.href);
      await settled(page);
      found[view.name] = await violations(page);
    }
    const counts = Object.fromEntries(Object.entries(found).map(([name, list]) => [name, list.length]));
    console.log(`axe, ${scheme}, ${width} px: ${JSON.stringify(counts)}`);
    expect(found).toEqual(Object.fromEntries(Object.keys(found).map((name) => [name, []])));
    await page.close();
  });
});
