import { describe, expect, it } from 'vitest';
import { compact, count, duration, exact, interval, money, num, percent, pValue, scoreDigits, signed } from './format';

describe('how the dashboard writes numbers', () => {
  it('rounds scores and never shows a negative zero or NaN', () => {
    expect(num(27.4)).toBe('27');
    expect(num(-0.3)).toBe('0');
    expect(num(4.5149, 2)).toBe('4.51');
    expect(num(null)).toBe('–');
    expect(num(Number.NaN)).toBe('–');
  });

  it('writes counts with thousands separators and intervals as lo – hi', () => {
    expect(count(9_999)).toBe('9,999');
    expect(count(1_234_567)).toBe('1.23M');
    expect(interval([-34.03, 74.03])).toBe('-34 – 74');
    expect(interval([4.481, 4.562], 2)).toBe('4.48 – 4.56');
    expect(interval(null)).toBe('–');
  });

  it('writes fractions and percentages, and signed changes with a true minus sign', () => {
    expect(percent(0.601)).toBe('60.1%');
    expect(percent(0.777, 1)).toBe('77.7%');
    expect(signed(9.2, 0)).toBe('+9');
    expect(signed(-1.04)).toBe('−1.0');
    expect(signed(0.01)).toBe('0.0');
  });

  it('writes durations in the unit that keeps them readable', () => {
    expect(duration(25 * 60_000)).toBe('25 min');
    expect(duration(90 * 60_000)).toBe('1.5 h');
    expect(duration(47 * 3_600_000)).toBe('47.0 h');
    expect(duration(3 * 86_400_000)).toBe('3.0 d');
    expect(duration(null)).toBe('–');
  });

  it('shows NPS in whole points, CSAT to a tenth and CES to two decimals', () => {
    expect([scoreDigits('nps'), scoreDigits('csat'), scoreDigits('ces')]).toEqual([0, 1, 2]);
  });
});

describe('large figures', () => {
  it('are written short, so none is wider than a dozen characters', () => {
    expect(money(1234.567)).toBe('1,234.57');
    expect(money(12_345_678)).toBe('12.3M');
    expect(money(-987_654_321_000)).toBe('-988B');
    expect(money(5e14)).toBe('500T');
    expect(compact(Number.MAX_VALUE)).toBe('1.80e308');
    expect(money(Number.POSITIVE_INFINITY)).toBe('–');
    for (const value of [1e6, 9.99e8, 1e12, 999.99e12, -Number.MAX_VALUE, 1e300]) {
      expect(money(value).length, String(value)).toBeLessThanOrEqual(12);
    }
  });
});

describe('abbreviated figures', () => {
  it('start at 10,000, in three significant digits, with k, M, B and T', () => {
    expect(count(10_000)).toBe('10k');
    expect(count(12_449)).toBe('12.4k');
    expect(count(12_450)).toBe('12.5k');
    expect(count(124_400)).toBe('124k');
    expect(count(999_499)).toBe('999k');
    expect(count(999_500)).toBe('1M');
    expect(count(1_200_000)).toBe('1.2M');
    expect(money(-45_600)).toBe('-45.6k');
    expect(money(9_999.5)).toBe('9,999.5');
    expect(money(1e17)).toBe('100,000T');
  });

  it('keep the exact value for a title', () => {
    expect(exact(12_449)).toBe('12,449');
    expect(exact(1_234_567.891)).toBe('1,234,567.89');
    expect(exact(-0.5)).toBe('-0.5');
  });
});

describe('p-values', () => {
  it('read "p < 0.001" below a thousandth and three decimals from there', () => {
    expect(pValue(0)).toBe('p < 0.001');
    expect(pValue(1e-14)).toBe('p < 0.001');
    expect(pValue(0.000999)).toBe('p < 0.001');
    expect(pValue(0.001)).toBe('p = 0.001');
    expect(pValue(0.0494)).toBe('p = 0.049');
    expect(pValue(0.26419)).toBe('p = 0.264');
    expect(pValue(1)).toBe('p = 1.000');
  });
});
