import { ZError, ZLiveness, ZSecretKeyRevoked } from '@heard/core';
import { describe, expect, it } from 'vitest';
import { matches } from './helpers';

// The route tests lean on matches(): it must fail on every way a body can differ from its schema.
describe('matches', () => {
  it('returns a body its schema describes exactly', () => {
    expect(matches(ZLiveness, { ok: true })).toEqual({ ok: true });
    expect(matches(ZError, { error: { code: 'bad_request', message: 'no' } })).toEqual({
      error: { code: 'bad_request', message: 'no' },
    });
  });

  it('fails on a wrong type, a missing field, and a field the schema does not describe', () => {
    expect(() => matches(ZLiveness, { ok: 'yes' })).toThrow(/does not match its schema/);
    expect(() => matches(ZSecretKeyRevoked, { id: '0123456789abcdef' })).toThrow(/does not match its schema/);
    expect(() => matches(ZLiveness, { ok: true, version: 2 })).toThrow(/fields the schema does not describe/);
    expect(() => matches(ZError, { error: { code: 'x', message: 'y', hint: 'z' } })).toThrow(
      /fields the schema does not describe/,
    );
  });
});
