import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DAY_MS, HOUR_MS } from './constants';
import { kaplanMeier, survivalQuantile } from './survival';
import { kaplanMeierCounts } from './timeBins';
import { type TtvSubject, timeToValueReport } from './timeToValue';
import { ttvObservations, ttvReportFromRollup, ttvRollupOf } from './ttvRollup';

const UNTIL = Date.UTC(2026, 5, 15, 13, 27, 11, 123);

/** A time to value, log-uniform from 0 ms to about 160 days, so every scale of bin is hit. */
const ttvMs = fc.double({ min: 0, max: 23, noNaN: true }).map((x) => Math.floor(Math.exp(x)) - 1);

/** Users: a start up to 300 days before `until`; a value after it (or before it, or none). */
const subjects = (minAge = 0) =>
  fc.array(
    fc.record({
      age: fc.integer({ min: minAge, max: minAge + 300 * DAY_MS }),
      ttv: ttvMs,
      kind: fc.constantFrom('reached', 'reached', 'reached', 'waiting', 'before'),
    }),
    { minLength: 0, maxLength: 400 },
  );

function toSubjects(rows: { age: number; ttv: number; kind: string }[]): TtvSubject[] {
  return rows.map(({ age, ttv, kind }) => {
    const start = UNTIL - age;
    if (kind === 'waiting') return { start, value: null };
    if (kind === 'before') return { start, value: start - 1 - ttv };
    return { start, value: Math.min(start + ttv, UNTIL - 1) };
  });
}

/** Within 1 % of the exact figure (or both null). */
function within1pct(rollup: number | null, exact: number | null) {
  if (exact === null || rollup === null) {
    expect(rollup).toBe(exact);
    return;
  }
  expect(Math.abs(rollup - exact)).toBeLessThanOrEqual(0.01 * exact + 1e-9);
}

describe('time to value from the rollup equals the exact report within its resolution', () => {
  it('counts are exact; times to value (mean, p50, p75, p90) within 1 %, overall and per cohort', () => {
    fc.assert(
      fc.property(subjects(), fc.constantFrom('week' as const, 'month' as const), (rows, cohort) => {
        const people = toSubjects(rows);
        const exact = timeToValueReport(people, { until: UNTIL, cohort });
        const rolled = ttvReportFromRollup(ttvRollupOf(people), { until: UNTIL, cohort });
        expect(rolled.started).toBe(exact.started);
        expect(rolled.reached).toBe(exact.reached);
        expect(rolled.conversion).toBe(exact.conversion);
        expect(rolled.valueBeforeStart).toBe(exact.valueBeforeStart);
        expect(rolled.histogram).toEqual(exact.histogram);
        expect(rolled.cohorts.map((c) => [c.cohort, c.started, c.reached])).toEqual(
          exact.cohorts.map((c) => [c.cohort, c.started, c.reached]),
        );
        const groups = [[rolled, exact] as const, ...rolled.cohorts.map((c, i) => [c, exact.cohorts[i]] as const)];
        for (const [r, e] of groups) {
          if (!e) throw new Error('cohorts differ');
          expect(r.reachedTimes.n).toBe(e.reachedTimes.n);
          for (const key of ['mean', 'p50', 'p75', 'p90'] as const)
            within1pct(r.reachedTimes[key], e.reachedTimes[key]);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('Kaplan–Meier median and quantiles within 1 % when every waiting user was followed past the longest time to value', () => {
    fc.assert(
      fc.property(subjects(), (rows) => {
        const longest = Math.max(0, ...rows.filter((r) => r.kind === 'reached').map((r) => r.ttv));
        // Waiting users started at least 1.02 × the longest time to value (plus their start hour) ago.
        const people = toSubjects(
          rows.map((r) => (r.kind === 'waiting' ? { ...r, age: r.age + Math.ceil(longest * 1.02) + HOUR_MS } : r)),
        );
        const exact = timeToValueReport(people, { until: UNTIL });
        const rollup = ttvRollupOf(people);
        const rolled = ttvReportFromRollup(rollup, { until: UNTIL });
        within1pct(rolled.kmMedian, exact.kmMedian);
        for (const [i, c] of rolled.cohorts.entries()) within1pct(c.kmMedian, exact.cohorts[i]?.kmMedian ?? null);
        const exactCurve = kaplanMeier(
          people
            .filter((s) => s.value === null || s.value >= s.start)
            .map((s) =>
              s.value === null ? { time: UNTIL - s.start, reached: false } : { time: s.value - s.start, reached: true },
            ),
        );
        const rolledCurve = kaplanMeierCounts(ttvObservations(rollup, UNTIL));
        for (const p of [0.1, 0.25, 0.5, 0.75, 0.9]) {
          within1pct(survivalQuantile(rolledCurve, p), survivalQuantile(exactCurve, p));
        }
      }),
      { numRuns: 200 },
    );
  });
});
