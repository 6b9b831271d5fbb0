import { ZError, ZKeyList, ZKeyRevoked, ZSecretKeyIssued } from '@heard/core';
import { describe, expect, it } from 'vitest';
import { bodyOf, call, newSite, read } from '../../test/helpers';

const send = (method: string, path: string, secretKey: string) =>
  call(path, { method, headers: { Authorization: `Bearer ${secretKey}` } });

describe('secret-key rotation', () => {
  it('issues a new secret while the old one keeps working, then revokes the old one', async () => {
    const site = await newSite();
    const issued = await send('POST', '/v1/keys', site.secretKey);
    expect(issued.status).toBe(201);
    const { secretKey: next, id } = await bodyOf(ZSecretKeyIssued, issued);
    expect(next).toMatch(/^sk_[\w-]{32}$/);
    expect(next).not.toBe(site.secretKey);

    // No downtime: both keys read the site while the deploy switches over.
    expect((await read('/v1/scores?metric=nps', site.secretKey)).status).toBe(200);
    expect((await read('/v1/scores?metric=nps', next)).status).toBe(200);

    const listed = await bodyOf(ZKeyList, await read('/v1/keys', next));
    expect(listed.keys).toHaveLength(2);
    expect(listed.keys.find((k) => k.current)?.id).toBe(id);
    expect(JSON.stringify(listed)).not.toContain(site.secretKey.slice(3));

    const revoked = await send('DELETE', '/v1/keys/current', site.secretKey);
    expect(revoked.status).toBe(200);
    expect(await bodyOf(ZKeyRevoked, revoked)).toEqual({
      id: listed.keys.find((k) => !k.current)?.id,
      revoked: true,
    });
    expect((await read('/v1/scores?metric=nps', site.secretKey)).status).toBe(401);
    expect((await read('/v1/scores?metric=nps', next)).status).toBe(200);
  });

  it('revokes another key by id, and refuses to revoke the last active key (409)', async () => {
    const site = await newSite();
    const { secretKey: next } = await bodyOf(ZSecretKeyIssued, await send('POST', '/v1/keys', site.secretKey));
    const listed = await bodyOf(ZKeyList, await read('/v1/keys', next));
    const old = listed.keys.find((k) => !k.current);
    const revoked = await send('DELETE', `/v1/keys/${old?.id}`, next);
    expect(revoked.status).toBe(200);
    expect(await bodyOf(ZKeyRevoked, revoked)).toEqual({ id: old?.id, revoked: true });
    expect((await send('DELETE', `/v1/keys/${old?.id}`, next)).status).toBe(404);
    const last = await send('DELETE', '/v1/keys/current', next);
    expect(last.status).toBe(409);
    expect(await bodyOf(ZError, last)).toMatchObject({ error: { code: 'conflict' } });
    expect((await read('/v1/keys', next)).status).toBe(200);
  });

  it('takes only a secret key: public keys, admin tokens and no key get 401', async () => {
    const site = await newSite();
    for (const key of [site.publicKey, 'test-admin-token', '']) {
      expect((await send('POST', '/v1/keys', key)).status, key).toBe(401);
    }
  });

  it('answers a malformed key id with 404', async () => {
    const site = await newSite();
    const response = await send('DELETE', '/v1/keys/not-an-id', site.secretKey);
    expect(response.status).toBe(404);
    expect(await bodyOf(ZError, response)).toMatchObject({ error: { code: 'not_found' } });
  });
});
