import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { count, num, percent } from '../../dashboard/src/format';
import { createSite } from '../../scripts/stack.mjs';
import { useBrowser } from '../browser';

const browser = useBrowser();
const SLOW = { timeout: 20_000 };
const stack = inject('stack');

/** A site of its own: four in-app answers, two from an email's score links, one on a link's page. */
let site: { publicKey: string; secretKey: string };

async function send(path: string, body: unknown): Promise<Response> {
  const response = await fetch(`${stack.collector}${path}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${site.secretKey}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
  return response;
}

beforeAll(async () => {
  site = await createSite(stack.collector, stack.adminToken, 'answers by channel (browser test)', []);
  const now = Date.now();
  const web = [10, 10, 8, 0].map((score, i) => ({
    id: crypto.randomUUID(),
    kind: 'nps',
    score,
    scale: [0, 10],
    userId: `web-${i}`,
    ts: now - 60_000 + i,
  }));
  const collected = await fetch(`${stack.collector}/v1/collect`, {
    method: 'POST',
    headers: { 'Content-Type': 'text/plain' },
    body: JSON.stringify({ site: site.publicKey, answers: web }),
  });
  if (((await collected.json()) as { accepted: number }).accepted !== web.length) throw new Error('collect refused');
  const survey = (await (
    await send('/v1/surveys', {
      name: 'NPS by email',
      kind: 'nps',
      texts: { en: { question: 'Would you recommend Acme?' } },
      status: 'active',
    })
  ).json()) as { id: string };
  const answers: [string, number, string][] = [
    ['mail-1', 9, 'email'],
    ['mail-2', 10, 'email'],
    ['page-1', 3, 'link'],
  ];
  for (const [userId, score, via] of answers) {
    const { url } = (await (await send('/v1/links', { survey: survey.id, userId })).json()) as { url: string };
    const form = new URLSearchParams({ score: String(score), ...(via === 'email' ? { via } : {}) });
    const answered = await fetch(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: form,
    });
    if (!answered.ok) throw new Error(`answer: ${answered.status}`);
  }
}, 120_000);

const npsShown = (page: Page) => page.locator('#nps [data-figure=nps] .value').textContent();
const nShown = (page: Page) => page.locator('#nps [data-n]').textContent();

describe('the channel filter and split', () => {
  it('changes the NPS shown to the chosen channel’s, and splits the segments by channel', async () => {
    const page = await browser().newPage();
    await page.goto(`${stack.collector}/dashboard`);
    await page.getByLabel('Secret key').fill(site.secretKey);
    await page.getByRole('button', { name: 'Sign in' }).click();
    // All channels: 10, 10, 8, 0, 9, 10, 3 → 4 promoters, 2 detractors of 7: (4 − 2) ÷ 7 = +28.6.
    await expect.poll(() => npsShown(page), SLOW).toBe(num(((4 - 2) / 7) * 100));
    expect(await nShown(page)).toBe(count(7));

    const channel = page.getByLabel('Channel');
    await channel.selectOption('email');
    // Email: 9 and 10, both promoters → +100.
    await expect.poll(() => npsShown(page), SLOW).toBe(num(100));
    expect(await nShown(page)).toBe(count(2));
    await channel.selectOption('web');
    // Web: 10, 10, 8, 0 → 2 promoters, 1 detractor of 4: +25.
    await expect.poll(() => npsShown(page), SLOW).toBe(num(25));
    expect(await nShown(page)).toBe(count(4));
    await channel.selectOption('link');
    await expect.poll(() => npsShown(page), SLOW).toBe(num(-100));
    await channel.selectOption('');
    await expect.poll(() => npsShown(page), SLOW).toBe(num(((4 - 2) / 7) * 100));

    const trait = page.locator('#segments input[name=trait]');
    await trait.fill('channel');
    await trait.press('Enter');
    const rows = () =>
      page
        .locator('#segments tbody tr')
        .evaluateAll((trs) => trs.map((tr) => [...tr.children].map((cell) => (cell.textContent ?? '').trim())));
    // Three links made: the email's two answers are 2 of 3, the page's one is 1 of 3; no web prompt was shown.
    await expect.poll(rows, SLOW).toEqual([
      ['web', num(25), expect.any(String), count(4), percent(null, 1)],
      ['email', num(100), expect.any(String), count(2), percent(2 / 3, 1)],
      ['link', num(-100), expect.any(String), count(1), percent(1 / 3, 1)],
    ]);
    await page.close();
  });
});
