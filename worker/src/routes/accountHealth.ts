import type { AccountSignals, HealthResponse, SiteSettings, SubscriptionState } from '@heard/core';
import {
  accountSignals,
  atRisk,
  currenciesOf,
  durationsReport,
  mrrAtRisk,
  mrrByAccount,
  accountHealth as scoreAccount,
  worstFirst,
  ZHealthQuery,
  ZHealthResponse,
} from '@heard/core';
import { latestAnswers, milestoneUsers, profileRows } from '../db/accountHealth';
import { ensureDurationRollup, openCount } from '../db/durationRollup';
import { durationEntities } from '../db/durations';
import { atRiskFromCells, ensureHealthRollup, healthFromCells } from '../db/healthRollup';
import { siteSettings } from '../db/settings';
import { dbFor } from '../db/site';
import { subscriptionStates } from '../db/stripe';
import { defineRoute } from '../route';

/**
 * `GET /v1/health` (secret key): a 0–100 health score per account (the site's account trait,
 * else the user id) from its latest NPS/CSAT/CES, activity recency, time-to-value reached and
 * open tickets, each part shown with its weight; and the accounts under the at-risk
 * threshold, worst first. At most `limit` accounts of each list. Read from the per-account
 * rollup (migration 0150), or per user with `exact=true`: the same figures.
 */
export const accountHealth = [
  defineRoute(
    {
      method: 'get',
      path: '/v1/health',
      operationId: 'getHealth',
      tag: 'success',
      summary: 'A 0–100 health score per account with its parts, and the at-risk list',
      auth: 'secret',
      query: ZHealthQuery,
      response: { status: 200, schema: ZHealthResponse, description: 'accounts by health, and the at-risk list' },
    },
    async (c, { query }) => {
      const { limit, exact } = query;
      const db = dbFor(c.env, c.var.site);
      const settings = await siteSettings(db, c.var.site.id);
      const now = Date.now();
      const { total, worst, risky, openTickets, states } = await (exact === 'true' ? perUser : fromCells)(
        db,
        c.var.site.id,
        settings,
        now,
        limit,
      );
      const listed = { accounts: worst, atRisk: atRisk(worst, settings.health.atRisk) };
      return c.json({
        weights: settings.health.weights,
        threshold: settings.health.atRisk,
        total,
        openTickets,
        ...listed,
        ...mrrWeights(states, now, risky, worst),
      } satisfies HealthResponse);
    },
  ),
];

/** The report's accounts read per user: every account scored, the `limit` worst listed. */
async function perUser(db: D1Database, siteId: string, settings: SiteSettings, now: number, limit: number) {
  const { accounts, tickets, states } = await scoredAccounts(db, siteId, settings, now);
  const risky = atRisk(accounts, settings.health.atRisk);
  const openTickets = durationsReport(tickets, { until: now }).open;
  return { total: accounts.length, worst: accounts.slice(0, limit), risky, openTickets, states };
}

/**
 * The report's accounts from the health cells (migrations 0150, 0151, 0154, built on first use
 * under the site's account and TTV settings; their open tickets follow the resolution rollup of
 * 0081): the `limit` worst, and the paying accounts for the MRR at risk, each scored exactly
 * from its own row; the same figures as {@link perUser}. Reads no account or ticket one by one.
 */
async function fromCells(db: D1Database, siteId: string, settings: SiteSettings, now: number, limit: number) {
  const { start, end } = settings.resolution;
  await ensureRollups(db, siteId, settings);
  const [open, states] = await Promise.all([
    openCount(db, { siteId, start, end, now }),
    subscriptionStates(db, siteId, now + 1),
  ]);
  const currency = currenciesOf(states)[0]?.currency;
  const paying = currency ? [...mrrByAccount(states, now, currency).keys()] : [];
  const { total, worst, named } = await healthFromCells(db, siteId, {
    limit,
    also: paying,
    options: scoringOf(settings, now),
  });
  return { total, worst, risky: atRisk(named, settings.health.atRisk), openTickets: open, states };
}

/** How the site scores an account now: its health weights and inactivity days. */
const scoringOf = (settings: SiteSettings, now: number) => ({
  weights: settings.health.weights,
  now,
  inactivityDays: settings.churn.inactivityDays,
});

/** Keeps the health and resolution rollups of the site's settings (built on first use). */
function ensureRollups(db: D1Database, siteId: string, settings: SiteSettings) {
  return Promise.all([
    ensureHealthRollup(db, siteId, {
      accountTrait: settings.account.trait,
      ttvStart: settings.ttv.start,
      ttvValue: settings.ttv.value,
    }),
    ensureDurationRollup(db, siteId, settings.resolution.start, settings.resolution.end),
  ]);
}

/**
 * Every account under the site's at-risk threshold now, worst first, from the health cells: the
 * same accounts and scores as `GET /v1/health` lists, in O(cells + those cells' accounts). What
 * the digest compares with the accounts its previous issue listed.
 */
export async function accountsAtRisk(db: D1Database, siteId: string, settings: SiteSettings, now: number) {
  await ensureRollups(db, siteId, settings);
  return atRiskFromCells(db, siteId, {
    threshold: settings.health.atRisk,
    options: scoringOf(settings, now),
  });
}

/** The site's tickets (every entity of the resolution events) and subscription states. */
function ticketsAndStates(db: D1Database, siteId: string, settings: SiteSettings, now: number) {
  return Promise.all([
    durationEntities(db, {
      siteId,
      start: settings.resolution.start,
      end: settings.resolution.end,
      from: 0,
      to: now + 1,
      accountTrait: settings.account.trait,
    }),
    subscriptionStates(db, siteId, now + 1),
  ]);
}

/** Scores every account and sorts them worst first (`worstFirst`). */
function scoreAll(signals: readonly AccountSignals[], settings: SiteSettings, now: number) {
  const options = scoringOf(settings, now);
  return signals.map((s) => scoreAccount(s, options)).sort(worstFirst);
}

/**
 * Every account's health, worst first, with the tickets, subscription states, signals (latest
 * answers with their time) and users it was read from: what `GET /v1/health?exact=true` lists
 * and `GET /v1/mrr`'s feedback is read from.
 */
export async function scoredAccounts(db: D1Database, siteId: string, settings: SiteSettings, now: number) {
  const [users, answers, milestones, [tickets, states]] = await Promise.all([
    profileRows(db, siteId, settings.account.trait),
    latestAnswers(db, siteId),
    milestoneUsers(db, siteId, [settings.ttv.start, settings.ttv.value]),
    ticketsAndStates(db, siteId, settings, now),
  ]);
  const open = tickets.filter((t) => t.end === null);
  const signals = accountSignals({
    users,
    answers: answers.map((a) => ({
      userKey: a.userKey,
      kind: a.kind,
      ts: a.ts,
      answer: { score: a.score, scale: [a.scaleMin, a.scaleMax] as const, direction: a.direction, at: a.ts },
    })),
    started: new Set(milestones.filter((m) => m.name === settings.ttv.start).map((m) => m.user_key)),
    reached: new Set(milestones.filter((m) => m.name === settings.ttv.value).map((m) => m.user_key)),
    openTickets: open,
  });
  return { accounts: scoreAll(signals, settings, now), tickets, states, signals, users };
}

/** MRR from Stripe as the accounts' weight: the total, the at-risk accounts' share, and each listed account's. */
function mrrWeights(
  states: SubscriptionState[],
  now: number,
  risky: readonly { account: string }[],
  listed: readonly { account: string }[],
): Pick<HealthResponse, 'mrr'> {
  const currency = currenciesOf(states)[0]?.currency;
  if (!currency) return {};
  const byAccount = mrrByAccount(states, now, currency);
  const paying = mrrAtRisk(risky, byAccount);
  return {
    mrr: {
      currency,
      total: [...byAccount.values()].reduce((total, v) => total + v, 0),
      atRisk: paying.mrr,
      atRiskAccounts: paying.accounts,
      byAccount: Object.fromEntries(
        listed.filter((a) => byAccount.has(a.account)).map((a) => [a.account, byAccount.get(a.account) ?? 0]),
      ),
    },
  };
}
