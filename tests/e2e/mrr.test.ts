import axe from 'axe-core';
import { beforeAll, expect, inject, it } from 'vitest';
import { createSite } from '../../scripts/stack.mjs';
import { chartLabels, overlappingLabels, useBrowser } from '../browser';
import { postSubscription, stripeSource, type TestSubscription } from '../stripeSubscriptions';

const browser = useBrowser();
const SLOW = { timeout: 20_000 };
const SECRET = 'whsec_dashboard_mrr_test';

let site: { id: string; publicKey: string; secretKey: string };
let chartSite: { id: string; publicKey: string; secretKey: string };

const post = (url: string, type: string, daysAgo: number, sub: TestSubscription) =>
  postSubscription(url, SECRET, type, daysAgo, sub);

beforeAll(async () => {
  const { collector, adminToken } = inject('stack');
  site = await createSite(collector, adminToken, 'Tasklane (MRR test)', []);
  const url = await stripeSource(collector, site.secretKey, SECRET);
  // 100 + 50 a month, then the first upgrades to 150: 200 MRR from two accounts.
  await post(url, 'customer.subscription.created', 20, { id: 'sub_one', unitAmount: 5_000, quantity: 2 });
  await post(url, 'customer.subscription.created', 10, { id: 'sub_two', unitAmount: 5_000, quantity: 1 });
  await post(url, 'customer.subscription.updated', 1, { id: 'sub_one', unitAmount: 5_000, quantity: 3 });
  // The first customer's user signs up and answers NPS 2; every account under 100 counts as at risk.
  const answer = {
    id: crypto.randomUUID(),
    kind: 'nps',
    score: 2,
    scale: [0, 10],
    userId: 'cus_sub_one',
    ts: Date.now(),
  };
  const collected = await fetch(`${collector}/v1/collect`, {
    method: 'POST',
    headers: { 'Content-Type': 'text/plain' },
    body: JSON.stringify({
      site: site.publicKey,
      answers: [answer],
      events: [{ id: crypto.randomUUID(), name: 'signed_up', userId: 'cus_sub_one', ts: Date.now() }],
    }),
  });
  if (!collected.ok) throw new Error(`collect: ${collected.status} ${await collected.text()}`);
  const settings = await fetch(`${collector}/v1/settings`, {
    method: 'PATCH',
    headers: { Authorization: `Bearer ${site.secretKey}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ health: { atRisk: 100 } }),
  });
  if (!settings.ok) throw new Error(`settings: ${settings.status} ${await settings.text()}`);

  // A second site with every kind of movement, weeks apart, for the chart.
  chartSite = await createSite(collector, adminToken, 'Tasklane (MRR chart test)', []);
  const chartUrl = await stripeSource(collector, chartSite.secretKey, SECRET);
  const a = { id: 'sub_a', unitAmount: 5_000, quantity: 2 };
  const b = { id: 'sub_b', unitAmount: 4_000, quantity: 5 };
  const c = { id: 'sub_c', unitAmount: 8_000, quantity: 1 };
  const d = { id: 'sub_d', unitAmount: 6_000, quantity: 1 };
  await post(chartUrl, 'customer.subscription.created', 70, a); // new 100
  await post(chartUrl, 'customer.subscription.created', 63, b); // new 200
  await post(chartUrl, 'customer.subscription.created', 56, c); // new 80
  await post(chartUrl, 'customer.subscription.created', 49, d); // new 60
  await post(chartUrl, 'customer.subscription.deleted', 42, { ...c, status: 'canceled' }); // churned 80
  await post(chartUrl, 'customer.subscription.updated', 35, { ...a, quantity: 3 }); // expansion 50
  await post(chartUrl, 'customer.subscription.updated', 28, { ...b, quantity: 3 }); // contraction 80
  await post(chartUrl, 'customer.subscription.created', 21, { id: 'sub_e', unitAmount: 4_000, quantity: 1 }); // new 40
  await post(chartUrl, 'customer.subscription.created', 14, {
    id: 'sub_c2',
    unitAmount: 9_000,
    quantity: 1,
    customer: 'cus_sub_c',
  }); // reactivation 90
  await post(chartUrl, 'customer.subscription.deleted', 7, { ...d, status: 'canceled' }); // churned 60
}, 120_000);

it('shows MRR from Stripe with its movements as a table, and the MRR at risk in health', async () => {
  const { collector } = inject('stack');
  const page = await browser().newPage();
  await page.goto(`${collector}/dashboard`);
  await page.getByLabel('Secret key').fill(site.secretKey);
  await page.getByRole('button', { name: 'Sign in' }).click();
  const panel = page.locator('#mrr[data-state=ok]');
  await panel.waitFor(SLOW);
  expect(await panel.locator('[data-figure=mrr] .value').textContent()).toBe('200');
  expect(await panel.locator('[data-figure=mrr] .detail').textContent()).toBe('2 paying');
  const table = page.getByRole('table', { name: /MRR movements per/ });
  const cells = await table
    .locator('tbody tr')
    .evaluateAll((trs) => trs.map((tr) => [...tr.children].map((cell) => (cell.textContent ?? '').trim())));
  const sum = (column: number) => cells.reduce((total, row) => total + Number(row[column]), 0);
  // Wherever the periods fall, new and expansion add up to 200 (100 + 50 new, 50 expansion, or
  // 200 new when all three land in one period), nothing shrank, and the last period ends at 200.
  expect(sum(2) + sum(3)).toBe(200);
  expect([sum(4), sum(5), sum(6)]).toEqual([0, 0, 0]);
  expect(cells.at(-1)?.[7]).toBe('200');

  // Health weighs the at-risk account by its MRR: 150 of the 200.
  const health = page.locator('#health[data-state=ok]');
  await health.waitFor(SLOW);
  expect(await health.locator('[data-figure=mrrAtRisk] .value').textContent()).toBe('150');
  expect(await health.locator('[data-figure=mrrAtRisk] .detail').textContent()).toBe('1 paying accounts of 200 MRR');
  const atRisk = page.getByRole('table', { name: /At risk, worst first/ });
  expect(await atRisk.locator('thead th').last().textContent()).toBe('MRR');
  expect(await atRisk.locator('tbody tr', { hasText: 'cus_sub_one' }).locator('td').last().textContent()).toBe('150');
  await page.close();
});

type Period = {
  period: string;
  new: number;
  expansion: number;
  reactivation: number;
  contraction: number;
  churned: number;
  end: number;
  nrr: number | null;
  grr: number | null;
};
const UP = ['new', 'expansion', 'reactivation'] as const;
const DOWN = ['contraction', 'churned'] as const;
/** The movement colours each theme defines in dashboard.css (new and churned are --good and --bad). */
const THEME = {
  light: {
    new: '#15803d',
    expansion: '#0369a1',
    reactivation: '#7c3aed',
    contraction: '#c2410c',
    churned: '#dc2626',
    accent: '#4f46e5',
  },
  dark: {
    new: '#22c55e',
    expansion: '#38bdf8',
    reactivation: '#a78bfa',
    contraction: '#fb923c',
    churned: '#f87171',
    accent: '#8b85ff',
  },
};
const rgb = (hex: string) => {
  const [r, g, b] = [1, 3, 5].map((i) => Number.parseInt(hex.slice(i, i + 2), 16));
  return `rgb(${r}, ${g}, ${b})`;
};
/** WCAG relative luminance and contrast of two "rgb(r, g, b)" colours. */
const contrast = (x: string, y: string) => {
  const lum = (c: string) => {
    const [r, g, b] = (c.match(/\d+/g) ?? []).slice(0, 3).map((v) => {
      const s = Number(v) / 255;
      return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * (r ?? 0) + 0.7152 * (g ?? 0) + 0.0722 * (b ?? 0);
  };
  const [hi, lo] = [lum(x), lum(y)].sort((p, q) => q - p);
  return ((hi ?? 0) + 0.05) / ((lo ?? 0) + 0.05);
};
const fills: Record<string, Record<string, string>> = {};

for (const colorScheme of ['light', 'dark'] as const) {
  it(`draws movements as a diverging stack and ending MRR as a line, in the theme's colours (${colorScheme})`, async () => {
    const { collector } = inject('stack');
    const page = await browser().newPage({ colorScheme, viewport: { width: 1280, height: 900 }, bypassCSP: true });
    const response = page.waitForResponse((r) => new URL(r.url()).pathname === '/v1/mrr');
    await page.goto(`${collector}/dashboard`);
    await page.getByLabel('Secret key').fill(chartSite.secretKey);
    await page.getByRole('button', { name: 'Sign in' }).click();
    const { periods } = (await (await response).json()) as { periods: Period[] };
    const panel = page.locator('#mrr[data-state=ok]');
    await panel.waitFor(SLOW);
    const chart = panel.getByRole('img', { name: /^MRR movements per week/ });

    // The seed moves every kind at least once, in ten different weeks.
    for (const m of [...UP, ...DOWN]) expect(periods.some((p) => p[m] > 0)).toBe(true);
    const geometry = await chart.evaluate((svg) => {
      const n = (el: Element | null, a: string) => Number(el?.getAttribute(a));
      return {
        ticks: [...svg.querySelectorAll('[data-tick]')].map((g) => ({
          value: n(g, 'data-tick'),
          y: n(g.querySelector('line'), 'y1'),
        })),
        endTicks: [...svg.querySelectorAll('[data-end-tick]')].map((t) => ({
          value: n(t, 'data-end-tick'),
          y: n(t, 'y'),
        })),
        zero: n(svg.querySelector('line.zero'), 'y1'),
        periods: [...svg.querySelectorAll('g[data-period]')].map((g) => ({
          period: g.getAttribute('data-period'),
          rects: [...g.querySelectorAll('rect')].map((r) => ({
            movement: r.getAttribute('data-movement'),
            y: n(r, 'y'),
            height: n(r, 'height'),
            fill: getComputedStyle(r).fill,
          })),
        })),
        dots: [...svg.querySelectorAll('circle.dot')].map((c) => ({
          period: c.getAttribute('data-period'),
          cx: n(c, 'cx'),
          cy: n(c, 'cy'),
        })),
        line: svg.querySelector('path.line')?.getAttribute('d') ?? '',
        stroke: getComputedStyle(svg.querySelector('path.line') as Element).stroke,
        panel: getComputedStyle(svg.closest('.panel') as Element).backgroundColor,
      };
    });

    // One scale for gains and losses: the tick at the largest gain sits that far above zero.
    const top = Math.max(...periods.map((p) => UP.reduce((s, m) => s + p[m], 0)));
    const tick = geometry.ticks.find((t) => t.value === top);
    expect(geometry.ticks.find((t) => t.value === 0)?.y).toBe(geometry.zero);
    const k = (geometry.zero - (tick?.y ?? Number.NaN)) / top;
    expect(k).toBeGreaterThan(0);

    expect(geometry.periods.map((g) => g.period)).toEqual(periods.map((p) => p.period));
    let positive = 0;
    let negative = 0;
    periods.forEach((p, i) => {
      const rects = geometry.periods[i]?.rects ?? [];
      // One segment per non-zero movement, in the legend's order: gains first, then losses.
      const drawn = [...UP, ...DOWN].filter((m) => p[m] > 0);
      expect(rects.map((r) => r.movement)).toEqual(drawn);
      let above = geometry.zero;
      let below = geometry.zero;
      for (const r of rects) {
        const m = r.movement as keyof typeof THEME.light;
        const value = p[m as (typeof UP)[number]];
        expect(r.height).toBeCloseTo(value * k, 6);
        if ((UP as readonly string[]).includes(m)) {
          // Gains stack upwards from zero, each on the last.
          expect(r.y + r.height).toBeCloseTo(above, 6);
          above = r.y;
          positive += 1;
        } else {
          // Losses hang downwards from zero.
          expect(r.y).toBeCloseTo(below, 6);
          below = r.y + r.height;
          negative += 1;
        }
        expect(r.fill).toBe(rgb(THEME[colorScheme][m]));
        fills[colorScheme] = { ...fills[colorScheme], [m]: r.fill };
      }
    });
    const nonZero = (keys: readonly (keyof Period)[]) =>
      periods.reduce((sum, p) => sum + keys.filter((m) => Number(p[m]) > 0).length, 0);
    expect([positive, negative]).toEqual([nonZero(UP), nonZero(DOWN)]);
    expect(positive).toBeGreaterThanOrEqual(6);
    expect(negative).toBeGreaterThanOrEqual(3);

    // Ending MRR: one point per period on the right axis, 0 at its foot and the largest end at its head.
    const endMax = Math.max(...periods.map((p) => p.end));
    const foot = geometry.endTicks.find((t) => t.value === 0)?.y ?? Number.NaN;
    const head = geometry.endTicks.find((t) => t.value === endMax)?.y ?? Number.NaN;
    expect(geometry.dots.map((d) => d.period)).toEqual(periods.map((p) => p.period));
    periods.forEach((p, i) => {
      expect(geometry.dots[i]?.cy).toBeCloseTo(foot - 4 + ((head - foot) * p.end) / endMax, 6);
    });
    expect(geometry.line).toBe(geometry.dots.map((d, i) => `${i ? 'L' : 'M'}${d.cx},${d.cy}`).join(''));
    expect(geometry.stroke).toBe(rgb(THEME[colorScheme].accent));
    expect(await panel.locator('.legend.row li').allTextContents()).toEqual([
      ' New',
      ' Expansion',
      ' Reactivation',
      ' Contraction',
      ' Churned',
      ' Ending MRR (line, right axis)',
    ]);

    const swatches = await panel
      .locator('.legend.row .swatch')
      .evaluateAll((els) => els.map((el) => getComputedStyle(el).backgroundColor));
    expect(swatches).toEqual([...UP, ...DOWN, 'accent' as const].map((m) => rgb(THEME[colorScheme][m])));

    // Every movement colour stands out from the panel (WCAG 1.4.11 asks 3:1; these give 4.5:1).
    for (const m of [...UP, ...DOWN]) {
      expect(contrast(rgb(THEME[colorScheme][m]), geometry.panel)).toBeGreaterThanOrEqual(4.5);
    }

    // Exactly one table with the chart's numbers, NRR and GRR per period included.
    const tables = page.getByRole('table', { name: /MRR movements per/ });
    expect(await tables.count()).toBe(1);
    const cells = await tables
      .locator('tbody tr')
      .evaluateAll((trs) => trs.map((tr) => [...tr.children].map((cell) => (cell.textContent ?? '').trim())));
    const pct = (v: number | null) => (v === null ? '–' : `${(v * 100).toFixed(1)}%`);
    expect(cells).toEqual(
      periods.map((p) => [
        p.period,
        expect.any(String),
        ...[...UP, ...DOWN, 'end' as const].map((m) => String(p[m])),
        pct(p.nrr),
        pct(p.grr),
      ]),
    );

    await page.addScriptTag({ content: axe.source });
    const violations = await page.evaluate(async () => {
      const { axe: run } = window as unknown as { axe: typeof axe };
      const results = await run.run('#mrr', { resultTypes: ['violations'] });
      return results.violations.flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(' ')}`));
    });
    expect(violations).toEqual([]);
    await page.close();
  });
}

it('gives every movement another colour in dark than in light', () => {
  for (const m of ['expansion', 'reactivation', 'contraction', 'new', 'churned']) {
    expect(fills.light?.[m]).toBeDefined();
    expect(fills.dark?.[m]).not.toBe(fills.light?.[m]);
  }
});

it('keeps the MRR chart readable on a phone: labels at 11 px or more, none overlapping', async () => {
  const { collector } = inject('stack');
  const page = await browser().newPage({ viewport: { width: 375, height: 900 } });
  await page.goto(`${collector}/dashboard`);
  await page.getByLabel('Secret key').fill(chartSite.secretKey);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.locator('#mrr[data-state=ok]').waitFor(SLOW);
  const chart = page.getByRole('img', { name: /^MRR movements per week/ });
  const labels = await chartLabels(chart);
  expect(labels.length).toBeGreaterThanOrEqual(6);
  expect(labels.filter((l) => l.px < 11)).toEqual([]);
  expect(labels.filter((l) => !l.inside).map((l) => l.text)).toEqual([]);
  expect(overlappingLabels(labels)).toEqual([]);
  await page.close();
});
