// @vitest-environment node
import { createClient, DAY_MS, digestWindow, startOfDay } from '@heard/core';
import type { Page } from 'playwright-core';
import { expect, inject, it } from 'vitest';
import { createSite } from '../../scripts/stack.mjs';
import { useBrowser } from '../browser';
import { useWebhookReceiver, verified } from '../webhookReceiver';

const browser = useBrowser();
// `HEARD_SCREENSHOTS=1 pnpm exec vitest run --project browser tests/e2e/digest.test.ts` refreshes docs/themes-digest.md's pictures.
const screenshots = process.env.HEARD_SCREENSHOTS ? new URL('../../docs/screenshots/', import.meta.url) : undefined;
const shoot = (page: Page, name: string) =>
  screenshots ? page.screenshot({ path: new URL(`${name}.png`, screenshots).pathname, fullPage: true }) : undefined;

const { received, url: hookUrl } = useWebhookReceiver('/digest');

const TZ = 'Asia/Tokyo';

it("the hourly cron posts yesterday's digest (Tokyo time) once, signed and Slack-shaped, however often it fires", async () => {
  const { collector, adminToken } = inject('stack');
  const site = await createSite(collector, adminToken, 'Digest Receiver Co', []);
  const heard = createClient({ endpoint: collector, secretKey: site.secretKey });
  const { secret } = await heard.setWebhook({ url: hookUrl() });
  await heard.updateSettings({ timeZone: TZ, digest: { period: 'day', changeAlerts: 'off' } });

  const now = Date.now();
  const window = digestWindow('day', now, TZ);
  const noon = startOfDay(window.from, TZ) + DAY_MS / 2;
  const answers = [10, 9, 9, 3, 8].map((score, i) => ({
    id: crypto.randomUUID(),
    kind: 'nps',
    score,
    scale: [0, 10],
    userId: `digest-u${i}`,
    comment: score <= 6 ? 'Export is slow' : 'Nice',
    ts: noon + i * 1000,
  }));
  const stored = await fetch(`${collector}/v1/batch`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${site.secretKey}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ answers }),
  });
  expect(stored.status).toBe(200);

  // Fire the digest cron twice, as a retried or doubled trigger would.
  const fire = () => fetch(`${collector}/__scheduled?cron=${encodeURIComponent('7 * * * *')}&time=${now}`);
  expect((await fire()).status).toBe(200);
  const daily = () => received.filter((r) => r.url === '/digest');
  await expect.poll(() => daily().length, { timeout: 20_000 }).toBe(1);
  expect((await fire()).status).toBe(200);
  // Give a second post every chance to arrive: it must not.
  await new Promise((resolve) => setTimeout(resolve, 3000));
  expect(daily()).toHaveLength(1);

  const post = daily()[0] as (typeof received)[0];
  expect(verified(secret as string, post)).toBe(true);
  const message = JSON.parse(post.body);
  expect(message.text).toContain(`Digest Receiver Co: your daily digest, ${window.key}`);
  expect(message.blocks.map((b: { type: string }) => b.type)).toEqual([
    'header',
    'context',
    'divider',
    'section',
    'context',
  ]);
  const digest = await heard.digest({ period: 'day' });
  expect(message.heard.digest.key).toBe(digest.key);
  expect(message.heard.digest.scores[0].current).toEqual(digest.scores[0]?.current);
  expect(digest.scores[0]?.current).toMatchObject({ n: 5, score: 40 });
  expect(digest.scores[0]?.low.n).toBe(1);
});

it("a week's digest and change alert, as a Block Kit page draws them: scores, change, response rate, themes, accounts at risk", async () => {
  const { collector, adminToken } = inject('stack');
  const site = await createSite(collector, adminToken, 'Acme Analytics', []);
  const heard = createClient({ endpoint: collector, secretKey: site.secretKey });
  const path = `/weekly-${site.id}`;
  await heard.setWebhook({ url: hookUrl().replace('/digest', path) });
  await heard.updateSettings({ timeZone: 'Europe/Berlin', digest: { period: 'week', changeAlerts: 'week' } });
  const now = Date.now();
  const window = digestWindow('week', now, 'Europe/Berlin');
  const start = startOfDay(window.from, 'Europe/Berlin') + DAY_MS / 3;
  const before = startOfDay(window.previous.from, 'Europe/Berlin') + DAY_MS / 3;
  const answer = (score: number, comment: string, ts: number, userId: string, account?: string) => ({
    id: crypto.randomUUID(),
    kind: 'nps',
    score,
    scale: [0, 10],
    userId,
    comment,
    ...(account ? { traits: { account } } : {}),
    ts,
  });
  const answers: unknown[] = [];
  const displays: unknown[] = [];
  for (let i = 0; i < 160; i++) {
    const score = [10, 9, 9, 10, 8, 7, 9, 3, 10, 5, 9, 8, 0, 10, 9, 6][i % 16] as number;
    const parts = [];
    if ((score <= 6 && i % 4 !== 0) || (score >= 7 && i % 11 === 0))
      parts.push('The CSV export is slow and times out.');
    if ((score >= 9 && i % 3 !== 0) || (score <= 8 && i % 9 === 0)) parts.push('Clear dashboards, love them.');
    if (i % 4 === 1) parts.push('We use the mobile app a lot.');
    const ts = start + i * 35 * 60_000;
    answers.push(answer(score, parts.join(' ') || 'Fine.', ts, `w-u${i}`, score <= 3 ? `account-${i}` : undefined));
  }
  for (let i = 0; i < 120; i++) {
    const score = [10, 3, 9, 5, 8, 2, 9, 6, 7, 4][i % 10] as number;
    answers.push(answer(score, i % 2 ? 'The CSV export is slow.' : 'OK.', before + i * 40 * 60_000, `w-p${i}`));
  }
  for (let i = 0; i < 640; i++) {
    displays.push({
      id: crypto.randomUUID(),
      kind: 'nps',
      action: 'shown',
      userId: `w-d${i}`,
      ts: start + i * 8 * 60_000,
    });
  }
  for (const items of [{ answers }, { displays }]) {
    const response = await fetch(`${collector}/v1/batch`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${site.secretKey}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(items),
    });
    expect(response.status).toBe(200);
  }

  const mine = () => received.filter((r) => r.url === path);
  await fetch(`${collector}/__scheduled?cron=${encodeURIComponent('7 * * * *')}&time=${now}`);
  await expect.poll(() => mine().length, { timeout: 30_000 }).toBe(2);
  const [digestPost, alertPost] = mine().map((r) => JSON.parse(r.body));
  expect(digestPost.heard.type).toBe('digest');
  expect(alertPost.heard.type).toBe('change');
  const digest = await heard.digest({ period: 'week' });
  expect(digestPost.heard.digest.scores[0].change).toEqual(digest.scores[0]?.change);
  expect(digest.scores[0]?.change?.significant).toBe(true);
  expect(digest.scores[0]?.themes.map((t) => t.name)).toContain('csv export');
  expect(digest.atRisk.newly.length).toBeGreaterThan(0);

  const page = await browser().newPage({ viewport: { width: 820, height: 600 } });
  await page.goto(new URL('../fixtures/blockkit.html', import.meta.url).href);
  await page.evaluate(
    (m) => (window as unknown as { renderMessage: (m: unknown) => void }).renderMessage(m),
    digestPost,
  );
  // biome-ignore lint/performance/useDomNodeTextContent: the rendered line breaks are what is checked
  const shown = await page.locator('#blocks').innerText();
  expect(shown).toContain(`Acme Analytics: your weekly digest, week ${window.key}`);
  expect(shown).toContain('Change\n▲');
  expect(shown).toContain('Response rate\n25% (160 of 640 shown)');
  expect(shown).toContain('Themes that moved NPS');
  expect(shown).toContain('Accounts newly at risk');
  expect(await page.locator('.fields > div').count()).toBe(4);
  expect(await page.locator('.header').count()).toBe(1);
  await shoot(page, 'digest-blocks');
  await page.evaluate(
    (m) => (window as unknown as { renderMessage: (m: unknown) => void }).renderMessage(m),
    alertPost,
  );
  // biome-ignore lint/performance/useDomNodeTextContent: as above
  expect(await page.locator('#blocks').innerText()).toMatch(/Acme Analytics: NPS rose from −?\d+ to \+\d+ in week/);
  await shoot(page, 'change-alert-blocks');
  await page.close();
});
