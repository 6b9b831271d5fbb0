import { env } from 'cloudflare:test';
import type { Answer, Event, Kind } from '@heard/core';
import { accountHealth, accountSignals, DAY_MS as DAY } from '@heard/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { latestAnswers, milestoneUsers, profileRows } from './accountHealth';
import { type Items, storeBatch } from './collect';
import { durationEntities } from './durations';
import { ensureHealthRollup, type HealthKey, rollupSignals } from './healthRollup';
import { createSite } from './sites';
import { eraseUser } from './users';

const now = Date.now();
const START = 'ticket_opened';
const END = 'ticket_closed';

/** Events of a small pool of users, accounts and names in the last 60 days, so they collide. */
const eventOf = fc.record({
  user: fc.constantFrom('u1', 'u2', 'u3', 'u4', 'u5', 'anon:u6'),
  name: fc.constantFrom('page_viewed', 'identify', 'identify', 'signed_up', 'activated', 'joined', START, END),
  account: fc.constantFrom('acme', 'acme', 'beta', 7, 2.5, true, null),
  ticket: fc.constantFrom('T1', 'T2', 'T3'),
  ticketAccount: fc.option(fc.constantFrom('acme', 'zeta'), { freq: 3 }),
  age: fc.integer({ min: 0, max: 60 * DAY }),
});
const answerOf = fc.record({
  user: fc.constantFrom('u1', 'u2', 'u3', 'u4', 'u7'),
  anonymous: fc.boolean(),
  kind: fc.constantFrom<Kind>('nps', 'csat', 'ces'),
  score: fc.integer({ min: 1, max: 5 }),
  // Few distinct times, so answers of users of one account tie.
  age: fc.constantFrom(0, DAY),
});
const plan = fc.array(
  fc.record({
    events: fc.array(eventOf, { maxLength: 8 }),
    answers: fc.array(answerOf, { maxLength: 6 }),
    erase: fc.option(fc.constantFrom('u1', 'u2'), { freq: 5 }),
  }),
  { minLength: 1, maxLength: 5 },
);
const keyOf = fc.record({
  accountTrait: fc.constantFrom('company', 'team'),
  ttvStart: fc.constantFrom('signed_up', 'joined'),
  ttvValue: fc.constantFrom('activated', 'page_viewed'),
});
const weight = fc.integer({ min: 0, max: 30 });
const optionsOf = fc.record({
  weights: fc.record({ nps: weight, csat: weight, ces: weight, recency: weight, ttv: weight, tickets: weight }),
  inactivityDays: fc.constantFrom(1, 14, 30),
});

/** The open tickets, as GET /v1/health reads them (both paths). */
async function openTickets(siteId: string, key: HealthKey) {
  const tickets = await durationEntities(env.DB, {
    siteId,
    start: START,
    end: END,
    from: 0,
    to: now + 1,
    accountTrait: key.accountTrait,
  });
  return tickets.filter((t) => t.end === null);
}

/** The signals read per user, as scoredAccounts computed them before the rollup. */
async function exact(siteId: string, key: HealthKey) {
  const [users, answers, milestones] = await Promise.all([
    profileRows(env.DB, siteId, key.accountTrait),
    latestAnswers(env.DB, siteId),
    milestoneUsers(env.DB, siteId, [key.ttvStart, key.ttvValue]),
  ]);
  return accountSignals({
    users,
    answers: answers.map((a) => ({
      userKey: a.userKey,
      kind: a.kind,
      ts: a.ts,
      answer: { score: a.score, scale: [a.scaleMin, a.scaleMax] as const, direction: a.direction, at: a.ts },
    })),
    started: new Set(milestones.filter((m) => m.name === key.ttvStart).map((m) => m.user_key)),
    reached: new Set(milestones.filter((m) => m.name === key.ttvValue).map((m) => m.user_key)),
    openTickets: await openTickets(siteId, key),
  });
}

const byAccount = <T extends { account: string }>(rows: T[]) =>
  [...rows].sort((a, b) => a.account.localeCompare(b.account));

describe('the health rollup under any arrival order, identify, milestones, answers and erasure', () => {
  it('gives every account the signals read per user: kept live, built afterwards, rebuilt for new settings', async () => {
    await fc.assert(
      fc.asyncProperty(plan, keyOf, keyOf, optionsOf, async (steps, key, next, options) => {
        const live = await createSite(env.DB, { name: 'live', origins: [] });
        const later = await createSite(env.DB, { name: 'later', origins: [] });
        await ensureHealthRollup(env.DB, live.id, key);
        const check = async (siteId: string, k: HealthKey) => {
          const want = byAccount(await exact(siteId, k));
          const got = byAccount(await rollupSignals(env.DB, siteId, await openTickets(siteId, k)));
          expect(got).toEqual(want);
          const score = { ...options, now };
          expect(got.map((s) => accountHealth(s, score))).toEqual(want.map((s) => accountHealth(s, score)));
        };
        for (const step of steps) {
          const events: Event[] = step.events.map(
            (e): Event => ({
              id: crypto.randomUUID(),
              name: e.name,
              userId: e.user,
              ts: now - e.age,
              ...(e.name === 'identify' && e.account !== null
                ? { props: { company: e.account, team: e.account } }
                : {}),
              ...(e.name === START || e.name === END
                ? { entity: e.ticket, ...(e.ticketAccount ? { props: { company: e.ticketAccount } } : {}) }
                : {}),
            }),
          );
          const answers: Answer[] = step.answers.map((a) => ({
            id: crypto.randomUUID(),
            kind: a.kind,
            score: a.kind === 'nps' ? a.score * 2 : a.score,
            scale: a.kind === 'nps' ? [0, 10] : [1, 5],
            ...(a.kind === 'ces' ? { direction: 'lower-better' as const } : {}),
            ...(a.anonymous ? { anonymousId: a.user } : { userId: a.user }),
            ts: now - a.age,
          }));
          const items: Items = { answers, displays: [], events };
          for (const site of [live, later]) await storeBatch(env.DB, site.id, items, now);
          if (step.erase) for (const site of [live, later]) await eraseUser(env.DB, site.id, step.erase);
          await check(live.id, key);
        }
        await ensureHealthRollup(env.DB, later.id, key);
        await check(later.id, key);
        await ensureHealthRollup(env.DB, later.id, next);
        await check(later.id, next);
        // Back to the first settings on the live site: rebuilt, still equal.
        await ensureHealthRollup(env.DB, live.id, next);
        await check(live.id, next);
      }),
      { numRuns: 20 },
    );
  }, 180_000);
});
