import { describe, expect, it } from 'vitest';
import { DAY_MS, ROLLUP } from './constants';
import { kaplanMeier } from './survival';
import { binMiddle, kaplanMeierCounts, summarizeCounts, TIME_BIN_EDGES, timeBin } from './timeBins';

describe('duration bins', () => {
  it('start at 0, 1, 2 ms, ascend, and widen by at most the ratio', () => {
    expect(TIME_BIN_EDGES.slice(0, 4)).toEqual([0, 1, 2, 3]);
    for (let i = 1; i < TIME_BIN_EDGES.length - 1; i += 1) {
      const lo = TIME_BIN_EDGES[i] as number;
      const hi = TIME_BIN_EDGES[i + 1] as number;
      expect(hi).toBeGreaterThan(lo);
      // The largest whole ms in the bin is at most ratio × its smallest.
      expect((hi - 1) / lo).toBeLessThanOrEqual(ROLLUP.ratio);
    }
    expect(TIME_BIN_EDGES.at(-1)).toBeGreaterThan(ROLLUP.maxMs / ROLLUP.ratio);
    expect(TIME_BIN_EDGES.length).toBeLessThan(1700);
  });

  it('never straddle the chart edges: one minute ×4, one, seven and thirty days', () => {
    for (const edge of [60_000, 240_000, 960_000, DAY_MS, 7 * DAY_MS, 30 * DAY_MS]) {
      expect(TIME_BIN_EDGES).toContain(edge);
    }
  });

  it('put a duration in the bin whose edges hold it, and its middle within 1 %', () => {
    for (const ms of [0, 1, 2, 57, 999, 1000, 59_999, 60_000, 3_600_000, 86_399_999, 86_400_000, 1e11]) {
      const bin = timeBin(ms);
      expect(TIME_BIN_EDGES[bin]).toBeLessThanOrEqual(ms);
      if (bin + 1 < TIME_BIN_EDGES.length) expect(TIME_BIN_EDGES[bin + 1]).toBeGreaterThan(ms);
      if (ms === 0) expect(binMiddle(bin)).toBe(0);
      else expect(Math.abs(binMiddle(bin) - ms) / ms).toBeLessThan(0.01);
    }
    expect(timeBin(-5)).toBe(0);
    expect(timeBin(1e15)).toBe(TIME_BIN_EDGES.length - 1);
    // A bin that holds a single whole ms stands for exactly it.
    expect(binMiddle(timeBin(7))).toBe(7);
  });
});

describe('summarizeCounts', () => {
  it('is empty at n = 0', () => {
    expect(summarizeCounts([])).toEqual({ n: 0, mean: null, p50: null, p75: null, p90: null });
    expect(summarizeCounts([{ value: 5, n: 0 }]).n).toBe(0);
  });
  it('is the value at n = 1 and with zero variance', () => {
    expect(summarizeCounts([{ value: 7, n: 1 }])).toEqual({ n: 1, mean: 7, p50: 7, p75: 7, p90: 7 });
    expect(summarizeCounts([{ value: 3, n: 10 }])).toEqual({ n: 10, mean: 3, p50: 3, p75: 3, p90: 3 });
  });
  it('interpolates between ranks as type 7: [1, 1, 3, 3] → p50 2, p75 3, p90 3', () => {
    // ranks 0..3 = 1, 1, 3, 3; h(0.5) = 1.5 → 1 + 0.5·2 = 2; h(0.75) = 2.25 → 3; h(0.9) = 2.7 → 3.
    expect(
      summarizeCounts([
        { value: 3, n: 2 },
        { value: 1, n: 2 },
      ]),
    ).toEqual({ n: 4, mean: 2, p50: 2, p75: 3, p90: 3 });
    // [1, 2, 3, 4]: p75 h = 2.25 → 3.25, p90 h = 2.7 → 3.7.
    const s = summarizeCounts([1, 2, 3, 4].map((value) => ({ value, n: 1 })));
    expect(s.p75).toBeCloseTo(3.25, 12);
    expect(s.p90).toBeCloseTo(3.7, 12);
  });
});

describe('kaplanMeierCounts', () => {
  it('equals Kaplan–Meier of the same subjects one by one', () => {
    // Times 1 (2 events), 2 (1 censored), 3 (1 event, 1 censored): S = 3/5, 3/5, 3/5 · 1/2.
    const steps = kaplanMeierCounts([
      { time: 3, events: 1, censored: 1 },
      { time: 1, events: 2, censored: 0 },
      { time: 2, events: 0, censored: 1 },
    ]);
    expect(steps.map((s) => [s.time, s.atRisk, s.events, s.censored])).toEqual([
      [1, 5, 2, 0],
      [2, 3, 0, 1],
      [3, 2, 1, 1],
    ]);
    expect(steps.map((s) => s.survival)).toEqual([0.6, 0.6, 0.3]);
    const single = kaplanMeier([
      { time: 1, reached: true },
      { time: 1, reached: true },
      { time: 2, reached: false },
      { time: 3, reached: true },
      { time: 3, reached: false },
    ]);
    expect(steps).toEqual(single);
  });
  it('is empty without subjects', () => {
    expect(kaplanMeierCounts([])).toEqual([]);
    expect(kaplanMeierCounts([{ time: 1, events: 0, censored: 0 }])).toEqual([]);
  });
});
