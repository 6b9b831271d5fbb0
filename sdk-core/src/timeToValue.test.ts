import { describe, expect, it } from 'vitest';
import { logEdges, logHistogram, periodStart, thinCurve, timeToValueReport } from './timeToValue';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const MONDAY = Date.UTC(2026, 10, 2); // Monday 2 November 2026

describe('timeToValueReport', () => {
  // Three reached value (1 h, 2 d, 10 d); two have not: one censored at 20 d, one (who signed
  // up 8 days later) at 12 d, follow-up ending at day 20.
  const subjects = [
    { start: MONDAY, value: MONDAY + HOUR, nps: 10, segment: 'pro' },
    { start: MONDAY, value: MONDAY + 2 * DAY, nps: 9, segment: 'pro' },
    { start: MONDAY, value: MONDAY + 10 * DAY, nps: 6, segment: 'free' },
    { start: MONDAY, value: null, nps: 3, segment: 'free' },
    { start: MONDAY + 8 * DAY, value: null, segment: null },
  ];
  const report = timeToValueReport(subjects, { until: MONDAY + 20 * DAY, bySegment: true });

  it('counts started, reached and conversion, with percentiles among those who reached value', () => {
    expect(report).toMatchObject({ started: 5, reached: 3, conversion: 0.6 });
    // Sorted 1 h, 48 h, 240 h: p50 = 48 h; p75 = 48 + 0.5·192 = 144 h; p90 = 48 + 0.8·192 = 201.6 h.
    expect(report.reachedTimes.p50).toBe(2 * DAY);
    expect(report.reachedTimes.p75).toBe(144 * HOUR);
    expect(report.reachedTimes.p90).toBeCloseTo(201.6 * HOUR, 3);
    expect(report.reachedTimes.mean).toBeCloseTo((289 / 3) * HOUR, 3);
  });

  it('censors users who have not reached value instead of dropping them', () => {
    // KM by hand: S(1h) = 4/5, S(2d) = 4/5 · 3/4 = 0.6, S(10d) = 0.6 · 2/3 = 0.4 → median 10 d,
    // not the 2 d a report that ignored the two waiting users would show.
    expect(report.kmMedian).toBe(10 * DAY);
    expect(report.curve.map((s) => [s.time, s.survival])).toEqual([
      [HOUR, 0.8],
      [2 * DAY, expect.closeTo(0.6, 12)],
      [10 * DAY, expect.closeTo(0.4, 12)],
      [12 * DAY, expect.closeTo(0.4, 12)],
      [20 * DAY, expect.closeTo(0.4, 12)],
    ]);
    expect(report.curve.slice(3).map((s) => s.censored)).toEqual([1, 1]);
  });

  it('buckets times to value on a log scale', () => {
    // Edges in minutes 0, 1, 4, 16, 64, 256, 1024, 4096, 16384: 60 min, 2880 min, 14400 min.
    expect(report.histogram.map((b) => b.count)).toEqual([0, 0, 0, 1, 0, 0, 1, 1]);
    expect(report.histogram[3]).toEqual({ from: 16 * 60_000, to: 64 * 60_000, count: 1 });
  });

  it('groups sign-ups into weekly cohorts', () => {
    expect(report.cohorts.map((c) => [c.cohort, c.started, c.reached, c.conversion])).toEqual([
      ['2026-11-02', 4, 3, 0.75],
      ['2026-11-09', 1, 0, 0],
    ]);
    // Cohort 1: S = 3/4, 3/4·2/3 = 1/2 at 2 d → median 2 d.
    expect(report.cohorts[0]?.kmMedian).toBe(2 * DAY);
    expect(report.cohorts[1]?.kmMedian).toBeNull();
  });

  it('reports NPS by time-to-value bucket', () => {
    expect(report.npsByTtv.map((b) => [b.bucket, b.nps.n, b.nps.score])).toEqual([
      ['under 1 day', 1, 100],
      ['1–7 days', 1, 100],
      ['7–30 days', 1, -100],
      ['30 days or more', 0, null],
      ['not reached', 1, -100],
    ]);
  });

  it('splits by segment', () => {
    expect(report.segments?.map((s) => [s.value, s.started, s.reached])).toEqual([
      ['pro', 2, 2],
      ['free', 2, 1],
      [null, 1, 0],
    ]);
  });

  it('leaves out users who reached value before they started, and counts them', () => {
    // a: 2 h; b: 6 h; c: activated 1 h before signing up; d: still waiting at 10 h.
    // Without c: started 3, reached 2, conversion 2/3, p50 = 4 h (midway 2 h–6 h); with c at 0
    // the median would be 2 h and conversion 3/4.
    const r = timeToValueReport(
      [
        { start: MONDAY, value: MONDAY + 2 * HOUR },
        { start: MONDAY, value: MONDAY + 6 * HOUR },
        { start: MONDAY + HOUR, value: MONDAY },
        { start: MONDAY, value: null },
      ],
      { until: MONDAY + 10 * HOUR },
    );
    expect(r).toMatchObject({ started: 3, reached: 2, valueBeforeStart: 1 });
    expect(r.conversion).toBeCloseTo(2 / 3, 12);
    expect(r.reachedTimes.p50).toBe(4 * HOUR);
    expect(r.histogram.reduce((n, b) => n + b.count, 0)).toBe(2);
  });

  it('reports an empty site with nulls', () => {
    const empty = timeToValueReport([], { until: MONDAY });
    expect(empty).toMatchObject({
      started: 0,
      reached: 0,
      conversion: null,
      kmMedian: null,
      histogram: [],
      valueBeforeStart: 0,
    });
  });
});

describe('helpers', () => {
  it('makes log-spaced edges that cover the largest value', () => {
    expect(logEdges(100, 1, 10)).toEqual([1, 10, 100, 1000]);
    expect(logHistogram([0, 30_000, 60_000, 239_999, 240_000])).toEqual([
      { from: 0, to: 60_000, count: 2 },
      { from: 60_000, to: 240_000, count: 2 },
      { from: 240_000, to: 960_000, count: 1 },
    ]);
  });

  it('starts weeks on Monday (UTC) and months on the first', () => {
    expect(periodStart(Date.UTC(2026, 10, 8, 23, 59), 'week')).toBe('2026-11-02');
    expect(periodStart(Date.UTC(2026, 10, 9), 'week')).toBe('2026-11-09');
    expect(periodStart(Date.UTC(2026, 10, 30), 'month')).toBe('2026-11-01');
  });

  it('thins a long curve to exact steps, keeping the first and last', () => {
    const curve = Array.from({ length: 1000 }, (_, i) => ({
      time: i,
      atRisk: 1000 - i,
      events: 1,
      censored: 0,
      survival: 1 - (i + 1) / 1000,
    }));
    const thin = thinCurve(curve, 11);
    expect(thin).toHaveLength(11);
    expect(thin[0]).toBe(curve[0]);
    expect(thin[10]).toBe(curve[999]);
  });
});
