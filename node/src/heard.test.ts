import { describe, expect, it } from 'vitest';
import { retryAfterMs } from './heard';

describe('retryAfterMs', () => {
  it('reads seconds and HTTP dates, and ignores what is not a wait', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(retryAfterMs('2', now)).toBe(2000);
    expect(retryAfterMs('Thu, 01 Jan 2026 00:00:05 GMT', now)).toBe(5000);
    expect(retryAfterMs('soon', now)).toBeUndefined();
    expect(retryAfterMs('-1', now)).toBeUndefined();
    expect(retryAfterMs(null, now)).toBeUndefined();
    expect(retryAfterMs('99999', now)).toBe(300_000);
  });
});
