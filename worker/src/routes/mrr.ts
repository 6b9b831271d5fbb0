import type { MrrResponse } from '@heard/core';
import { currenciesOf, dateWindow, mrrReport, paymentsByPeriod, ZMrrQuery, ZMrrResponse } from '@heard/core';
import { DAY_MS } from '@heard/core/constants';
import { dbFor } from '../db/site';
import { paymentsBetween, subscriptionStates } from '../db/stripe';
import { defineRoute } from '../route';

/**
 * `GET /v1/mrr` (secret key): MRR movements per month or week from the subscriptions Stripe
 * sent (`/v1/sources/stripe`), in one currency. Default: the last 365 days.
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
        "Each account is compared at each period's start and end: new, reactivation, expansion, contraction or churned, so movements sum to end − start. One currency per report (`currency=`, default the one most accounts bill in); other currencies are listed, never converted.",
      auth: 'secret',
      query: ZMrrQuery,
      response: { status: 200, schema: ZMrrResponse, description: 'the MRR report' },
    },
    async (c, { query }) => {
      const now = Date.now();
      const window = dateWindow(query, now, 365);
      const states = await subscriptionStates(dbFor(c.env, c.var.site), c.var.site.id, window.to);
      const currencies = currenciesOf(states);
      const currency = query.currency ?? currencies[0]?.currency ?? null;
      const options = { ...window, interval: query.interval, currency: currency ?? 'usd' };
      const report = mrrReport(currency ? states : [], options);
      // The first period starts at its calendar start, up to a month before `from`.
      const payments = currency
        ? await paymentsBetween(dbFor(c.env, c.var.site), c.var.site.id, window.from - 31 * DAY_MS, window.to)
        : [];
      const paid = paymentsByPeriod(payments, options);
      return c.json({
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
      } satisfies MrrResponse);
    },
  ),
];
