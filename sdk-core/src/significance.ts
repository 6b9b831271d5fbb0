import { Z95 } from './stats';

/** The outcome of a two-sided test of "no change" at 95%. */
export interface Significance {
  /** Which test produced it, in words a reader can look up. */
  test: 'nps-z' | 'two-proportion-z' | 'welch-z';
  /** current − previous, in the metric's unit (NPS points, CSAT percentage points, CES scale points). */
  difference: number;
  /** Standard error of the difference. */
  se: number;
  z: number | null;
  /** Two-sided p-value. */
  p: number | null;
  significant: boolean;
}

/**
 * Standard normal cumulative distribution Φ(x), from the complementary error function
 * (W. J. Cody's rational Chebyshev fit as in Numerical Recipes `erfcc`, |error| < 1.2e-7).
 * @example normalCdf(1.959963984540054) // 0.975
 */
export function normalCdf(x: number): number {
  const z = Math.abs(x) / Math.SQRT2;
  const t = 1 / (1 + 0.5 * z);
  const erfc =
    t *
    Math.exp(
      -z * z -
        1.26551223 +
        t *
          (1.00002368 +
            t *
              (0.37409196 +
                t *
                  (0.09678418 +
                    t *
                      (-0.18628806 +
                        t *
                          (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  return x >= 0 ? 1 - erfc / 2 : erfc / 2;
}

/** Two-sided z-test of a difference against its standard error. */
export function zTest(test: Significance['test'], difference: number, se: number): Significance {
  if (!(se > 0)) {
    // No spread at all (e.g. everyone answered 10 twice): a difference is then certain, none is not.
    return { test, difference, se: 0, z: null, p: difference === 0 ? 1 : 0, significant: difference !== 0 };
  }
  const z = difference / se;
  const p = Math.min(1, 2 * (1 - normalCdf(Math.abs(z))));
  return { test, difference, se, z, p, significant: Math.abs(z) > Z95 };
}

/** Band counts of two NPS samples. */
interface Bands {
  promoters: number;
  passives: number;
  detractors: number;
}

/** Variance of an NPS estimate in points², (p + d − (p − d)²)/n · 100². */
export function npsVariance({ promoters, passives, detractors }: Bands): number {
  const n = promoters + passives + detractors;
  if (n === 0) return Number.NaN;
  const p = promoters / n;
  const d = detractors / n;
  return ((p + d - (p - d) ** 2) / n) * 100 ** 2;
}

/**
 * Whether NPS changed between two independent samples: a z-test on the difference with
 * each period's own variance, SE = √(Var₁ + Var₂).
 * @example compareNps({ promoters: 60, passives: 20, detractors: 20 }, { promoters: 40, passives: 30, detractors: 30 })
 */
export function compareNps(current: Bands, previous: Bands): Significance | null {
  const [n1, n2] = [current, previous].map((b) => b.promoters + b.passives + b.detractors) as [number, number];
  if (n1 === 0 || n2 === 0) return null;
  const score = (b: Bands, n: number) => ((b.promoters - b.detractors) / n) * 100;
  return zTest(
    'nps-z',
    score(current, n1) - score(previous, n2),
    Math.sqrt(npsVariance(current) + npsVariance(previous)),
  );
}

/**
 * Whether a proportion changed (CSAT % satisfied): the pooled two-proportion z-test,
 * z = (p₁ − p₂)/√(p̂(1 − p̂)(1/n₁ + 1/n₂)). The difference is in percentage points.
 * @example compareProportions(140, 200, 255, 340).z // −1.266
 */
export function compareProportions(x1: number, n1: number, x2: number, n2: number): Significance | null {
  if (n1 === 0 || n2 === 0) return null;
  const pooled = (x1 + x2) / (n1 + n2);
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2));
  return zTest('two-proportion-z', (x1 / n1 - x2 / n2) * 100, se * 100);
}

/** A sample summarised by its size, mean and sample standard deviation. */
export interface Moments {
  n: number;
  mean: number | null;
  sd: number | null;
}

/**
 * Whether a mean changed (CES): Welch's unequal-variance statistic
 * (m₁ − m₂)/√(s₁²/n₁ + s₂²/n₂), read against the normal distribution (a z rather than a t:
 * slightly liberal below ~30 answers per period, which `lowSample` flags).
 */
export function compareMeans(current: Moments, previous: Moments): Significance | null {
  if (current.n === 0 || previous.n === 0 || current.mean === null || previous.mean === null) return null;
  const v1 = (current.sd ?? 0) ** 2 / current.n;
  const v2 = (previous.sd ?? 0) ** 2 / previous.n;
  return zTest('welch-z', current.mean - previous.mean, Math.sqrt(v1 + v2));
}
