import { describe, expect, it } from 'vitest';
import { compareCounts, LOW_SAMPLE_N, OTHER_VALUE, summarize, topSegments } from './report';

describe('summarize', () => {
  it('scores each metric on its own scale (hand-computed)', () => {
    const n = summarize('nps', { 10: 5, 8: 2, 3: 3 }, [0, 10], 'higher-better');
    expect(n).toMatchObject({
      n: 10,
      score: 20,
      lowSample: true,
      breakdown: { promoters: 5, passives: 2, detractors: 3 },
    });
    expect(n.mean).toBeCloseTo((50 + 16 + 9) / 10, 10);
    const c = summarize('csat', { 5: 6, 4: 2, 2: 2 }, [1, 5], 'higher-better');
    expect(c).toMatchObject({ n: 10, score: 80, breakdown: { satisfied: 8, unsatisfied: 2 } });
    const e = summarize('ces', { 1: 3, 2: 1, 5: 1 }, [1, 5], 'lower-better');
    expect(e.score).toBeCloseTo(2, 10);
    expect(e.breakdown).toEqual({ easy: 4, notEasy: 1 });
  });

  it('flags fewer than LOW_SAMPLE_N answers', () => {
    expect(summarize('nps', { 10: LOW_SAMPLE_N - 1 }, [0, 10], 'higher-better').lowSample).toBe(true);
    expect(summarize('nps', { 10: LOW_SAMPLE_N }, [0, 10], 'higher-better').lowSample).toBe(false);
  });
});

describe('compareCounts', () => {
  it('picks the test by metric', () => {
    expect(
      compareCounts('nps', { 10: 60, 7: 20, 0: 20 }, { 10: 40, 7: 30, 0: 30 }, [0, 10], 'higher-better'),
    ).toMatchObject({
      test: 'nps-z',
      difference: 30,
      significant: true,
    });
    expect(compareCounts('csat', { 5: 140, 1: 60 }, { 5: 255, 1: 85 }, [1, 5], 'higher-better')?.z).toBeCloseTo(
      -1.266,
      3,
    );
    expect(compareCounts('ces', { 7: 10 }, { 6: 10 }, [1, 7], 'higher-better')?.test).toBe('welch-z');
    expect(compareCounts('ces', {}, { 6: 10 }, [1, 7], 'higher-better')).toBeNull();
  });
});

describe('topSegments', () => {
  it('keeps the K largest values and folds the rest into (other)', () => {
    const segments = topSegments(
      'nps',
      [
        { value: 'pro', counts: { 10: 4 } },
        { value: 'free', counts: { 0: 3, 10: 2 } },
        { value: 'team', counts: { 8: 2 } },
        { value: 'edu', counts: { 9: 1 } },
        { value: 'pro', counts: { 9: 1 } },
      ],
      [0, 10],
      'higher-better',
      2,
    );
    expect(segments.map((s) => [s.value, s.n])).toEqual([
      ['free', 5],
      ['pro', 5],
      [OTHER_VALUE, 3],
    ]);
    expect(segments.map((s) => s.score)).toEqual([expect.closeTo(-20, 9), 100, expect.closeTo(100 / 3, 9)]);
  });
});
