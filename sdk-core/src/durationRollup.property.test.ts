import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DAY_MS } from './constants';
import { durationRollupOf, durationsFromRollup } from './durationRollup';
import { type DurationEntity, durationsReport } from './durations';

const UNTIL = Date.UTC(2026, 5, 15, 13, 27, 11, 123);
const HALF_HOUR = 1_800_000;

const entities = fc.array(
  fc.record({
    age: fc.integer({ min: 0, max: 200 * DAY_MS }),
    took: fc.double({ min: 0, max: 22, noNaN: true }).map((x) => Math.floor(Math.exp(x)) - 1),
    ended: fc.boolean(),
  }),
  { maxLength: 400 },
);

const toEntities = (rows: { age: number; took: number; ended: boolean }[]): DurationEntity[] =>
  rows.map((r, i) => {
    const start = UNTIL - r.age;
    return { entity: `t${i}`, start, end: r.ended ? Math.min(start + r.took, UNTIL - 1) : null };
  });

describe('resolution time from the rollup equals the exact report within its resolution', () => {
  it('counts exact, mean and p50/p75/p90 within 1 %, the backlog median age within 30 minutes', () => {
    fc.assert(
      fc.property(entities, (rows) => {
        const list = toEntities(rows);
        const exact = durationsReport(list, { until: UNTIL });
        const rolled = durationsFromRollup(durationRollupOf(list), UNTIL);
        expect(rolled.n).toBe(exact.n);
        expect(rolled.open).toBe(exact.open);
        for (const key of ['mean', 'p50', 'p75', 'p90'] as const) {
          const e = exact[key];
          if (e === null) expect(rolled[key]).toBeNull();
          else expect(Math.abs((rolled[key] as number) - e)).toBeLessThanOrEqual(0.01 * e + 1e-9);
        }
        if (exact.openAgeP50 === null) expect(rolled.openAgeP50).toBeNull();
        else expect(Math.abs((rolled.openAgeP50 as number) - exact.openAgeP50)).toBeLessThanOrEqual(HALF_HOUR);
      }),
      { numRuns: 300 },
    );
  });
});
