import { describe, expect, it } from 'vitest';
import { nps, npsBand } from './nps';

describe('nps', () => {
  it('reports nulls, not zeros, when nobody answered', () => {
    const result = nps({});
    expect(result).toEqual({
      n: 0,
      score: null,
      marginOfError: null,
      ci95: null,
      breakdown: { promoters: 0, passives: 0, detractors: 0 },
    });
  });

  it('scores all-passive answers 0 with no spread', () => {
    const result = nps({ 7: 4, 8: 6 });
    expect(result.n).toBe(10);
    expect(result.score).toBe(0);
    expect(result.marginOfError).toBe(0);
    expect(result.ci95).toEqual([0, 0]);
    expect(result.breakdown).toEqual({ promoters: 0, passives: 10, detractors: 0 });
  });

  it('matches a hand-computed case', () => {
    // 50 promoters, 30 passives, 20 detractors: p = .5, d = .2, NPS = 30.
    // variance term: .5 + .2 − .3² = .61; MoE = 1.96·√(.61/100)·100 = 15.308…
    const result = nps({ 10: 30, 9: 20, 8: 10, 7: 20, 6: 5, 0: 15 });
    expect(result.n).toBe(100);
    expect(result.score).toBeCloseTo(30, 10);
    expect(result.marginOfError).toBeCloseTo(15.3081, 3);
    expect(result.ci95?.[0]).toBeCloseTo(14.6919, 3);
    expect(result.ci95?.[1]).toBeCloseTo(45.3081, 3);
  });

  it('scores a single promoter 100 and clamps the interval to the scale', () => {
    const result = nps({ 9: 1 });
    expect(result.score).toBe(100);
    expect(result.ci95).toEqual([100, 100]);
  });

  it('places the band edges at 6|7 and 8|9', () => {
    expect([0, 6, 7, 8, 9, 10].map(npsBand)).toEqual([
      'detractors',
      'detractors',
      'passives',
      'passives',
      'promoters',
      'promoters',
    ]);
  });
});
