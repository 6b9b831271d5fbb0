import type { InboxResponse, ResponsesPage } from '@heard/core';
import axe from 'axe-core';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { createSite } from '../../scripts/stack.mjs';
import { stripeSignature } from '../api/calls';
import { useBrowser } from '../browser';

const browser = useBrowser();
const SLOW = { timeout: 20_000 };
const H = 3_600_000;

let site: { publicKey: string; secretKey: string };
const ids = { acme: crypto.randomUUID(), globex: crypto.randomUUID(), initech: crypto.randomUUID() };

beforeAll(async () => {
  const { collector, adminToken } = inject('stack');
  site = await createSite(collector, adminToken, 'Tasklane (responses test)', []);
  const now = Date.now();
  const answer = (id: string, score: number, userId: string, account: string, hoursAgo: number, comment?: string) => ({
    id,
    kind: 'nps',
    score,
    scale: [0, 10],
    userId,
    traits: { account, plan: 'pro' },
    ts: now - hoursAgo * H,
    ...(comment ? { comment } : {}),
  });
  const collected = await fetch(`${collector}/v1/collect`, {
    method: 'POST',
    headers: { 'Content-Type': 'text/plain' },
    body: JSON.stringify({
      site: site.publicKey,
      answers: [
        // Ada of Acme answered a 9 last week: an earlier answer shown with her 2 today.
        answer(crypto.randomUUID(), 9, 'ada', 'acme', 24 * 7),
        answer(ids.acme, 2, 'ada', 'acme', 1, 'Export keeps timing out'),
        answer(ids.globex, 4, 'gil', 'globex', 2, 'Too expensive for what it does'),
        answer(ids.initech, 1, 'ivy', 'initech', 3),
      ],
    }),
  });
  if (!collected.ok) throw new Error(`collect: ${collected.status} ${await collected.text()}`);
  // Acme pays 120 a month (Stripe, the account in the subscription's metadata): its MRR is known.
  const secret = 'whsec_responses_test';
  const source = await fetch(`${collector}/v1/sources/stripe`, {
    method: 'PUT',
    headers: { Authorization: `Bearer ${site.secretKey}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ signingSecret: secret, account: 'metadata.account' }),
  });
  const { url } = (await source.json()) as { url: string };
  const body = JSON.stringify({
    id: `evt_${crypto.randomUUID()}`,
    object: 'event',
    type: 'customer.subscription.created',
    created: Math.floor((now - 10 * 24 * H) / 1000),
    data: {
      object: {
        id: 'sub_acme',
        object: 'subscription',
        customer: 'cus_acme',
        status: 'active',
        currency: 'usd',
        cancel_at: null,
        cancel_at_period_end: false,
        metadata: { account: 'acme' },
        items: {
          object: 'list',
          data: [
            {
              id: 'si_acme',
              object: 'subscription_item',
              quantity: 1,
              price: {
                id: 'price_1',
                object: 'price',
                unit_amount: 12_000,
                recurring: { interval: 'month', interval_count: 1 },
              },
            },
          ],
        },
      },
    },
  });
  const event = await fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'Stripe-Signature': await stripeSignature(body, secret) },
    body,
  });
  if (!event.ok) throw new Error(`stripe event: ${event.status} ${await event.text()}`);
}, 60_000);

async function api<T>(path: string): Promise<T> {
  const { collector } = inject('stack');
  const response = await fetch(`${collector}${path}`, { headers: { Authorization: `Bearer ${site.secretKey}` } });
  if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
  return response.json() as Promise<T>;
}

async function openInbox(page: Page) {
  const { collector } = inject('stack');
  await page.goto(`${collector}/dashboard#/responses`);
  await page.getByLabel('Secret key').fill(site.secretKey);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.locator('#responses[data-state=ok]').waitFor(SLOW);
  await page.locator('#close-the-loop[data-state=ok]').waitFor(SLOW);
  await page.locator('[data-field=health]').first().waitFor(SLOW);
}

async function violations(page: Page) {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ content: axe.source });
  return page.evaluate(async () => {
    const { axe: run } = window as unknown as { axe: typeof axe };
    const results = await run.run(document, { resultTypes: ['violations'] });
    return results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  });
}

const selectedId = (page: Page) => page.evaluate(() => document.activeElement?.getAttribute('data-answer') ?? null);

it('triages three responses with the keyboard: contacted with a note, tagged, closed', async () => {
  const page = await browser().newPage();
  await openInbox(page);
  // Loaded as its own chunk, with the shortcut legend in view.
  const chunks = await page.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name));
  expect(chunks.some((name) => /\/chunks\/responses-[\w-]+\.js/.test(name))).toBe(true);
  const legend = page.locator('.shortcuts');
  for (const words of ['next', 'previous', 'mark contacted', 'close', 'edit tags', 'add a note']) {
    await expect.poll(() => legend.getByText(words, { exact: true }).isVisible()).toBe(true);
  }
  // Newest first, each with its account, its health and the person's earlier answers.
  const items = page.locator('li.response');
  expect(await items.evaluateAll((lis) => lis.map((li) => li.getAttribute('data-answer')))).toEqual([
    ids.acme,
    ids.globex,
    ids.initech,
  ]);
  const acme = page.locator(`li[data-answer="${ids.acme}"]`);
  expect(await acme.locator('[data-field=account]').textContent()).toBe('Account acme');
  expect(await acme.locator('[data-field=health]').textContent()).toMatch(/^Health \d+$/);
  expect(await acme.getByText('Earlier answers (1)').isVisible()).toBe(true);
  expect(await acme.locator('[data-field=mrr]').textContent()).toBe('MRR 120');
  // Globex has no subscription: no MRR is shown rather than a made-up 0.
  expect(await page.locator(`li[data-answer="${ids.globex}"] [data-field=mrr]`).count()).toBe(0);

  // 1st: c marks it contacted, n adds a note.
  await page.keyboard.press('c');
  await expect.poll(() => acme.getAttribute('data-status'), SLOW).toBe('contacted');
  await expect.poll(() => page.getByRole('status').filter({ hasText: 'Marked contacted' }).count()).toBe(1);
  await page.keyboard.press('n');
  const note = acme.getByLabel('Note');
  await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('note');
  await note.fill('Called Ada, fix ships Friday');
  await note.press('Enter');
  await acme.getByText('Called Ada, fix ships Friday').waitFor(SLOW);
  await expect.poll(() => selectedId(page)).toBe(ids.acme);

  // 2nd: j moves down, t tags it.
  await page.keyboard.press('j');
  await expect.poll(() => selectedId(page)).toBe(ids.globex);
  await page.keyboard.press('t');
  const tags = page.locator(`li[data-answer="${ids.globex}"]`).getByLabel('Tags, separated by commas');
  await tags.fill('pricing, churn-risk');
  await tags.press('Enter');
  await page.locator(`li[data-answer="${ids.globex}"] [data-tag=pricing]`).waitFor(SLOW);

  // 3rd: j, then e closes it; k goes back up.
  await page.keyboard.press('j');
  await expect.poll(() => selectedId(page)).toBe(ids.initech);
  await page.keyboard.press('e');
  await expect
    .poll(() => page.locator(`li[data-answer="${ids.initech}"]`).getAttribute('data-status'), SLOW)
    .toBe('closed');
  await expect
    .poll(() =>
      page
        .getByRole('status')
        .filter({ hasText: /Closed: NPS 1 from initech/ })
        .count(),
    )
    .toBe(1);
  await page.keyboard.press('k');
  await expect.poll(() => selectedId(page)).toBe(ids.globex);

  // What the API holds now.
  const all = await api<ResponsesPage>('/v1/responses?limit=10');
  const byId = new Map<string, InboxResponse>(all.responses.map((r) => [r.answerId, r]));
  expect(byId.get(ids.acme)).toMatchObject({ status: 'contacted', tags: [] });
  expect(byId.get(ids.acme)?.contactedAt).not.toBeNull();
  expect(byId.get(ids.acme)?.notes.map((n) => n.text)).toEqual(['Called Ada, fix ships Friday']);
  expect(byId.get(ids.globex)).toMatchObject({ status: 'open', tags: ['churn-risk', 'pricing'], notes: [] });
  expect(byId.get(ids.initech)).toMatchObject({ status: 'closed', tags: [] });
  expect(byId.get(ids.initech)?.closedAt).not.toBeNull();
  const open = await api<ResponsesPage>('/v1/responses?status=open');
  expect(open.responses.map((r) => r.answerId)).toEqual([ids.globex]);

  // The close-the-loop figures count both contacts (within 48 h) and the waiting one.
  await page.reload();
  await page.locator('#close-the-loop[data-state=ok]').waitFor(SLOW);
  await expect.poll(() => page.locator('[data-figure=within48h] .value').textContent(), SLOW).toBe('100.0%');
  expect(await page.locator('[data-figure=within48h] .detail').textContent()).toBe('2 of 2 due · 1 still inside 48 h');
  await page.close();
});

describe.each(['light', 'dark'] as const)('axe-core on the Responses view, %s', (colorScheme) => {
  it('finds no violation, also while a tag is edited', async () => {
    // axe is injected as an inline script, which the dashboard's own CSP (rightly) refuses.
    const context = await browser().newContext({ colorScheme, reducedMotion: 'reduce', bypassCSP: true });
    const page = await context.newPage();
    await openInbox(page);
    await page.locator('#responses').getByLabel('Status').selectOption('');
    await page.locator('li.response').first().waitFor(SLOW);
    expect(await violations(page)).toEqual([]);
    await page.locator('li.response').first().focus();
    await page.keyboard.press('t');
    await page.getByLabel('Tags, separated by commas').waitFor();
    expect(await violations(page)).toEqual([]);
    await page.keyboard.press('Escape');
    await context.close();
  });
});
