import { beforeAll, expect, inject, it } from 'vitest';
import { createSite } from '../../scripts/stack.mjs';
import { stripeSignature } from '../api/calls';
import { useBrowser } from '../browser';

const browser = useBrowser();
const SLOW = { timeout: 20_000 };
const DAY = 86_400_000;
const SECRET = 'whsec_dashboard_mrr_test';

let site: { id: string; publicKey: string; secretKey: string };

/** A subscription event as Stripe posts it, signed with the source's secret. */
async function post(
  url: string,
  type: string,
  daysAgo: number,
  sub: { id: string; unitAmount: number; quantity: number },
) {
  const body = JSON.stringify({
    id: `evt_${crypto.randomUUID()}`,
    object: 'event',
    type,
    created: Math.floor((Date.now() - daysAgo * DAY) / 1000),
    data: {
      object: {
        id: sub.id,
        object: 'subscription',
        customer: `cus_${sub.id}`,
        status: 'active',
        currency: 'usd',
        cancel_at: null,
        cancel_at_period_end: false,
        metadata: {},
        items: {
          object: 'list',
          data: [
            {
              id: `si_${sub.id}`,
              object: 'subscription_item',
              quantity: sub.quantity,
              price: {
                id: 'price_1',
                object: 'price',
                unit_amount: sub.unitAmount,
                recurring: { interval: 'month', interval_count: 1 },
              },
            },
          ],
        },
      },
    },
  });
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'Stripe-Signature': await stripeSignature(body, SECRET) },
    body,
  });
  if (!response.ok) throw new Error(`stripe event: ${response.status} ${await response.text()}`);
}

beforeAll(async () => {
  const { collector, adminToken } = inject('stack');
  site = await createSite(collector, adminToken, 'Tasklane (MRR test)', []);
  const source = await fetch(`${collector}/v1/sources/stripe`, {
    method: 'PUT',
    headers: { Authorization: `Bearer ${site.secretKey}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ signingSecret: SECRET }),
  });
  const { url } = (await source.json()) as { url: string };
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
  expect(cells.at(-1)?.at(-1)).toBe('200');

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
