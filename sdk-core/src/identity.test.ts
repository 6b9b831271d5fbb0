import { describe, expect, it } from 'vitest';
import { userHash } from './identity';

describe('userHash', () => {
  it('is the lowercase hex HMAC-SHA256 of the user id under the secret (RFC 4231 test case 2)', async () => {
    expect(await userHash('Jefe', 'what do ya want for nothing?')).toBe(
      '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843',
    );
  });

  it('differs per user and per secret', async () => {
    const a = await userHash('ids_one', 'user-42');
    expect(a).toMatch(/^[0-9a-f]{64}$/);
    expect(await userHash('ids_one', 'user-43')).not.toBe(a);
    expect(await userHash('ids_two', 'user-42')).not.toBe(a);
  });
});
