/**
 * The `p`-quantile (0 ≤ p ≤ 1) of values already sorted ascending, by linear interpolation
 * between closest ranks (Hyndman & Fan type 7, the default of R and NumPy). Null when empty.
 * @example quantileSorted([1, 2, 3, 4], 0.5) // 2.5
 */
export function quantileSorted(sorted: ArrayLike<number>, p: number): number | null {
  if (sorted.length === 0) return null;
  const h = (sorted.length - 1) * Math.min(1, Math.max(0, p));
  const lo = Math.floor(h);
  const below = sorted[lo] as number;
  const above = sorted[Math.min(lo + 1, sorted.length - 1)] as number;
  return below + (h - lo) * (above - below);
}

/** Count, mean and the p50/p75/p90 of a list of numbers (in any order). */
export interface ValueSummary {
  n: number;
  mean: number | null;
  p50: number | null;
  p75: number | null;
  p90: number | null;
}

/**
 * Summarises durations or amounts: count, mean, p50, p75, p90.
 * @example summarizeValues([4, 1, 3, 2]) // { n: 4, mean: 2.5, p50: 2.5, p75: 3.25, p90: 3.7 }
 */
export function summarizeValues(values: readonly number[]): ValueSummary {
  const sorted = new Float64Array(values).sort();
  let sum = 0;
  for (const v of sorted) sum += v;
  return {
    n: sorted.length,
    mean: sorted.length ? sum / sorted.length : null,
    p50: quantileSorted(sorted, 0.5),
    p75: quantileSorted(sorted, 0.75),
    p90: quantileSorted(sorted, 0.9),
  };
}
