// What the dashboard says with colour, numbers and layout, on a seeded site: a change is
// green or red by the score's own direction, p-values read "p < 0.001" when tiny, chart
// labels are at least 11 px on screen, and the 1440 px grid has no holes.
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { changeTone } from '../../dashboard/src/colour';
import { pValue, signed } from '../../dashboard/src/format';
import { seed } from '../../demo/seed.mjs';
import { createSite } from '../../scripts/stack.mjs';
import { useBrowser } from '../browser';

const browser = useBrowser();
let secretKey = '';

beforeAll(async () => {
  const { collector, adminToken } = inject('stack');
  const site = await createSite(collector, adminToken, 'Tasklane (dashboard presentation test)', []);
  secretKey = site.secretKey;
  const seeded = await seed({ collector, publicKey: site.publicKey, secretKey, users: 400, seed: 5 });
  if (seeded.rejected > 0) throw new Error(`the collector refused ${seeded.rejected} seeded items`);
}, 180_000);

async function open(width: number, colorScheme: 'light' | 'dark' = 'light'): Promise<Page> {
  const { collector } = inject('stack');
  const page = await browser().newPage({ viewport: { width, height: 900 }, colorScheme });
  await page.goto(`${collector}/dashboard`);
  await page.getByLabel('Secret key').fill(secretKey);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.locator('#nps[data-state=ok]').waitFor();
  await page.waitForFunction(() => document.querySelectorAll('[aria-busy=true]').length === 0, undefined, {
    timeout: 30_000,
  });
  return page;
}

interface Significance {
  difference: number;
  p: number | null;
  significant: boolean;
}

describe('the dashboard', () => {
  it('colours each change by its score’s direction and writes tiny p-values as "p < 0.001"', async () => {
    const { collector } = inject('stack');
    const page = await open(1440);
    const grid = page.locator('main.grid');
    const query = `from=${await grid.getAttribute('data-from')}&to=${await grid.getAttribute('data-to')}`;
    const colours = await page.evaluate(() => {
      const style = getComputedStyle(document.documentElement);
      const rgb = (name: string) => {
        const probe = document.createElement('span');
        probe.style.color = `var(--${name})`;
        document.body.append(probe);
        const colour = getComputedStyle(probe).color;
        probe.remove();
        return colour;
      };
      return { better: rgb('good'), worse: rgb('bad'), text: rgb('text'), muted: style.getPropertyValue('--muted') };
    });
    const seen: string[] = [];
    for (const metric of ['nps', 'csat', 'ces'] as const) {
      const response = await fetch(`${collector}/v1/scores?metric=${metric}&${query}&compare=previous`, {
        headers: { Authorization: `Bearer ${secretKey}` },
      });
      const report = (await response.json()) as {
        direction: 'higher-better' | 'lower-better' | null;
        comparison?: { significance: Significance | null };
      };
      const test = report.comparison?.significance;
      if (!test) continue;
      const tone = changeTone(metric, report.direction, test.difference, test.significant);
      seen.push(`${metric}: ${tone}`);
      const change = page.locator(`#${metric} [data-change]`);
      expect(await change.getAttribute('class'), metric).toBe(tone);
      expect(await change.locator('b').textContent()).toBe(
        signed(test.difference, metric === 'nps' ? 0 : metric === 'csat' ? 1 : 2),
      );
      const colour = await change.locator('b').evaluate((b) => getComputedStyle(b).color);
      expect(colour, metric).toBe(tone === 'neutral' ? colours.text : colours[tone]);
      const words = (await change.textContent()) ?? '';
      expect(words).toContain(tone === 'neutral' ? 'not significant' : `significantly ${tone}`);
      if (test.p !== null) expect(words).toContain(`(${pValue(test.p)})`);
      expect(words).not.toContain('p = 0.000');
    }
    // The seeded year has NPS rising: its change is a significant improvement, shown green.
    expect(seen).toContain('nps: better');
    await page.close();
  });

  for (const width of [1440, 375]) {
    it(`draws every chart label at 11 px or more on screen at ${width} px`, async () => {
      const page = await open(width);
      const sizes = await page.locator('svg.chart text').evaluateAll((texts) =>
        texts.map((t) => {
          const scale = (t as SVGTextElement).getScreenCTM()?.a ?? 0;
          return {
            text: t.textContent,
            px: Number((Number.parseFloat(getComputedStyle(t).fontSize) * scale).toFixed(2)),
          };
        }),
      );
      expect(sizes.length).toBeGreaterThan(20);
      expect(sizes.filter((s) => s.px < 11)).toEqual([]);
      // Nor do the labels of an axis overlap at that size.
      const overlaps = await page.locator('svg.chart').evaluateAll((charts) =>
        charts.flatMap((chart) => {
          const boxes = [...chart.querySelectorAll('text.axis')]
            .map((t) => ({ text: t.textContent, box: t.getBoundingClientRect() }))
            .sort((a, b) => a.box.left - b.box.left);
          return boxes.slice(1).flatMap((b, i) => {
            const a = boxes[i];
            return a && a.box.right > b.box.left ? [`${chart.getAttribute('aria-label')}: ${a.text} / ${b.text}`] : [];
          });
        }),
      );
      expect(overlaps).toEqual([]);
      await page.close();
    });
  }

  it('leaves no hole in the grid at 1440 px: every row of panels is full', async () => {
    const page = await open(1440);
    const rows = await page.evaluate(() => {
      const grid = document.querySelector('main.grid') as HTMLElement;
      const style = getComputedStyle(grid);
      const inner = grid.clientWidth - Number.parseFloat(style.paddingLeft) - Number.parseFloat(style.paddingRight);
      const gap = Number.parseFloat(style.columnGap);
      const byRow = new Map<number, { id: string; width: number }[]>();
      for (const panel of grid.querySelectorAll<HTMLElement>(':scope > section')) {
        const box = panel.getBoundingClientRect();
        const row = Math.round(box.top + scrollY);
        byRow.set(row, [...(byRow.get(row) ?? []), { id: panel.id, width: box.width }]);
      }
      return [...byRow.values()].map((panels) => ({
        panels: panels.map((p) => p.id).join(' '),
        empty: Math.round(inner - panels.reduce((sum, p) => sum + p.width, 0) - gap * (panels.length - 1)),
      }));
    });
    expect(rows.length).toBeGreaterThan(3);
    expect(rows.filter((r) => r.empty > 1)).toEqual([]);
    await page.close();
  });
});
