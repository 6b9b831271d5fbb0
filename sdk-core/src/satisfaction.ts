import { band, type Direction, type Scale, Z95 } from './constants';
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

/**
 * CSAT: % of answers in the top two points read in the scale's direction (4–5 on 1–5 higher-better,
 * 1–2 on 1–5 lower-better, 2–3 on 1–3), with a 95% Wilson interval, and the mean.
 * @example csat({ 5: 6, 4: 2, 2: 2 }, [1, 5], 'higher-better').score // 80
 */
export function csat(counts: Readonly<Record<number, number>>, scale: Scale, direction: Direction): ScaleResult {
  const satisfied = sumWhere(counts, (s) => band('csat', s, scale, direction) === 'high');
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
 * CES: the mean on its own scale with a 95% normal interval mean ± Z95·sd/√n, clipped to the
 * scale (as NPS's is to ±100) and null below two answers, where the spread is undefined; and
 * % easy, the best ⌊points/2⌋ points read in the scale's direction (5–7 on the 1–7 agreement
 * scale; 1–2 on the 1–5 effort scale, where lower is easier; 4–5 on a 1–5 higher-better one).
 * @example ces({ 7: 2, 6: 1, 2: 1 }, [1, 7], 'higher-better').mean // 5.5
 */
export function ces(counts: Readonly<Record<number, number>>, scale: Scale, direction: Direction): ScaleResult {
  const easy = sumWhere(counts, (s) => band('ces', s, scale, direction) === 'high');
  const { n, mean, sd } = moments(counts);
  const half = sd === null ? null : (Z95 * sd) / Math.sqrt(n);
  return {
    n,
    score: mean,
    ci95: mean === null || half === null ? null : [Math.max(scale[0], mean - half), Math.min(scale[1], mean + half)],
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
