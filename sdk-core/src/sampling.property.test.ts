import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sampled } from './sampling';

describe('sampling', () => {
  it('gives a user the same answer every time', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), fc.double({ min: 0, max: 1, noNaN: true }), (survey, user, rate) => {
        const first = sampled(survey, user, rate);
        for (let i = 0; i < 5; i++) expect(sampled(survey, user, rate)).toBe(first);
      }),
    );
  });

  it('keeps users in when the rate grows', () => {
    fc.assert(
      fc.property(
        fc.string(),
        fc.string(),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (survey, user, a, b) => {
          const [lo, hi] = a < b ? [a, b] : [b, a];
          if (sampled(survey, user, lo)) expect(sampled(survey, user, hi)).toBe(true);
        },
      ),
    );
  });

  it('samples close to its rate across users (within 4 standard errors)', () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 1, maxLength: 20 }),
        fc.double({ min: 0.01, max: 0.99, noNaN: true }),
        fc.constantFrom('uuid', 'user_', 'u'),
        (survey, rate, style) => {
          const n = 4000;
          let hits = 0;
          for (let i = 0; i < n; i++) {
            const user = style === 'uuid' ? `0000${i.toString(16)}-8d0b-4a57-bb0e-2f6f0f5f9a11` : `${style}${i}`;
            if (sampled(survey, user, rate)) hits++;
          }
          const se = Math.sqrt((rate * (1 - rate)) / n);
          expect(Math.abs(hits / n - rate)).toBeLessThan(4 * se + 0.002);
        },
      ),
      { numRuns: 40 },
    );
  });
});
