import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { createSite } from '../../scripts/stack.mjs';
import { useBrowser } from '../browser';

const browser = useBrowser();
const SLOW = { timeout: 20_000 };

/** A site of its own with comments on scales whose bands are not NPS's or 1–5 CSAT's. */
let site: { publicKey: string; secretKey: string };

/** Every comment names its score, scale and where it should land. */
const answers = [
  // CES on the 1–5 effort scale, lower is easier: 1–2 easy, 3 neutral, 4–5 hard.
  { kind: 'ces', score: 1, scale: [1, 5], direction: 'lower-better', comment: 'effort 1: easy' },
  { kind: 'ces', score: 3, scale: [1, 5], direction: 'lower-better', comment: 'effort 3: neutral' },
  { kind: 'ces', score: 5, scale: [1, 5], direction: 'lower-better', comment: 'effort 5: hard' },
  // CSAT on 1–7: the top two (6–7) satisfied, the worst two (1–2) unsatisfied, 3–5 neutral.
  { kind: 'csat', score: 7, scale: [1, 7], comment: 'csat 7: satisfied' },
  { kind: 'csat', score: 6, scale: [1, 7], comment: 'csat 6: satisfied' },
  { kind: 'csat', score: 5, scale: [1, 7], comment: 'csat 5: neutral' },
  { kind: 'csat', score: 3, scale: [1, 7], comment: 'csat 3: neutral' },
  { kind: 'csat', score: 2, scale: [1, 7], comment: 'csat 2: unsatisfied' },
];

beforeAll(async () => {
  const { collector, adminToken } = inject('stack');
  site = await createSite(collector, adminToken, 'bands on every scale', []);
  const now = Date.now();
  const body = {
    site: site.publicKey,
    answers: answers.map((a, i) => ({ id: crypto.randomUUID(), userId: `u${i}`, ts: now - 60_000 + i, ...a })),
  };
  const response = await fetch(`${collector}/v1/collect`, {
    method: 'POST',
    headers: { 'Content-Type': 'text/plain' },
    body: JSON.stringify(body),
  });
  const result = (await response.json()) as { accepted: number };
  if (result.accepted !== answers.length) throw new Error(`stored ${JSON.stringify(result)}`);
}, 120_000);

async function signIn(page: Page): Promise<void> {
  const { collector } = inject('stack');
  await page.goto(`${collector}/dashboard`);
  await page.getByLabel('Secret key').fill(site.secretKey);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.locator('#comments[data-state=ok]').waitFor(SLOW);
}

/** The comments shown, each as `comment → tone`, sorted. */
const shown = (page: Page) =>
  page
    .locator('#comments li')
    .evaluateAll((items) =>
      items
        .map((li) => `${li.querySelector('.text')?.textContent} → ${li.querySelector('.score')?.classList[1]}`)
        .sort(),
    );

describe('comment bands on the dashboard', () => {
  it('read CES 1–5 effort in its direction: the easiest answers are good and “Hard” is 4–5', async () => {
    const page = await browser().newPage();
    await signIn(page);
    await page.locator('#comments select[name=metric]').selectOption('ces');
    await expect
      .poll(() => shown(page), SLOW)
      .toEqual(['effort 1: easy → good', 'effort 3: neutral → mid', 'effort 5: hard → bad']);
    await page.locator('#comments select[name=band]').selectOption({ label: 'Hard' });
    await expect.poll(() => shown(page), SLOW).toEqual(['effort 5: hard → bad']);
    await page.locator('#comments select[name=band]').selectOption({ label: 'Easy' });
    await expect.poll(() => shown(page), SLOW).toEqual(['effort 1: easy → good']);
    await page.close();
  });

  it('read CSAT 1–7 on its own scale: 6–7 satisfied, 1–2 unsatisfied, 3–5 neutral', async () => {
    const page = await browser().newPage();
    await signIn(page);
    await page.locator('#comments select[name=metric]').selectOption('csat');
    await expect
      .poll(() => shown(page), SLOW)
      .toEqual([
        'csat 2: unsatisfied → bad',
        'csat 3: neutral → mid',
        'csat 5: neutral → mid',
        'csat 6: satisfied → good',
        'csat 7: satisfied → good',
      ]);
    await page.locator('#comments select[name=band]').selectOption({ label: 'Satisfied' });
    await expect.poll(() => shown(page), SLOW).toEqual(['csat 6: satisfied → good', 'csat 7: satisfied → good']);
    await page.locator('#comments select[name=band]').selectOption({ label: 'Unsatisfied' });
    await expect.poll(() => shown(page), SLOW).toEqual(['csat 2: unsatisfied → bad']);
    await page.close();
  });
});
