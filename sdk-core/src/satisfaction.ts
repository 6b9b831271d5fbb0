import type { Direction } from './constants';
import { moments, wilson } from './stats';

/** A CSAT or CES report on one scale. */
export interface ScaleResult {
  n: number;
  /** CSAT: % satisfied. CES: the mean on its own scale. */
  score: number | null;
  ci95: [number, number] | null;
  mean: number | null;
  /** Share in the good band, a fraction 0–1: satisfied for CSAT, easy for CES. */
  share: number | null;
  breakdown: Record<string, number>;
}

/** The top two points of a scale: 4–5 on 1–5, 6–7 on 1–7, 2–3 on 1–3. */
const topTwo = (scale: readonly [number, number]) => (score: number) => score >= scale[1] - 1;

/**
 * CSAT: % of answers in the top two points, with a 95% Wilson interval, and the mean.
 * @example csat({ 5: 6, 4: 2, 2: 2 }, [1, 5]).score // 80
 */
export function csat(counts: Readonly<Record<number, number>>, scale: readonly [number, number]): ScaleResult {
  const satisfied = sumWhere(counts, topTwo(scale));
  const { n, mean } = moments(counts);
  const interval = wilson(satisfied, n);
  return {
    n,
    score: n ? (satisfied / n) * 100 : null,
    ci95: interval ? [interval[0] * 100, interval[1] * 100] : null,
    mean,
    share: n ? satisfied / n : null,
    breakdown: { satisfied, unsatisfied: n - satisfied },
  };
}

/**
 * CES: the mean on its own scale with a 95% t-free normal interval, and % easy
 * (5–7 on the 1–7 agreement scale; 1–2 on the 1–5 effort scale, where lower is easier).
 * @example ces({ 7: 2, 6: 1, 2: 1 }, [1, 7], 'higher-better').mean // 5.5
 */
export function ces(
  counts: Readonly<Record<number, number>>,
  scale: readonly [number, number],
  direction: Direction,
): ScaleResult {
  const easy = sumWhere(counts, direction === 'higher-better' ? (s) => s >= 5 : (s) => s <= 2);
  const { n, mean, sd } = moments(counts);
  const half = n > 1 && sd !== null ? (1.96 * sd) / Math.sqrt(n) : 0;
  return {
    n,
    score: mean,
    ci95: mean === null ? null : [Math.max(scale[0], mean - half), Math.min(scale[1], mean + half)],
    mean,
    share: n ? easy / n : null,
    breakdown: { easy, notEasy: n - easy },
  };
}

function sumWhere(counts: Readonly<Record<number, number>>, keep: (score: number) => boolean): number {
  let total = 0;
  for (const [score, count] of Object.entries(counts)) if (keep(Number(score))) total += count;
  return total;
}
