import { LIMITS } from '@heard/core';
import { beforeAll, expect, inject, it } from 'vitest';
import { exact, money } from '../../dashboard/src/format';
import { createSite } from '../../scripts/stack.mjs';
import { useBrowser } from '../browser';

const browser = useBrowser();
const SLOW = { timeout: 20_000 };
let site: { publicKey: string; secretKey: string };

// The largest revenue the collector takes: 1,000 events at the largest value allowed, sent as
// revenue is (a trusted event) through the server door.
beforeAll(async () => {
  const { collector, adminToken } = inject('stack');
  site = await createSite(collector, adminToken, 'Huge figures (dashboard test)', []);
  const now = Date.now();
  for (let batch = 0; batch < 2; batch++) {
    const events = Array.from({ length: 500 }, (_, i) => ({
      id: crypto.randomUUID(),
      name: 'revenue',
      userId: `whale-${batch}-${i}`,
      ts: now - 3_600_000 - i,
      value: LIMITS.valueAbs,
      props: { kind: 'new' },
    }));
    const response = await fetch(`${collector}/v1/batch`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${site.secretKey}` },
      body: JSON.stringify({ events }),
    });
    const body = (await response.json()) as { accepted: number };
    if (body.accepted !== 500) throw new Error(`batch: ${JSON.stringify(body)}`);
  }
}, 120_000);

it('writes huge figures short and never lets one overflow its panel or the page, on a phone-sized screen', async () => {
  const { collector } = inject('stack');
  const page = await browser().newPage({ viewport: { width: 390, height: 844 } });
  await page.goto(`${collector}/dashboard`);
  await page.getByLabel('Secret key').fill(site.secretKey);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.locator('#revenue [data-figure=net] .value').waitFor(SLOW);
  await expect
    .poll(() => page.locator('#revenue [data-figure=net] .value').textContent(), SLOW)
    .toBe(money(1000 * LIMITS.valueAbs));
  expect(money(1000 * LIMITS.valueAbs)).toBe('1000T');
  // The short figure carries its exact value as a title.
  expect(await page.locator('#revenue [data-figure=net] .value').getAttribute('title')).toBe(
    exact(1000 * LIMITS.valueAbs),
  );
  const overflowing = await page.evaluate(() => {
    const wide = [...document.querySelectorAll<HTMLElement>('.figure, .panel, section')].filter(
      (el) => el.scrollWidth > el.clientWidth + 1,
    );
    return {
      page: document.documentElement.scrollWidth - window.innerWidth,
      elements: wide.map((el) => `${el.className} ${el.dataset.figure ?? el.id}`),
    };
  });
  expect(overflowing).toEqual({ page: 0, elements: [] });
  await page.close();
});
