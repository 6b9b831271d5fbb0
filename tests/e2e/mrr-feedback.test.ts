import axe from 'axe-core';
import type { Locator } from 'playwright-core';
import { beforeAll, expect, inject, it } from 'vitest';
import { createSite } from '../../scripts/stack.mjs';
import { chartLabels, overlappingLabels, useBrowser } from '../browser';
import { postSubscription, stripeSource, type TestSubscription } from '../stripeSubscriptions';

const browser = useBrowser();
const SLOW = { timeout: 20_000 };
const DAY = 86_400_000;
const SECRET = 'whsec_dashboard_mrr_feedback';
const COMMENT = '<img src=x onerror="window.pwned=1"> too pricey for us';

let site: { id: string; publicKey: string; secretKey: string };

const post = (url: string, type: string, daysAgo: number, sub: TestSubscription) =>
  postSubscription(url, SECRET, type, daysAgo, sub);

beforeAll(async () => {
  const { collector, adminToken } = inject('stack');
  site = await createSite(collector, adminToken, 'Tasklane (MRR and feedback)', []);
  const url = await stripeSource(collector, site.secretKey, SECRET);
  // a: 80 a month, cancelled two days ago. b: 2 × 1,000, down to one seat four days ago. c: 50, never answers.
  const a = { id: 'sub_a', unitAmount: 8_000, quantity: 1 };
  const b = { id: 'sub_b', unitAmount: 100_000, quantity: 2 };
  await post(url, 'customer.subscription.created', 60, a);
  await post(url, 'customer.subscription.created', 50, b);
  await post(url, 'customer.subscription.created', 40, { id: 'sub_c', unitAmount: 5_000, quantity: 1 });
  await post(url, 'customer.subscription.updated', 4, { ...b, quantity: 1 });
  await post(url, 'customer.subscription.deleted', 2, { ...a, status: 'canceled' });
  const now = Date.now();
  const answer = (userId: string, kind: string, score: number, daysAgo: number, comment?: string) => ({
    id: crypto.randomUUID(),
    kind,
    score,
    scale: kind === 'nps' ? [0, 10] : [1, 5],
    userId,
    ts: now - daysAgo * DAY,
    ...(comment ? { comment } : {}),
  });
  const collected = await fetch(`${collector}/v1/collect`, {
    method: 'POST',
    headers: { 'Content-Type': 'text/plain' },
    body: JSON.stringify({
      site: site.publicKey,
      answers: [
        answer('cus_sub_a', 'nps', 3, 3, COMMENT),
        answer('cus_sub_a', 'csat', 2, 6),
        answer('cus_sub_b', 'nps', 10, 1),
      ],
      events: ['cus_sub_a', 'cus_sub_b'].map((userId) => ({
        id: crypto.randomUUID(),
        name: 'signed_up',
        userId,
        ts: now - 30 * DAY,
      })),
    }),
  });
  if (!collected.ok) throw new Error(`collect: ${collected.status} ${await collected.text()}`);
  // Every scored account is at risk under 100: a (no MRR left) and b (1,000).
  const settings = await fetch(`${collector}/v1/settings`, {
    method: 'PATCH',
    headers: { Authorization: `Bearer ${site.secretKey}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ health: { atRisk: 100 } }),
  });
  if (!settings.ok) throw new Error(`settings: ${settings.status} ${await settings.text()}`);
}, 120_000);

const day = (daysAgo: number) => new Date(Date.now() - daysAgo * DAY).toISOString().slice(0, 10);

const rowsOf = (table: Locator) =>
  table
    .locator('tbody tr')
    .evaluateAll((trs) => trs.map((tr) => [...tr.children].map((cell) => (cell.textContent ?? '').trim())));

for (const colorScheme of ['light', 'dark'] as const) {
  it(`shows the MRR at risk, NPS by MRR band and the churned list with last answers (${colorScheme})`, async () => {
    const { collector } = inject('stack');
    const page = await browser().newPage({ colorScheme, viewport: { width: 1280, height: 900 }, bypassCSP: true });
    await page.goto(`${collector}/dashboard`);
    await page.getByLabel('Secret key').fill(site.secretKey);
    await page.getByRole('button', { name: 'Sign in' }).click();
    const panel = page.locator('#mrr[data-state=ok]');
    await panel.waitFor(SLOW);

    expect(await panel.locator('[data-figure=atRisk] .value').textContent()).toBe('1,000');
    expect(await panel.locator('[data-figure=atRisk] .detail').textContent()).toBe('at risk: 1 accounts, 1,000 MRR');

    // Most MRR lost first: b's contraction (1,000), then a's churn (80) with its answers and comment.
    const churned = page.getByRole('table', { name: /Churned and contracted MRR/ });
    expect(await churned.locator('caption').textContent()).toBe(
      'Churned and contracted MRR, most lost first: 2 of 2, 1,080 USD lost',
    );
    const rows = await rowsOf(churned);
    expect(rows.map((r) => [r[0], r[1]?.split(' ')[1], r[2], r[3], r[4], r[5]])).toEqual([
      ['cus_sub_b', 'contraction', '1,000', `10 (${day(1)})`, '–', '–'],
      ['cus_sub_a', 'churned', '80', `3 (${day(3)})`, `2 (${day(6)})`, `${COMMENT} (${day(3)})`],
    ]);
    // The comment is text: its markup is shown, never parsed or run.
    expect(await churned.locator('img').count()).toBe(0);
    expect(await page.evaluate(() => (window as { pwned?: number }).pwned)).toBeUndefined();

    // Bands: a has no MRR now (NPS 3: −100), c pays 50 without an answer, b pays exactly 1,000 (NPS 10: 100).
    const bands = page.getByRole('table', { name: /NPS by MRR band/ });
    expect(await rowsOf(bands)).toEqual([
      ['No MRR', '1', '1', '-100', '-100 – -100'],
      ['< 100', '1', '0', '–', '–'],
      ['100 – 1,000', '0', '0', '–', '–'],
      ['≥ 1,000', '1', '1', '100', '100 – 100'],
    ]);
    const chart = panel.getByRole('img', { name: 'NPS by MRR band, with 95% intervals' });
    expect(await chart.locator('[data-band] circle.dot').count()).toBe(2);
    expect(await chart.locator('[data-band] text.axis').allTextContents()).toEqual([
      'No MRR',
      '< 100',
      '100–1k',
      '≥ 1k',
    ]);
    expect(await chart.locator('[data-band] text:not(.axis)').allTextContents()).toEqual(['n 1', 'n 0', 'n 0', 'n 1']);
    // The error bars are drawn in the theme's accent, as every chart's line.
    const stroke = await chart.locator('[data-band=none] .whisker').evaluate((el) => getComputedStyle(el).stroke);
    expect(stroke).toBe(colorScheme === 'dark' ? 'rgb(139, 133, 255)' : 'rgb(79, 70, 229)');

    const payments = page.getByRole('table', { name: /Payments per week/ });
    expect(await payments.locator('thead th').allTextContents()).toEqual([
      'Period',
      'Collected',
      'Failed',
      'Refunded',
      'Accounts failing',
    ]);
    expect((await rowsOf(payments)).length).toBeGreaterThan(10);

    // WCAG 2.2 AA in this theme: contrast of the tables and chart labels, table semantics, focusable scrollers.
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

it('keeps the band chart readable on a phone: labels at 11 px or more, none overlapping', async () => {
  const { collector } = inject('stack');
  const page = await browser().newPage({ viewport: { width: 375, height: 900 } });
  await page.goto(`${collector}/dashboard`);
  await page.getByLabel('Secret key').fill(site.secretKey);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.locator('#mrr[data-state=ok]').waitFor(SLOW);
  const chart = page.getByRole('img', { name: 'NPS by MRR band, with 95% intervals' });
  const labels = await chartLabels(chart);
  expect(labels.length).toBeGreaterThanOrEqual(4);
  expect(labels.filter((l) => l.px < 11)).toEqual([]);
  expect(overlappingLabels(labels)).toEqual([]);
  await page.close();
});
