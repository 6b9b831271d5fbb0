import { describe, expect, it } from 'vitest';
import { compareMeans, compareNps, compareProportions, normalCdf, npsVariance } from './significance';

describe('normalCdf', () => {
  it('matches the standard normal table (Abramowitz & Stegun, Handbook, table 26.1)', () => {
    expect(normalCdf(0)).toBeCloseTo(0.5, 7);
    expect(normalCdf(1)).toBeCloseTo(0.8413447, 6);
    expect(normalCdf(1.96)).toBeCloseTo(0.9750021, 6);
    expect(normalCdf(-2.5)).toBeCloseTo(0.0062097, 6);
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

  it('calls any difference certain when neither period has spread', () => {
    expect(compareMeans({ n: 5, mean: 7, sd: 0 }, { n: 5, mean: 6, sd: 0 })).toMatchObject({ significant: true, p: 0 });
    expect(compareMeans({ n: 5, mean: 7, sd: 0 }, { n: 5, mean: 7, sd: 0 })).toMatchObject({
      significant: false,
      p: 1,
    });
  });
});
