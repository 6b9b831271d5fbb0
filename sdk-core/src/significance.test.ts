import { describe, expect, it } from 'vitest';
import { compareCounts } from './report';
import {
  compareMeans,
  compareNps,
  compareProportions,
  erfc,
  LOW_SAMPLE,
  NO_VARIANCE,
  normalCdf,
  npsVariance,
  ONE_ANSWER,
  zTest,
} from './significance';

describe('normalCdf', () => {
  it('matches the standard normal table (Abramowitz & Stegun, Handbook, table 26.1)', () => {
    expect(normalCdf(0)).toBeCloseTo(0.5, 7);
    expect(normalCdf(1)).toBeCloseTo(0.8413447, 6);
    expect(normalCdf(1.96)).toBeCloseTo(0.9750021, 6);
    expect(normalCdf(-2.5)).toBeCloseTo(0.0062097, 6);
  });
});

describe('erfc', () => {
  it('matches reference values to 1e-13 relative error, far into the tail (values: Python math.erfc, i.e. the C library)', () => {
    const reference: [number, number][] = [
      [0.5, 0.4795001221869535],
      [1, 0.15729920705028513],
      [3, 2.2090496998585438e-5],
      [6, 2.1519736712498916e-17],
      [10, 2.088487583762545e-45],
    ];
    for (const [x, want] of reference) expect(Math.abs(erfc(x) - want) / want, `erfc(${x})`).toBeLessThan(1e-13);
    expect(erfc(-1)).toBeCloseTo(2 - 0.15729920705028513, 15);
    expect(erfc(0)).toBe(1);
  });
});

describe('zTest p-values', () => {
  it('are erfc(|z|/√2): exact at the 95% cut-off, not 0 at |z| = 8.5', () => {
    // The old Chebyshev fit was off by up to 1.2e-7 here, and 1 − Φ(8.5) rounds to 0 in doubles.
    expect(zTest('nps-z', 1.959963984540054, 1, 100).p).toBeCloseTo(0.05, 13);
    const far = zTest('nps-z', -8.5, 1, 100).p as number;
    expect(Math.abs(far - 1.895906964440671e-17) / 1.895906964440671e-17).toBeLessThan(1e-12);
  });
});

describe('npsVariance', () => {
  it('matches whuber\'s worked example on Cross Validated ("How can I calculate margin of error in a NPS result?")', () => {
    // Promoters 1/2, passives 1/3, detractors 1/6: NPS 1/3, variance per ticket 5/9,
    // so the standard error of NPS is 100·√(5/9)/√n.
    expect(npsVariance({ promoters: 3, passives: 2, detractors: 1 }) * 6).toBeCloseTo((5 / 9) * 100 ** 2, 8);
  });

  it('gives the ±160/√n rule of thumb of Engelhardt (CYBAEA, "NPS confidence intervals 2", 2016) at p = d = 1/3', () => {
    const n = 300;
    const half = 1.96 * Math.sqrt(npsVariance({ promoters: 100, passives: 100, detractors: 100 }));
    expect(half * Math.sqrt(n)).toBeCloseTo(160, 0);
  });
});

describe('compareNps', () => {
  it("z-tests the difference with each period's own variance (hand-computed)", () => {
    // now: 60/20/20 of 100 → NPS 40, var = (.8 − .16)/100 ·10⁴ = 64
    // before: 40/30/30 of 100 → NPS 10, var = (.7 − .01)/100 ·10⁴ = 69
    // z = 30 / √133 = 2.6013; p = 2·(1 − Φ(2.6013)) = 0.00929
    const result = compareNps(
      { promoters: 60, passives: 20, detractors: 20 },
      { promoters: 40, passives: 30, detractors: 30 },
    );
    expect(result?.test).toBe('nps-z');
    expect(result?.difference).toBeCloseTo(30, 10);
    expect(result?.se).toBeCloseTo(Math.sqrt(133), 10);
    expect(result?.z).toBeCloseTo(2.6013, 4);
    expect(result?.p).toBeCloseTo(0.00929, 4);
    expect(result?.significant).toBe(true);
  });

  it('is not significant for a small change on few answers, and null when a period is empty', () => {
    const result = compareNps(
      { promoters: 6, passives: 2, detractors: 2 },
      { promoters: 5, passives: 2, detractors: 3 },
    );
    expect(result?.significant).toBe(false);
    expect(
      compareNps({ promoters: 1, passives: 0, detractors: 0 }, { promoters: 0, passives: 0, detractors: 0 }),
    ).toBeNull();
  });
});

describe('compareProportions', () => {
  it('matches the published worked example 140/200 vs 255/340 (homeworksource.com/p/1008622)', () => {
    // pooled p̂ = 395/540 = 0.7314815, SE = 0.03949401, z = −1.266015. (Their p-value, 0.1030
    // one-tailed, reads z against t with 538 df; against the normal, two-sided, it is 0.2055.)
    const result = compareProportions(140, 200, 255, 340);
    expect(result?.test).toBe('two-proportion-z');
    expect(result?.z).toBeCloseTo(-1.266015, 5);
    expect(result?.se).toBeCloseTo(3.949401, 5);
    expect(result?.p).toBeCloseTo(0.2055, 4);
    expect(result?.significant).toBe(false);
    expect(result?.difference).toBeCloseTo(70 - 75, 10);
  });
});

describe('compareMeans', () => {
  it("computes Welch's statistic with unequal variances (hand-computed)", () => {
    // 5.5 ± sd 1 on 50 vs 5.0 ± sd 2 on 40: SE = √(1/50 + 4/40) = √0.12 = 0.34641, z = 1.4434
    const result = compareMeans({ n: 50, mean: 5.5, sd: 1 }, { n: 40, mean: 5, sd: 2 });
    expect(result?.test).toBe('welch-z');
    expect(result?.se).toBeCloseTo(0.34641, 5);
    expect(result?.z).toBeCloseTo(1.4434, 4);
    expect(result?.p).toBeCloseTo(0.1489, 3);
    expect(result?.significant).toBe(false);
  });

  it('never calls a change significant when neither period has spread: the test is undefined', () => {
    expect(compareMeans({ n: 50, mean: 7, sd: 0 }, { n: 50, mean: 6, sd: 0 })).toEqual({
      test: 'welch-z',
      difference: 1,
      se: 0,
      z: null,
      p: null,
      significant: false,
      reason: NO_VARIANCE,
    });
  });
});

describe('certainty from nothing', () => {
  it('one promoter now against one detractor before is not significant: no spread, no test', () => {
    // Each period's variance is (p + d − (p − d)²)/n = (1 − 1)/1 = 0, so se = 0 and z = 200/0.
    expect(
      compareNps({ promoters: 1, passives: 0, detractors: 0 }, { promoters: 0, passives: 0, detractors: 1 }),
    ).toEqual({ test: 'nps-z', difference: 200, se: 0, z: null, p: null, significant: false, reason: NO_VARIANCE });
  });

  it('one CES answer in each period is not significant: a single answer has no variance', () => {
    expect(compareCounts('ces', { 7: 1 }, { 1: 1 }, [1, 7], 'higher-better')).toEqual({
      test: 'welch-z',
      difference: 6,
      se: null,
      z: null,
      p: null,
      significant: false,
      reason: ONE_ANSWER,
    });
  });

  it('a low-sample period is never significant, however large z is, and says so', () => {
    // 20/0/5 now (NPS 60) against 5/0/20 before (NPS −60), 25 answers each: var = (1 − .36)/25·10⁴ = 256
    // each, se = √512 = 22.627, z = 120/22.627 = 5.3033, p = erfc(5.3033/√2) = 1.13727e-7.
    const result = compareNps(
      { promoters: 20, passives: 0, detractors: 5 },
      { promoters: 5, passives: 0, detractors: 20 },
    );
    expect(result?.z).toBeCloseTo(5.303300858899106, 12);
    expect(result?.p).toBeCloseTo(1.1372725656979743e-7, 18);
    expect(result?.significant).toBe(false);
    expect(result?.reason).toBe(LOW_SAMPLE);
  });
});
