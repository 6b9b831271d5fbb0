import { expect, inject, it } from 'vitest';
import { readApi, useBrowser } from '../browser';

const browser = useBrowser();

it('the demo page asks NPS through the script tag, and a 9 makes NPS 100', async () => {
  const { demo } = inject('stack');
  // The whole browser run shares one site: compare with the scores before this answer.
  const before = await readApi<{ n: number; breakdown: { promoters: number } }>('/v1/scores?metric=nps');
  const page = await browser().newPage();
  const collected = page.waitForResponse(
    (r) =>
      r.url().endsWith('/v1/collect') &&
      r.status() === 200 &&
      (JSON.parse(r.request().postData() ?? '{}').answers ?? []).length > 0,
  );
  await page.goto(demo);
  await page.evaluate(() => (window as unknown as { heard: (...a: unknown[]) => void }).heard('ask', 'nps'));
  const nine = page.locator('heard-prompt').getByRole('radio', { name: '9', exact: true });
  await nine.click();
  // The follow-up is asked by default; sending it empty thanks.
  await page.locator('heard-prompt').getByRole('button', { name: 'Send' }).click();
  await expect.poll(() => page.locator('heard-prompt').getByRole('status').textContent()).toBe('Thank you!');
  expect(await (await collected).json()).toMatchObject({ accepted: 1, duplicates: 0 });
  const scores = await readApi('/v1/scores?metric=nps');
  expect(scores).toMatchObject({
    metric: 'nps',
    n: before.n + 1,
    breakdown: { promoters: before.breakdown.promoters + 1 },
  });
  await page.close();
});
