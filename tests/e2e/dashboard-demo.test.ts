import { expect, inject, it } from 'vitest';
import en from '../../widget/src/locales/en';
import { useBrowser } from '../browser';
import { queryD1 } from '../d1';

const browser = useBrowser();
/** The machine is shared: give the page time to answer before a poll gives up. */
const SLOW = { timeout: 20_000 };

interface Sent {
  events: { name: string; userId?: string; entity?: string; value?: number; props?: Record<string, unknown> }[];
  answers: {
    id: string;
    kind: string;
    score: number;
    survey?: string;
    comment?: string;
    userId?: string;
    traits?: Record<string, unknown>;
  }[];
}

it('the demo app walks sign-up → activation → ticket (CES) → NPS after use → upgrade → churn, sending the events the metrics read (revenue and churn from its backend)', async () => {
  const { demo } = inject('stack');
  const page = await browser().newPage();
  const sent: Sent = { events: [], answers: [] };
  page.on('request', (request) => {
    if (!request.url().endsWith('/v1/collect')) return;
    const body = JSON.parse(request.postData() ?? '{}') as Partial<Sent>;
    sent.events.push(...(body.events ?? []));
    sent.answers.push(...(body.answers ?? []));
  });
  await page.goto(demo);
  await page.locator('#plan').selectOption('pro');
  await page.locator('#country').selectOption('FR');
  await page.getByRole('button', { name: 'Sign up' }).click();
  await page.getByRole('button', { name: 'Create first project' }).click();
  await page.getByRole('button', { name: 'Open a support ticket' }).click();
  await page.getByRole('button', { name: 'Resolve the ticket' }).click();
  const prompt = page.locator('heard-prompt');
  await prompt.getByRole('radio', { name: '6', exact: true }).click();
  // The score is sent the moment it is chosen; the follow-up is asked by default, in the score's
  // band: a 6 on the 1–7 agreement scale is easy.
  await expect.poll(() => sent.answers.length, SLOW).toBe(1);
  await prompt.getByRole('textbox', { name: en.cesHigh }).fill('The agent answered within minutes');
  await prompt.getByRole('button', { name: 'Send' }).click();
  await expect.poll(() => prompt.getByRole('status').textContent(), SLOW).toBe('Thank you!');
  for (let i = 0; i < 3; i++) await page.getByRole('button', { name: 'Update a project' }).click();
  await expect.poll(() => prompt.getByRole('radio', { name: '10', exact: true }).count(), SLOW).toBe(1);
  await prompt.getByRole('button', { name: 'Close' }).click();
  await page.getByRole('button', { name: 'Upgrade plan' }).click();
  await page.getByRole('button', { name: 'Cancel subscription' }).click();

  const names = () => sent.events.map((e) => e.name);
  await expect
    .poll(names, SLOW)
    .toEqual([
      'signed_up',
      'activated',
      'ticket_opened',
      'ticket_resolved',
      'project_updated',
      'project_updated',
      'project_updated',
    ]);
  const user = sent.events[0]?.userId ?? '';
  expect(user).toMatch(/^demo-/);
  expect(sent.events.every((e) => e.userId === user)).toBe(true);
  const [opened, resolved] = sent.events.filter((e) => e.name.startsWith('ticket_'));
  expect(opened?.entity).toMatch(/^T-\d+$/);
  expect(resolved?.entity).toBe(opened?.entity);
  // Revenue and churn are trusted events: the page never sends them, the demo's backend does
  // through @heard/node, and the collector holds them once each.
  expect(sent.events.some((e) => e.name === 'revenue' || e.name === 'churned')).toBe(false);
  const trusted = () =>
    queryD1<{ name: string; kind: string | null; value: number | null }>(
      `SELECT name, json_extract(props, '$.kind') AS kind, value FROM events
       WHERE user_id = '${user}' AND name IN ('revenue', 'churned') ORDER BY ts, name`,
    );
  await expect.poll(trusted, SLOW).toEqual([
    { name: 'revenue', kind: 'new', value: 49 },
    { name: 'revenue', kind: 'expansion', value: 441 },
    { name: 'churned', kind: null, value: null },
  ]);
  const ces = {
    kind: 'ces',
    score: 6,
    survey: 'ces-support',
    userId: user,
    traits: { plan: 'pro', country: 'FR' },
  };
  // The score the moment it was chosen, then the same answer (same id) with its comment.
  await expect.poll(() => sent.answers.length, SLOW).toBe(2);
  expect(sent.answers).toEqual([
    expect.objectContaining(ces),
    expect.objectContaining({ ...ces, id: sent.answers[0]?.id, comment: 'The agent answered within minutes' }),
  ]);
  await page.close();
});
