import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SCALES } from './limits';
import { type Counts, summarize, topSegments } from './report';

const countsOn = ([min, max]: readonly [number, number]) =>
  fc.dictionary(fc.integer({ min, max }).map(String), fc.integer({ min: 0, max: 5000 })).map((d) => {
    const counts: Counts = {};
    for (const [k, v] of Object.entries(d)) counts[Number(k)] = v;
    return counts;
  });

const metricAndScale = fc.constantFrom(
  ...(['nps', 'csat', 'ces'] as const).flatMap((metric) =>
    SCALES[metric].map((scale) => ({
      metric,
      scale,
      direction: (metric === 'ces' && scale[1] === 5 ? 'lower-better' : 'higher-better') as
        | 'higher-better'
        | 'lower-better',
    })),
  ),
);

describe('report properties', () => {
  it('NPS stays within −100…100, and so does its interval', () => {
    fc.assert(
      fc.property(countsOn([0, 10]), (counts) => {
        const r = summarize('nps', counts, [0, 10], 'higher-better');
        if (r.n === 0) {
          expect(r.score).toBeNull();
          return;
        }
        expect(r.score).toBeGreaterThanOrEqual(-100);
        expect(r.score).toBeLessThanOrEqual(100);
        expect(r.ci95?.[0]).toBeGreaterThanOrEqual(-100);
        expect(r.ci95?.[1]).toBeLessThanOrEqual(100);
      }),
    );
  });

  it('the 95% interval contains the score, for every metric and scale', () => {
    fc.assert(
      fc.property(
        metricAndScale.chain((m) => fc.tuple(fc.constant(m), countsOn(m.scale))),
        ([{ metric, scale, direction }, counts]) => {
          const r = summarize(metric, counts, scale, direction);
          if (r.n === 0) {
            expect(r.ci95).toBeNull();
            return;
          }
          const [lo, hi] = r.ci95 as [number, number];
          expect(lo).toBeLessThanOrEqual((r.score as number) + 1e-9);
          expect(hi).toBeGreaterThanOrEqual((r.score as number) - 1e-9);
        },
      ),
    );
  });

  it('segments add up to the total, whatever K', () => {
    fc.assert(
      fc.property(
        metricAndScale.chain((m) =>
          fc.tuple(
            fc.constant(m),
            fc.array(
              fc.record({ value: fc.constantFrom('a', 'b', 'c', 'd', 'e', '(none)'), counts: countsOn(m.scale) }),
              {
                maxLength: 12,
              },
            ),
            fc.integer({ min: 1, max: 8 }),
          ),
        ),
        ([{ metric, scale, direction }, groups, k]) => {
          const all: Counts = {};
          for (const g of groups)
            for (const [s, c] of Object.entries(g.counts)) all[Number(s)] = (all[Number(s)] ?? 0) + c;
          const segments = topSegments(metric, groups, scale, direction, k);
          const whole = summarize(metric, all, scale, direction);
          expect(segments.reduce((sum, s) => sum + s.n, 0)).toBe(whole.n);
          expect(segments.length).toBeLessThanOrEqual(k + 1);
          for (const key of Object.keys(whole.breakdown)) {
            expect(segments.reduce((sum, s) => sum + (s.breakdown[key] ?? 0), 0)).toBe(whole.breakdown[key]);
          }
        },
      ),
    );
  });
});
