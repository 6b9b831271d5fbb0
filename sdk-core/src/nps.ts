import { Z95 } from './constants';

/** Counts of answers per NPS band. */
export interface NpsBreakdown {
  promoters: number;
  passives: number;
  detractors: number;
}

/** An NPS report: the score (−100…100) and its 95% interval, or nulls when nobody answered. */
export interface NpsResult {
  n: number;
  score: number | null;
  marginOfError: number | null;
  ci95: [number, number] | null;
  breakdown: NpsBreakdown;
}

/** Which band a 0–10 answer falls in. */
export function npsBand(score: number): keyof NpsBreakdown {
  if (score >= 9) return 'promoters';
  if (score >= 7) return 'passives';
  return 'detractors';
}

/**
 * NPS from a distribution of 0–10 answers, with the 95% margin of error
 * Z95·√((p + d − (p − d)²)/n)·100 (Z95 = 1.95996…; p, d: promoter and detractor fractions),
 * clipped to −100…100.
 * @example nps({ 10: 3, 8: 1, 2: 1 }).score // 40
 */
export function nps(distribution: Readonly<Record<number, number>>): NpsResult {
  const breakdown: NpsBreakdown = { promoters: 0, passives: 0, detractors: 0 };
  for (const [score, count] of Object.entries(distribution)) breakdown[npsBand(Number(score))] += count;
  const n = breakdown.promoters + breakdown.passives + breakdown.detractors;
  if (n === 0) return { n, score: null, marginOfError: null, ci95: null, breakdown };
  const p = breakdown.promoters / n;
  const d = breakdown.detractors / n;
  const score = (p - d) * 100;
  const marginOfError = Z95 * Math.sqrt(Math.max(0, p + d - (p - d) ** 2) / n) * 100;
  const ci95: [number, number] = [Math.max(-100, score - marginOfError), Math.min(100, score + marginOfError)];
  return { n, score, marginOfError, ci95, breakdown };
}
