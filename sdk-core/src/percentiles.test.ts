import { describe, expect, it } from 'vitest';
import { quantileSorted, summarizeValues } from './percentiles';

describe('percentiles', () => {
  it('interpolates between closest ranks (type 7)', () => {
    // h = (n − 1)·p: p50 → 1.5 → 2.5; p75 → 2.25 → 3.25; p90 → 2.7 → 3.7.
    expect(summarizeValues([4, 1, 3, 2])).toEqual({
      n: 4,
      mean: 2.5,
      p50: 2.5,
      p75: 3.25,
      p90: expect.closeTo(3.7, 10),
    });
    expect(quantileSorted([10], 0.9)).toBe(10);
    expect(quantileSorted([0, 10], 0)).toBe(0);
    expect(quantileSorted([0, 10], 1)).toBe(10);
  });

  it('reports nulls when empty', () => {
    expect(summarizeValues([])).toEqual({ n: 0, mean: null, p50: null, p75: null, p90: null });
  });
});
