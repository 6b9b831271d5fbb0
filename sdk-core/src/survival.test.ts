import { describe, expect, it } from 'vitest';
import { kaplanMeier, survivalMedian, survivalQuantile } from './survival';

describe('kaplanMeier', () => {
  it('matches the published estimates for the 6-MP arm of the Freireich leukemia remission trial', () => {
    // Freireich et al., Blood 21:699 (1963); the worked example of Kleinbaum & Klein,
    // "Survival Analysis: A Self-Learning Text", 3rd ed., chapter 2 (table of KM estimates for
    // group 1, 6-MP): weeks in remission, + marks a censored patient.
    const weeks = '6 6 6 6+ 7 9+ 10 10+ 11+ 13 16 17+ 19+ 20+ 22 23 25+ 32+ 32+ 34+ 35+';
    const observations = weeks.split(' ').map((w) => ({ time: Number.parseInt(w, 10), reached: !w.endsWith('+') }));
    const curve = kaplanMeier(observations);
    const withEvents = curve.filter((s) => s.events > 0).map((s) => [s.time, s.atRisk, s.events, s.survival]);
    const published = [
      [6, 21, 3, 0.8571],
      [7, 17, 1, 0.8067],
      [10, 15, 1, 0.7529],
      [13, 12, 1, 0.6902],
      [16, 11, 1, 0.6275],
      [22, 7, 1, 0.5378],
      [23, 6, 1, 0.4482],
    ];
    expect(withEvents.map(([t, n, d]) => [t, n, d])).toEqual(published.map(([t, n, d]) => [t, n, d]));
    withEvents.forEach(([, , , s], i) => {
      expect(s).toBeCloseTo((published[i] as number[])[3] as number, 4);
    });
    // The book reads the median remission time for 6-MP off this curve as 23 weeks.
    expect(survivalMedian(curve)).toBe(23);
  });

  it('takes the median at the first time S ≤ 0.5, the start of a flat step at exactly 0.5', () => {
    // Events at 1, 2, 3, 4: S = 0.75, 0.5, 0.25, 0. The curve sits at exactly 0.5 from 2 to 3;
    // the median is 2 (R's survfit would print the midpoint, 2.5).
    const curve = kaplanMeier([1, 2, 3, 4].map((time) => ({ time, reached: true })));
    expect(curve.map((s) => s.survival)).toEqual([0.75, 0.5, 0.25, 0]);
    expect(survivalMedian(curve)).toBe(2);
  });

  it('keeps censored subjects at risk until their time and never counts them as events', () => {
    // 1 event, 2 censored, 3 event, 4 event, by hand:
    // S(1) = 3/4 = 0.75; at 3 two remain at risk: S(3) = 0.75 · 1/2 = 0.375; S(4) = 0.
    const curve = kaplanMeier([
      { time: 4, reached: true },
      { time: 2, reached: false },
      { time: 3, reached: true },
      { time: 1, reached: true },
    ]);
    expect(curve).toEqual([
      { time: 1, atRisk: 4, events: 1, censored: 0, survival: 0.75 },
      { time: 2, atRisk: 3, events: 0, censored: 1, survival: 0.75 },
      { time: 3, atRisk: 2, events: 1, censored: 0, survival: 0.375 },
      { time: 4, atRisk: 1, events: 1, censored: 0, survival: 0 },
    ]);
    expect(survivalMedian(curve)).toBe(3);
    expect(survivalQuantile(curve, 0.25)).toBe(1);
  });

  it('counts events before censorings at tied times', () => {
    const curve = kaplanMeier([
      { time: 5, reached: true },
      { time: 5, reached: false },
    ]);
    expect(curve).toEqual([{ time: 5, atRisk: 2, events: 1, censored: 1, survival: 0.5 }]);
  });

  it('has no median while more than half are still waiting', () => {
    const curve = kaplanMeier([
      { time: 1, reached: true },
      { time: 9, reached: false },
      { time: 9, reached: false },
    ]);
    expect(curve.at(-1)?.survival).toBeCloseTo(2 / 3, 10);
    expect(survivalMedian(curve)).toBeNull();
    expect(survivalMedian(kaplanMeier([]))).toBeNull();
  });
});
