import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type AccountSignals, accountHealth, atRisk } from './accountHealth';
import { durationRollupOf, durationsFromRollup } from './durationRollup';
import { durationsReport } from './durations';
import { ZDurationsResponse, ZHealthResponse, ZRetentionResponse, ZRevenueResponse, ZTtvResponse } from './reports';
import { retentionReport } from './retention';
import { revenueReport } from './revenue';
import { npsByTtv, timeToValueReport } from './timeToValue';
import { ttvReportFromRollup, ttvRollupOf } from './ttvRollup';

const DAY = 86_400_000;
const FROM = Date.UTC(2026, 0, 1);
const TO = Date.UTC(2026, 6, 1);
const iso = (ts: number) => new Date(ts).toISOString();
const instant = fc.integer({ min: FROM, max: TO });
const segment = fc.option(fc.constantFrom('free', 'pro', 'team'), { nil: null });

/** The schema describes the body exactly: it parses, and parsing neither drops nor adds anything. */
function described(schema: { parse: (body: unknown) => unknown }, body: unknown) {
  expect(schema.parse(body)).toStrictEqual(body);
}

// The worker's route tests check real answers; these check every answer the math can make,
// including the edges few fixtures reach (empty groups, rates past 1, negative revenue).
describe('the report schemas hold whatever the report math makes', () => {
  it('time to value', () => {
    const subject = fc
      .record({ start: instant, wait: fc.option(fc.integer({ min: 0, max: 90 * DAY }), { nil: null }), segment })
      .chain((s) =>
        fc.record({
          start: fc.constant(s.start),
          value: fc.constant(s.wait === null ? null : s.start + s.wait),
          segment: fc.constant(s.segment),
          nps: fc.option(fc.integer({ min: 0, max: 10 }), { nil: null }),
        }),
      );
    fc.assert(
      fc.property(fc.array(subject, { maxLength: 60 }), fc.boolean(), (subjects, bySegment) => {
        const report = timeToValueReport(subjects, { until: TO, bySegment });
        const by = bySegment ? 'plan' : null;
        described(ZTtvResponse, {
          start: 'signed_up',
          value: 'activated',
          from: iso(FROM),
          to: iso(TO),
          by,
          exact: true,
          ...report,
        });
        // The same from the rollup: every figure it makes fits the same schema.
        const rolled = ttvReportFromRollup(ttvRollupOf(subjects), { until: TO });
        described(ZTtvResponse, {
          start: 'signed_up',
          value: 'activated',
          from: iso(FROM),
          to: iso(TO),
          by: null,
          exact: false,
          ...rolled,
          npsByTtv: npsByTtv(subjects),
        });
      }),
    );
  });

  it('durations', () => {
    const entity = fc.record({
      entity: fc.uuid(),
      start: instant,
      end: fc.option(instant, { nil: null }),
      segment,
    });
    fc.assert(
      fc.property(fc.array(entity, { maxLength: 60 }), fc.boolean(), (entities, bySegment) => {
        const ended = entities.map((e) => ({ ...e, end: e.end === null ? null : Math.max(e.start, e.end) }));
        const report = durationsReport(ended, { until: TO, bySegment });
        const frame = { start: 'ticket_opened', end: 'ticket_resolved', from: iso(FROM), to: iso(TO) };
        described(ZDurationsResponse, { ...frame, by: bySegment ? 'priority' : null, exact: true, ...report });
        const rolled = durationsFromRollup(durationRollupOf(ended), TO);
        described(ZDurationsResponse, { ...frame, by: null, exact: false, ...rolled });
      }),
    );
  });

  it('retention, where customers new and lost in one period push the rates past 0…1', () => {
    const life = fc
      .record({ first: instant, lost: fc.option(instant, { nil: null }) })
      .map((c) => ({ first: c.first, lost: c.lost === null ? null : Math.max(c.first, c.lost) }));
    fc.assert(
      fc.property(fc.array(life, { maxLength: 60 }), fc.constantFrom('month', 'week'), (customers, interval) => {
        const report = retentionReport(customers, { from: FROM, to: TO, interval: interval as 'month' | 'week' });
        described(ZRetentionResponse, { churnEvent: 'churned', inactivityDays: 30, ...report });
      }),
    );
    const burst = retentionReport(
      [
        { first: FROM - DAY, lost: null },
        { first: FROM + DAY, lost: FROM + 2 * DAY },
        { first: FROM + DAY, lost: FROM + 3 * DAY },
      ],
      { from: FROM, to: FROM + 20 * DAY, interval: 'month' },
    );
    expect(burst.periods[0]).toMatchObject({ start: 1, new: 2, lost: 2, churnRate: 2, retention: -1 });
    described(ZRetentionResponse, { churnEvent: 'churned', inactivityDays: 30, ...burst });
  });

  it('revenue, whatever the signs of the amounts (contraction can make net, ARPA and NRR negative)', () => {
    const event = fc.record({
      account: fc.constantFrom('a', 'b', 'c', 'd'),
      ts: fc.integer({ min: FROM - (TO - FROM), max: TO - 1 }),
      kind: fc.constantFrom('new', 'expansion', 'contraction', null, 'refund'),
      value: fc.double({ min: -1000, max: 1000, noNaN: true }),
    });
    // The churn rate CLV uses is lost ÷ customers of the retention report: a ratio of counts.
    const churn = fc.option(
      fc.tuple(fc.nat(50), fc.integer({ min: 1, max: 50 })).map(([lost, start]) => lost / start),
      { nil: null },
    );
    fc.assert(
      fc.property(fc.array(event, { maxLength: 60 }), churn, (events, monthlyChurn) => {
        const report = revenueReport(events, { from: FROM, to: TO, monthlyChurn });
        const body = { event: 'revenue', ...report, from: iso(report.from), to: iso(report.to), monthlyChurn };
        described(ZRevenueResponse, body);
      }),
    );
  });

  it('account health', () => {
    const answer = (scale: [number, number], direction: 'higher-better' | 'lower-better') =>
      fc.option(
        fc.integer({ min: scale[0], max: scale[1] }).map((score) => ({ score, scale, direction })),
        { nil: null },
      );
    const signals: fc.Arbitrary<AccountSignals> = fc.record({
      account: fc.string({ minLength: 1, maxLength: 8 }),
      nps: answer([0, 10], 'higher-better'),
      csat: answer([1, 5], 'higher-better'),
      ces: answer([1, 5], 'lower-better'),
      lastActive: fc.option(fc.integer({ min: FROM, max: TO }), { nil: null }),
      ttvReached: fc.option(fc.boolean(), { nil: null }),
      openTickets: fc.integer({ min: 0, max: 10 }),
    });
    const weight = fc.integer({ min: 0, max: 100 });
    const weights = fc.record({
      nps: weight,
      csat: weight,
      ces: weight,
      recency: weight,
      ttv: weight,
      tickets: weight,
    });
    fc.assert(
      fc.property(fc.array(signals, { maxLength: 30 }), weights, (all, drawn) => {
        const w = { ...drawn };
        const accounts = all.map((s) => accountHealth(s, { weights: w, now: TO, inactivityDays: 30 }));
        const openTickets = all.reduce((n, s) => n + s.openTickets, 0);
        const body = {
          weights: w,
          threshold: 40,
          total: accounts.length,
          openTickets,
          accounts,
          atRisk: atRisk(accounts, 40),
        };
        described(ZHealthResponse, body);
      }),
    );
  });
});
