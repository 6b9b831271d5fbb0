import { userHash } from '@heard/core';
import type { Page } from 'playwright-core';
import { expect, inject, it } from 'vitest';
import { createSite } from '../../scripts/stack.mjs';
import { useBrowser } from '../browser';
import { collect } from '../widget';

const browser = useBrowser();

type HeardStub = (...args: unknown[]) => void;

/** Calls heard(...args) in the page once the loader has replaced the stub. */
async function call(page: Page, ...args: unknown[]) {
  await page.waitForFunction(
    () => typeof (window as unknown as { heard?: { init?: unknown } }).heard?.init === 'function',
  );
  await page.evaluate((a) => (window as unknown as { heard: HeardStub }).heard(...a), args);
}

it('sends data-user-hash and identify({ userHash }) with every item, and the collector verifies them', async () => {
  const { collector, demo, adminToken } = inject('stack');
  const site = await createSite(collector, adminToken, 'identity e2e', [demo]);
  const api = (path: string, method: string, body?: unknown) =>
    fetch(`${collector}${path}`, {
      method,
      headers: { Authorization: `Bearer ${site.secretKey}`, 'Content-Type': 'application/json' },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
  const { identitySecret } = (await (await api('/v1/identity/secret', 'POST')).json()) as { identitySecret: string };
  expect((await api('/v1/settings', 'PATCH', { identity: { required: true } })).status).toBe(200);

  const page = await browser().newPage();
  const hash = await userHash(identitySecret, 'user-1');
  await page.goto(`${demo}/fixtures/verified.html?key=${site.publicKey}&user=user-1&hash=${hash}`);

  // From the script tag's data-user and data-user-hash.
  const first = collect(page, (body) => !!body.events?.some((e) => e.name === 'verified_probe'));
  await call(page, 'track', 'verified_probe');
  const sent = await first;
  expect(sent.body.events?.[0]).toMatchObject({ userId: 'user-1', userHash: hash });
  expect(sent.result).toEqual({ accepted: 1, duplicates: 0, rejected: [] });

  // identify() with another user's hash.
  const hash2 = await userHash(identitySecret, 'user-2');
  const second = collect(page, (body) => !!body.events?.some((e) => e.name === 'second_probe'));
  await call(page, 'identify', 'user-2', { plan: 'pro' }, { userHash: hash2 });
  await call(page, 'track', 'second_probe');
  expect((await second).body.events?.[0]).toMatchObject({ userId: 'user-2', userHash: hash2 });
  expect((await second).result).toEqual({ accepted: 1, duplicates: 0, rejected: [] });

  // A user switch without a hash sends none (user-2's never carries over), and is refused.
  const third = collect(page, (body) => !!body.events?.some((e) => e.name === 'unverified_probe'));
  await call(page, 'identify', 'user-3');
  await call(page, 'track', 'unverified_probe');
  const refused = await third;
  expect(refused.body.events?.[0]).not.toHaveProperty('userHash');
  expect(JSON.stringify(refused.result)).toContain('requires identity verification');

  // After reset(), anonymous items flow.
  const fourth = collect(page, (body) => !!body.events?.some((e) => e.name === 'anonymous_probe'));
  await call(page, 'reset');
  await call(page, 'track', 'anonymous_probe');
  expect((await fourth).result).toEqual({ accepted: 1, duplicates: 0, rejected: [] });
  await page.close();
});
