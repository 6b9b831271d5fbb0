import { env } from 'cloudflare:test';
import type { Event } from '@heard/core';
import { accountLives, DAY_MS as DAY, periodStart, retentionReport } from '@heard/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Items, storeBatch } from './collect';
import { customerRows } from './retention';
import { ensureRetentionRollup, type RetentionKey, retentionLives } from './retentionRollup';
import { createSite } from './sites';
import { eraseUser } from './users';

const now = Date.now();

/** Events of a small pool of users, accounts and names in the last 120 days, so they collide. */
const eventOf = fc.record({
  user: fc.constantFrom('u1', 'u2', 'u3', 'u4', 'u5', 'u6', 'anon:u7'),
  name: fc.constantFrom('page_viewed', 'page_viewed', 'churned', 'identify', 'left'),
  account: fc.constantFrom('acme', 'beta', 7, true),
  age: fc.integer({ min: 0, max: 120 * DAY }),
});
const plan = fc.array(
  fc.record({
    events: fc.array(eventOf, { minLength: 1, maxLength: 10 }),
    erase: fc.option(fc.constantFrom('u1', 'u2'), { freq: 5 }),
  }),
  { minLength: 1, maxLength: 5 },
);
const windowOf = fc.record({
  fromAgo: fc.integer({ min: 0, max: 130 * DAY }),
  toAgo: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 100 * DAY })),
  interval: fc.constantFrom('week' as const, 'month' as const),
  // `to` to the ms, at midnight, or at the start of its period (where the last day opens a period).
  toAt: fc.constantFrom('ms' as const, 'ms' as const, 'day' as const, 'period' as const),
});
const keyOf = fc.record({
  accountTrait: fc.constant('company'),
  churnEvent: fc.constantFrom('churned', 'left'),
  inactivityMs: fc.constantFrom(3 * DAY, 30 * DAY, 30 * DAY + 7),
});

/** The report read per user, as GET /v1/retention computed it before the rollup. */
async function exact(siteId: string, key: RetentionKey, w: { from: number; to: number; interval: 'week' | 'month' }) {
  const users = await customerRows(env.DB, { siteId, to: w.to, ...key });
  return retentionReport(accountLives(users, { now, inactivityMs: key.inactivityMs }), w);
}

async function fromRollup(siteId: string, w: { from: number; to: number; interval: 'week' | 'month' }) {
  return retentionReport(await retentionLives(env.DB, { siteId, ...w }), w);
}

describe('the retention rollup under any arrival order, identify, churn and erasure', () => {
  it('gives the report of every customer, kept live, built afterwards and rebuilt for new settings', async () => {
    await fc.assert(
      fc.asyncProperty(
        plan,
        keyOf,
        keyOf,
        fc.array(windowOf, { minLength: 3, maxLength: 3 }),
        async (steps, key, next, windows) => {
          const live = await createSite(env.DB, { name: 'live', origins: [] });
          const later = await createSite(env.DB, { name: 'later', origins: [] });
          await ensureRetentionRollup(env.DB, live.id, key);
          const check = async (siteId: string, k: RetentionKey) => {
            for (const { fromAgo, toAgo, interval, toAt } of windows) {
              const t = Math.min(now, now - toAgo);
              const to =
                toAt === 'ms' ? t : toAt === 'day' ? Math.floor(t / DAY) * DAY : Date.parse(periodStart(t, interval));
              const w = { from: Math.min(to, now - fromAgo), to, interval };
              expect(await fromRollup(siteId, w)).toEqual(await exact(siteId, k, w));
            }
          };
          for (const step of steps) {
            const events: Event[] = step.events.map((e) => ({
              id: crypto.randomUUID(),
              name: e.name,
              userId: e.user,
              ts: now - e.age,
              ...(e.name === 'identify' ? { props: { company: e.account } } : {}),
            }));
            const items: Items = { answers: [], displays: [], events };
            for (const site of [live, later]) await storeBatch(env.DB, site.id, items, now);
            if (step.erase) for (const site of [live, later]) await eraseUser(env.DB, site.id, step.erase);
            await check(live.id, key);
          }
          await ensureRetentionRollup(env.DB, later.id, key);
          await check(later.id, key);
          await ensureRetentionRollup(env.DB, later.id, next);
          await check(later.id, next);
        },
      ),
      { numRuns: 15 },
    );
  }, 180_000);
});
