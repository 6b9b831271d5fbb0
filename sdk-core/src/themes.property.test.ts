import { describe, expect, it } from 'vitest';
import type { Direction, Kind, Scale } from './constants';
import { findThemes, type ThemeAnswer } from './themes';

const TOPICS = Array.from({ length: 40 }, (_, i) => `topic${String.fromCharCode(97 + (i % 26))}${Math.floor(i / 26)}x`);
const SEEDS = 100;

/** mulberry32: a small seeded PRNG, uniform (fast-check's own draws lean to edge cases on purpose). */
function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Random data with no theme in it: scores drawn independently of the 1–3 random topics each comment names. */
function noise(seed: number, scale: Scale, answers = 400): ThemeAnswer[] {
  const random = prng(seed);
  const pick = (n: number) => Math.floor(random() * n);
  return Array.from({ length: answers }, (_, i) => {
    const topics = new Set<string>();
    const wanted = 1 + pick(3);
    while (topics.size < wanted) topics.add(TOPICS[pick(TOPICS.length)] as string);
    return { id: `s${seed}-${i}`, score: scale[0] + pick(scale[1] - scale[0] + 1), comment: [...topics].join(', ') };
  });
}

const cases: [Kind, Scale, Direction][] = [
  ['nps', [0, 10], 'higher-better'],
  ['csat', [1, 5], 'higher-better'],
  ['ces', [1, 7], 'higher-better'],
];

describe('themes on random data (the Benjamini–Hochberg correction at work)', () => {
  it.each(cases)(
    '%s: 40 random themes yield no significant theme in at least 90 of 100 seeds',
    (metric, scale, direction) => {
      let seedsWithAFinding = 0;
      let uncorrected = 0;
      for (let seed = 1; seed <= SEEDS; seed++) {
        const result = findThemes(noise(seed, scale), { metric, scale, direction, maxAuto: 40 });
        expect(result.tested).toBe(40);
        if (result.themes.some((t) => t.significant)) seedsWithAFinding += 1;
        if (result.themes.some((t) => t.p !== null && t.p < 0.05)) uncorrected += 1;
      }
      console.log(
        `${metric}: ${seedsWithAFinding}/${SEEDS} seeds with a significant theme after BH; ${uncorrected}/${SEEDS} with an uncorrected p < 0.05`,
      );
      expect(seedsWithAFinding).toBeLessThanOrEqual(10);
      // Without the correction, 40 tests at 5% almost always find something (1 − 0.95⁴⁰ ≈ 87%).
      expect(uncorrected).toBeGreaterThan(60);
    },
  );
});
