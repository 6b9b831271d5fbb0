import { describe, expect, it } from 'vitest';
import { durationsReport } from './durations';

describe('durationsReport', () => {
  it('reports resolution times of closed entities and the open backlog', () => {
    const report = durationsReport(
      [
        { entity: 't1', start: 0, end: 10, segment: 'high' },
        { entity: 't2', start: 0, end: 30, segment: 'low' },
        { entity: 't3', start: 10, end: 30, segment: 'high' },
        { entity: 't4', start: 40, end: null, segment: 'high' },
        { entity: 't5', start: 80, end: null, segment: 'low' },
      ],
      { until: 100, bySegment: true },
    );
    // Durations 10, 30, 20 → mean 20, p50 20, p90 28; open t4 (age 60) and t5 (age 20) → p50 40.
    expect(report).toMatchObject({ n: 3, mean: 20, p50: 20, open: 2, openAgeP50: 40 });
    expect(report.p90).toBeCloseTo(28, 10);
    expect(report.segments?.map((s) => [s.value, s.n, s.mean, s.open])).toEqual([
      ['high', 2, 15, 1],
      ['low', 1, 30, 1],
    ]);
  });
});
