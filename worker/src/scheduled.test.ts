import { createExecutionContext, createScheduledController, env, waitOnExecutionContext } from 'cloudflare:test';
import { DAY_MS, digestWindow, startOfDay } from '@heard/core';
import { expect, it } from 'vitest';
import { batch, call, newSite, npsAnswer } from '../test/helpers';
import { recentPosts } from './db/digests';
import { siteBySecretKey } from './db/sites';
import worker from './index';
import { DIGEST_CRON } from './scheduled';

it('the hourly cron trigger makes each site’s digest once, however often it fires', async () => {
  const now = Date.now();
  const site = await newSite('Trigger Co');
  const auth = { Authorization: `Bearer ${site.secretKey}`, 'Content-Type': 'application/json' };
  await call('/v1/webhook', { method: 'PUT', headers: auth, body: JSON.stringify({ url: 'http://127.0.0.1:9/hook' }) });
  await call('/v1/settings', {
    method: 'PATCH',
    headers: auth,
    body: JSON.stringify({ timeZone: 'America/New_York', digest: { period: 'week', changeAlerts: 'off' } }),
  });
  const window = digestWindow('week', now, 'America/New_York');
  const ts = startOfDay(window.from, 'America/New_York') + DAY_MS;
  await batch(site.secretKey, { answers: [npsAnswer(9, { ts }), npsAnswer(3, { ts: ts + 1 })] });
  // Without WEBHOOK_LOOPBACK the loopback URL is refused before any request: recorded failed, never sent.
  const fire = async () => {
    const ctx = createExecutionContext();
    await worker.scheduled(
      createScheduledController({ scheduledTime: now, cron: DIGEST_CRON }),
      { ...env, WEBHOOK_LOOPBACK: undefined },
      ctx,
    );
    await waitOnExecutionContext(ctx);
  };
  await fire();
  const row = await siteBySecretKey(env.DB, site.secretKey);
  const after = await recentPosts(env.DB, row?.id as string);
  expect(after.map((p) => [p.what, p.period, p.status, p.attempts])).toEqual([
    ['digest:week', window.key, 'failed', 1],
  ]);
  await fire();
  expect(await recentPosts(env.DB, row?.id as string)).toEqual(after);
});
