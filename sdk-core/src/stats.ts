import { Z95 } from './constants';

export { Z95 } from './constants';

/**
 * Wilson score interval for a proportion, as fractions in [0, 1]; honest at small n and
 * at 0% or 100%, where the normal approximation collapses to a point.
 * @example wilson(8, 10) // [0.4902, 0.9433]
 */
export function wilson(successes: number, n: number, z = Z95): [number, number] | null {
  if (n === 0) return null;
  const p = successes / n;
  const z2 = z * z;
  const centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const half = (z / (1 + z2 / n)) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  return [Math.max(0, centre - half), Math.min(1, centre + half)];
}

/** Mean and sample standard deviation (null below two answers) of a distribution given as counts per value. */
export function moments(counts: Readonly<Record<number, number>>): {
  n: number;
  mean: number | null;
  sd: number | null;
} {
  let n = 0;
  let sum = 0;
  for (const [value, count] of Object.entries(counts)) {
    n += count;
    sum += Number(value) * count;
  }
  if (n === 0) return { n, mean: null, sd: null };
  const mean = sum / n;
  let squares = 0;
  for (const [value, count] of Object.entries(counts)) squares += count * (Number(value) - mean) ** 2;
  // One answer has no sample spread: its standard deviation is undefined, not 0.
  return { n, mean, sd: n > 1 ? Math.sqrt(squares / (n - 1)) : null };
}
