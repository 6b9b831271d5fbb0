import { describe, expect, it } from 'vitest';
import { interval, num, percent, scoreDigits, when } from '../format';
import { at, digitsOf, fixed, range, rate } from './figures';

describe('the Surveys list writes figures as the overview does', () => {
  it('scores, intervals, rates, decimals and times', () => {
    for (const digits of [0, 1, 2])
      for (const value of [0, -0.001, 42.345, -12.5, 100, Number.NaN])
        expect(fixed(value, digits)).toBe(num(value, digits));
    expect(fixed(null)).toBe(num(null));
    for (const ci of [null, [-12.4, 33.333] as [number, number], [0, 0] as [number, number]])
      for (const digits of [0, 2]) expect(range(ci, digits)).toBe(interval(ci, digits));
    for (const value of [0, 0.5, 0.12345, 1]) expect(rate(value)).toBe(percent(value));
    for (const kind of ['nps', 'csat', 'ces']) expect(digitsOf(kind)).toBe(scoreDigits(kind));
    for (const ms of [0, 1_780_000_000_000]) expect(at(ms)).toBe(when(ms));
  });
});
