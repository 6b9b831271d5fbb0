import type { MrrResponse } from '@heard/core';
import {
  atRisk,
  churnedMrrList,
  currenciesOf,
  dateWindow,
  latestCommentByAccount,
  lostMrr,
  mrrAtRisk,
  mrrByAccount,
  mrrReport,
  mrrSegments,
  npsByMrrBand,
  paymentsByPeriod,
  type SubscriptionState,
  ZMrrQuery,
  ZMrrResponse,
} from '@heard/core';
import { DAY_MS } from '@heard/core/constants';
import { accountTraits, latestComments } from '../db/mrrFeedback';
import { siteSettings } from '../db/settings';
import { dbFor } from '../db/site';
import { paymentsBetween, subscriptionStates } from '../db/stripe';
import { defineRoute } from '../route';
import { scoredAccounts } from './accountHealth';

/**
 * `GET /v1/mrr` (secret key): MRR movements per month or week from the subscriptions Stripe
 * sent (`/v1/sources/stripe`), in one currency. Default: the last 365 days. Beside them, what
 * feedback adds: the MRR at risk, NPS by MRR band, and the churned-MRR list with each account's
 * last NPS, CSAT and comment.
 */
export const mrr = [
  defineRoute(
    {
      method: 'get',
      path: '/v1/mrr',
      operationId: 'getMrr',
      tag: 'success',
      summary: 'MRR movements from Stripe: start, new, expansion, contraction, churned, reactivation, end; NRR, GRR',
      description:
        "Each account is compared at each period's start and end: new, reactivation, expansion, contraction or churned, so movements sum to end − start. One currency per report (`currency=`, default the one most accounts bill in); other currencies are listed, never converted. `by=` a trait of the account (plan, country) gives the same periods per value in `segments`, summing to the whole. Tied to feedback: `atRisk` (MRR of the accounts under the health threshold, as /v1/health), `npsByMrrBand` (NPS with its 95% interval per MRR band, each account's latest NPS answer) and `churned` (every churned or contraction movement of the window, most MRR lost first, with the account's last NPS, CSAT and comment).",
      auth: 'secret',
      query: ZMrrQuery,
      response: { status: 200, schema: ZMrrResponse, description: 'the MRR report' },
    },
    async (c, { query }) => {
      const now = Date.now();
      const db = dbFor(c.env, c.var.site);
      const window = dateWindow(query, now, 365);
      const settings = await siteSettings(db, c.var.site.id);
      const [states, scored] = await Promise.all([
        subscriptionStates(db, c.var.site.id, window.to),
        scoredAccounts(db, c.var.site.id, settings, now),
      ]);
      const currencies = currenciesOf(states);
      const currency = query.currency ?? currencies[0]?.currency ?? null;
      const options = { ...window, interval: query.interval, currency: currency ?? 'usd' };
      const report = mrrReport(currency ? states : [], options);
      // The first period starts at its calendar start, up to a month before `from`.
      const payments = currency ? await paymentsBetween(db, c.var.site.id, window.from - 31 * DAY_MS, window.to) : [];
      const paid = paymentsByPeriod(payments, options);
      const mrrNow = currency ? mrrByAccount(scored.states, now, currency) : new Map<string, number>();
      const elsewhere = payingElsewhere(scored.states, now, currency);
      const lost = lostMrr(report.periods);
      const listed = lost.slice(0, query.churnedLimit);
      const listedAccounts = new Set(listed.map((l) => l.account));
      const accountOf = new Map(scored.users.map((u) => [u.userKey, u.account]));
      const comments = await latestComments(
        db,
        c.var.site.id,
        scored.users.filter((u) => listedAccounts.has(u.account)).map((u) => u.userKey),
      );
      const segmentOf = query.by ? await accountTraits(db, c.var.site.id, settings.account.trait, query.by) : null;
      const latest = new Map(scored.signals.map((s) => [s.account, { nps: dated(s.nps), csat: dated(s.csat) }]));
      return c.json({
        by: query.by ?? null,
        ...(segmentOf ? { segments: mrrSegments(currency ? states : [], options, segmentOf) } : {}),
        currency,
        interval: query.interval,
        from: new Date(window.from).toISOString(),
        to: new Date(window.to).toISOString(),
        periods: report.periods.map((p, i) => ({
          ...p,
          payments: paid[i] ?? { collected: 0, failed: 0, refunded: 0, failedAccounts: 0 },
        })),
        clv: report.clv,
        currencies,
        atRisk: {
          threshold: settings.health.atRisk,
          ...mrrAtRisk(atRisk(scored.accounts, settings.health.atRisk), mrrNow),
        },
        npsByMrrBand: npsByMrrBand(
          scored.signals.filter((s) => !elsewhere.has(s.account) || mrrNow.has(s.account)),
          mrrNow,
        ),
        churned: churnedMrrList(
          lost,
          {
            latest,
            comments: latestCommentByAccount(
              comments.map(({ userKey, ...cm }) => ({ ...cm, account: accountOf.get(userKey) ?? userKey })),
            ),
          },
          query.churnedLimit,
        ),
      } satisfies MrrResponse);
    },
  ),
];

/** A latest answer as the report gives it: score, scale and time. */
const dated = (a: { score: number; scale: readonly [number, number]; at: number } | null) =>
  a ? { score: a.score, scale: [a.scale[0], a.scale[1]] as [number, number], at: a.at } : null;

/** Accounts paying now in a currency other than the report's: left out of its MRR bands. */
function payingElsewhere(states: readonly SubscriptionState[], now: number, currency: string | null): Set<string> {
  const out = new Set<string>();
  for (const { currency: other } of currenciesOf(states)) {
    if (other === currency) continue;
    for (const account of mrrByAccount(states, now, other).keys()) out.add(account);
  }
  return out;
}
