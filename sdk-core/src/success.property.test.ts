import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { summarizeValues } from './percentiles';
import { retentionReport } from './retention';
import { kaplanMeier, survivalMedian } from './survival';
import { logHistogram, timeToValueReport } from './timeToValue';

const observation = fc.record({ time: fc.integer({ min: 0, max: 1000 }), reached: fc.boolean() });

describe('properties of the customer-success math', () => {
  it('Kaplan–Meier survival stays in [0, 1] and never increases', () => {
    fc.assert(
      fc.property(fc.array(observation, { maxLength: 200 }), (observations) => {
        let previous = 1;
        for (const step of kaplanMeier(observations)) {
          expect(step.survival).toBeGreaterThanOrEqual(0);
          expect(step.survival).toBeLessThanOrEqual(previous + 1e-12);
          previous = step.survival;
        }
      }),
    );
  });

  it('without censoring, Kaplan–Meier is the share whose time is later', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 50 }), { minLength: 1, maxLength: 100 }), (times) => {
        for (const step of kaplanMeier(times.map((time) => ({ time, reached: true })))) {
          expect(step.survival).toBeCloseTo(times.filter((t) => t > step.time).length / times.length, 9);
        }
      }),
    );
  });

  it('percentiles are ordered and inside the range', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0, max: 1e9, noNaN: true }), { minLength: 1, maxLength: 200 }),
        (values) => {
          const s = summarizeValues(values);
          const [min, max] = [Math.min(...values), Math.max(...values)];
          expect(min).toBeLessThanOrEqual(s.p50 as number);
          expect(s.p50 as number).toBeLessThanOrEqual(s.p75 as number);
          expect(s.p75 as number).toBeLessThanOrEqual(s.p90 as number);
          expect(s.p90 as number).toBeLessThanOrEqual(max);
        },
      ),
    );
  });

  it('the histogram counts every value once', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 1e11 }), { maxLength: 200 }), (values) => {
        const buckets = logHistogram(values);
        expect(buckets.reduce((n, b) => n + b.count, 0)).toBe(values.length);
        for (const b of buckets) expect(b.to === null || b.from < b.to).toBe(true);
      }),
    );
  });

  it('time to value: reached ≤ started, conversion in [0, 1], KM median ≥ the smallest time reached', () => {
    const subject = fc
      .record({ start: fc.integer({ min: 0, max: 1e6 }), wait: fc.option(fc.integer({ min: 0, max: 1e6 })) })
      .map(({ start, wait }) => ({ start, value: wait === null ? null : start + wait }));
    fc.assert(
      fc.property(fc.array(subject, { maxLength: 100 }), (subjects) => {
        const report = timeToValueReport(subjects, { until: 3e6 });
        expect(report.reached).toBeLessThanOrEqual(report.started);
        if (report.conversion !== null) expect(report.conversion).toBeGreaterThanOrEqual(0);
        if (report.conversion !== null) expect(report.conversion).toBeLessThanOrEqual(1);
        if (report.kmMedian !== null) expect(report.kmMedian).toBeGreaterThanOrEqual(report.curve[0]?.time ?? 0);
        expect(report.cohorts.reduce((n, c) => n + c.started, 0)).toBe(report.started);
        expect(survivalMedian(report.curve) === null).toBe(report.kmMedian === null || report.curve.length === 0);
      }),
    );
  });

  it('retention: end = start + new − lost and each period starts where the last ended', () => {
    const life = fc
      .record({ first: fc.integer({ min: 0, max: 400 }), span: fc.option(fc.integer({ min: 0, max: 400 })) })
      .map(({ first, span }) => ({
        first: first * 86_400_000,
        lost: span === null ? null : (first + span) * 86_400_000,
      }));
    fc.assert(
      fc.property(
        fc.array(life, { maxLength: 60 }),
        fc.constantFrom('month' as const, 'week' as const),
        (customers, interval) => {
          const report = retentionReport(customers, { from: 30 * 86_400_000, to: 300 * 86_400_000, interval });
          report.periods.forEach((p, i) => {
            expect(p.end).toBe(p.start + p.new - p.lost);
            if (i > 0) expect(p.start).toBe(report.periods[i - 1]?.end);
            if (p.churnRate !== null) expect((p.retention as number) + p.churnRate).toBeCloseTo(1, 12);
          });
        },
      ),
    );
  });
});
