import { describe, expect, it } from 'vitest';
import { ces, csat } from './satisfaction';
import { wilson } from './stats';

describe('wilson', () => {
  it('matches the worked example of Wilson (1927) as given by Newcombe (1998), 81/263', () => {
    // Newcombe, "Two-sided confidence intervals for the single proportion", Stat Med 1998, table I:
    // 81/263 → 0.2553 to 0.3662 for the Wilson score method.
    const [lo, hi] = wilson(81, 263) as [number, number];
    expect(lo).toBeCloseTo(0.2553, 4);
    expect(hi).toBeCloseTo(0.3662, 4);
  });

  it('keeps width at 0/n and n/n instead of collapsing to a point', () => {
    const [lo, hi] = wilson(10, 10) as [number, number];
    expect(hi).toBeCloseTo(1, 12);
    expect(lo).toBeCloseTo(0.7225, 4);
    expect(wilson(0, 0)).toBeNull();
  });
});

describe('csat', () => {
  it('counts the top two points of a 1–5 scale', () => {
    const result = csat({ 5: 6, 4: 2, 3: 1, 1: 1 }, [1, 5], 'higher-better'); // mean (30 + 8 + 3 + 1) / 10
    expect(result.n).toBe(10);
    expect(result.score).toBe(80);
    expect(result.mean).toBeCloseTo(4.2, 10);
    expect(result.breakdown).toEqual({ satisfied: 8, unsatisfied: 2 });
    expect(result.ci95?.[0]).toBeCloseTo(49.02, 1);
    expect(result.ci95?.[1]).toBeCloseTo(94.33, 1);
  });

  it('uses the top two of a 1–3 and a 1–7 scale', () => {
    expect(csat({ 3: 1, 2: 1, 1: 2 }, [1, 3], 'higher-better').score).toBe(50);
    expect(csat({ 7: 1, 6: 1, 5: 2 }, [1, 7], 'higher-better').score).toBe(50);
  });
});

describe('ces', () => {
  it('reports the mean and % easy on the 1–7 agreement scale', () => {
    const result = ces({ 7: 2, 6: 1, 5: 1, 2: 1 }, [1, 7], 'higher-better');
    expect(result.mean).toBeCloseTo(5.4, 10);
    expect(result.share).toBe(0.8);
  });

  it('reads the 1–5 effort scale as lower is easier', () => {
    const result = ces({ 1: 2, 2: 1, 4: 1 }, [1, 5], 'lower-better');
    expect(result.mean).toBe(2);
    expect(result.share).toBe(0.75);
  });
});

describe('direction', () => {
  it('CSAT on a lower-better 1–5 scale counts 1–2 as satisfied: 3 of 5 = 60 %, not 40 %', () => {
    const counts = { 1: 2, 2: 1, 4: 1, 5: 1 };
    expect(csat(counts, [1, 5], 'lower-better')).toMatchObject({
      score: 60,
      breakdown: { satisfied: 3, unsatisfied: 2 },
    });
    expect(csat(counts, [1, 5], 'higher-better').score).toBe(40);
  });

  it('CES easy on a higher-better 1–5 scale is 4–5: 3 of 4, not only the 5', () => {
    const result = ces({ 4: 2, 5: 1, 2: 1 }, [1, 5], 'higher-better');
    expect(result.breakdown).toEqual({ easy: 3, notEasy: 1 });
    expect(result.share).toBe(0.75);
  });
});

describe('the CES interval', () => {
  it('is undefined from one answer', () => {
    expect(ces({ 6: 1 }, [1, 7], 'higher-better')).toMatchObject({ n: 1, mean: 6, ci95: null });
  });

  it('is mean ± Z95·sd/√n, clipped to the scale', () => {
    // 7, 7, 7, 6: mean 6.75, sd = √((3·0.25² + 0.75²)/3) = 0.5, half = 1.95996·0.5/2 = 0.48999:
    // 6.26001 to 7.23999, clipped at the top of the scale to 7.
    const result = ces({ 7: 3, 6: 1 }, [1, 7], 'higher-better');
    expect(result.ci95?.[0]).toBeCloseTo(6.260009003864987, 12);
    expect(result.ci95?.[1]).toBe(7);
  });
});
