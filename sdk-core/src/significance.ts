import { LOW_SAMPLE_N, Z95 } from './constants';

/** The outcome of a two-sided test of "no change" at 95%. */
export interface Significance {
  /** Which test produced it, in words a reader can look up. */
  test: 'nps-z' | 'two-proportion-z' | 'welch-z';
  /** current − previous, in the metric's unit (NPS points, CSAT percentage points, CES scale points). */
  difference: number;
  /** Standard error of the difference; null when a period's variance is undefined (one answer). */
  se: number | null;
  /** null when the test is undefined (no spread, or a variance unknown). */
  z: number | null;
  /** Two-sided p-value, erfc(|z|/√2); null with z. */
  p: number | null;
  /** |z| > Z95, and neither period has fewer than LOW_SAMPLE_N answers. */
  significant: boolean;
  /** Why the change cannot be called significant whatever its size: no spread, or too few answers. */
  reason?: string;
}

/**
 * The complementary error function erfc(x) = 1 − erf(x), to about 1.5e-14 relative error:
 * below 1 the series erf(x) = 2/√π·e^(−x²)·Σ 2ⁿx^(2n+1)/(1·3···(2n+1)) (all terms positive),
 * from 1 on the continued fraction e^(−x²)/√π · 1/(x + ½/(x + 1/(x + 3⁄2/(x + …)))) by Lentz's
 * method, so tail probabilities keep their digits instead of rounding to 0 (erfc(6) ≈ 2.15e-17).
 * @example erfc(1) // 0.157299207050285
 */
export function erfc(x: number): number {
  if (Number.isNaN(x)) return Number.NaN;
  if (x < 0) return 2 - erfc(-x);
  if (x < 1) {
    let term = x;
    let sum = x;
    for (let n = 1; term > sum * 1e-17; n++) {
      term *= (2 * x * x) / (2 * n + 1);
      sum += term;
    }
    return 1 - (2 / Math.sqrt(Math.PI)) * Math.exp(-x * x) * sum;
  }
  // e^(−x²) underflows a double past here.
  if (x > 27) return 0;
  let f = x;
  let c = x;
  let d = 0;
  for (let k = 1; k < 5000; k++) {
    d = 1 / (x + (k / 2) * d);
    c = x + k / 2 / c;
    const delta = c * d;
    f *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return Math.exp(-x * x) / Math.sqrt(Math.PI) / f;
}

/**
 * Standard normal cumulative distribution Φ(x) = erfc(−x/√2)/2.
 * @example normalCdf(1.959963984540054) // 0.975
 */
export function normalCdf(x: number): number {
  return erfc(-x / Math.SQRT2) / 2;
}

/** Why a change is not called significant whatever its size: no spread at all. */
export const NO_VARIANCE = 'no spread: every answer in both periods is the same, so the test is undefined';
/** … too few answers in a period. */
export const LOW_SAMPLE = `a period has fewer than ${LOW_SAMPLE_N} answers`;
/** … a period whose variance is undefined. */
export const ONE_ANSWER = 'a period has a single answer, whose variance is undefined';

/**
 * Two-sided z-test of a difference against its standard error, p = erfc(|z|/√2). Never
 * significant without spread (se 0: a test of nothing), nor when `fewest` (the smaller
 * period's number of answers) is below LOW_SAMPLE_N; `reason` says which.
 */
export function zTest(test: Significance['test'], difference: number, se: number, fewest: number): Significance {
  if (!(se > 0)) return { test, difference, se: 0, z: null, p: null, significant: false, reason: NO_VARIANCE };
  const z = difference / se;
  const p = Math.min(1, erfc(Math.abs(z) / Math.SQRT2));
  if (fewest < LOW_SAMPLE_N) return { test, difference, se, z, p, significant: false, reason: LOW_SAMPLE };
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
    Math.min(n1, n2),
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
  return zTest('two-proportion-z', (x1 / n1 - x2 / n2) * 100, se * 100, Math.min(n1, n2));
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
  const difference = current.mean - previous.mean;
  if (current.sd === null || previous.sd === null) {
    return { test: 'welch-z', difference, se: null, z: null, p: null, significant: false, reason: ONE_ANSWER };
  }
  const v1 = current.sd ** 2 / current.n;
  const v2 = previous.sd ** 2 / previous.n;
  return zTest('welch-z', difference, Math.sqrt(v1 + v2), Math.min(current.n, previous.n));
}
