import { env } from 'cloudflare:test';
import { type SiteCreated, userHash } from '@heard/core';
import { describe, expect, it } from 'vitest';
import { call, collect, counts, newSite, npsAnswer } from '../../test/helpers';

const issue = (site: SiteCreated) =>
  call('/v1/identity/secret', { method: 'POST', headers: { Authorization: `Bearer ${site.secretKey}` } });

const requireIdentity = (site: SiteCreated, required = true) =>
  call('/v1/settings', {
    method: 'PATCH',
    headers: { Authorization: `Bearer ${site.secretKey}` },
    body: JSON.stringify({ identity: { required } }),
  });

const activated = (userId: string | undefined, extra: Record<string, unknown> = {}) => ({
  id: crypto.randomUUID(),
  name: 'activated',
  ...(userId ? { userId } : { anonymousId: 'anon-1' }),
  ts: Date.now() - 1000,
  ...extra,
});

describe('POST /v1/identity/secret and identity verification', () => {
  it('issues an ids_ secret once, stored sealed: the database never holds it in clear', async () => {
    const site = await newSite();
    const response = await issue(site);
    expect(response.status).toBe(201);
    const { identitySecret } = (await response.json()) as { identitySecret: string };
    expect(identitySecret).toMatch(/^ids_[A-Za-z0-9_-]{32}$/);
    const row = await env.DB.prepare('SELECT * FROM sites WHERE id = ?').bind(site.id).first();
    expect(JSON.stringify(row)).not.toContain(identitySecret.slice(4));
    expect(row?.identity_secret).toMatch(/^v1\./);
    const settings = await call('/v1/settings', { headers: { Authorization: `Bearer ${site.secretKey}` } });
    expect(await settings.text()).not.toContain(identitySecret);
    expect((await call('/v1/identity/secret', { method: 'POST' })).status).toBe(401);
    expect(
      (await call('/v1/identity/secret', { method: 'POST', headers: { Authorization: `Bearer ${site.publicKey}` } }))
        .status,
    ).toBe(401);
  });

  it('lets everything through while verification is off (the default)', async () => {
    const site = await newSite();
    await issue(site);
    const response = await collect({ site: site.publicKey, events: [activated('u1')] });
    expect(await response.json()).toEqual({ accepted: 1, duplicates: 0, rejected: [] });
  });

  it('when required, refuses by index every item with a userId but without its userHash; anonymous items flow', async () => {
    const site = await newSite();
    const { identitySecret } = (await (await issue(site)).json()) as { identitySecret: string };
    expect((await requireIdentity(site)).status).toBe(200);
    const goodHash = await userHash(identitySecret, 'u1');
    const good = activated('u1', { userHash: goodHash });
    const response = await collect({
      site: site.publicKey,
      answers: [npsAnswer(9, { userId: 'u2' }), npsAnswer(7)],
      events: [
        good,
        activated('u2'),
        activated('u3', { userHash: await userHash(identitySecret, 'u1') }),
        activated(undefined),
        activated('u4', { userHash: 'NOT-HEX' }),
      ],
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as {
      accepted: number;
      rejected: { type: string; index: number; issues: { message: string }[] }[];
    };
    expect(body.accepted).toBe(3);
    expect(body.rejected.map((r) => [r.type, r.index, r.issues[0]?.message])).toEqual([
      [
        'answer',
        0,
        'this site requires identity verification: send userHash = hex HMAC-SHA256(identity secret, userId)',
      ],
      [
        'event',
        1,
        'this site requires identity verification: send userHash = hex HMAC-SHA256(identity secret, userId)',
      ],
      ['event', 2, 'userHash does not match the userId'],
      ['event', 4, 'lowercase hex HMAC-SHA256 of the userId (64 characters)'],
    ]);
    // The hash proves the user; it is not stored.
    const row = await env.DB.prepare('SELECT * FROM events WHERE id = ?').bind(good.id).first();
    expect(JSON.stringify(row)).not.toContain(goodHash);
  });

  it('rotating the secret stops the old hashes at once and verifies the new ones', async () => {
    const site = await newSite();
    const first = ((await (await issue(site)).json()) as { identitySecret: string }).identitySecret;
    await requireIdentity(site);
    const oldHash = await userHash(first, 'u1');
    expect(
      await (await collect({ site: site.publicKey, events: [activated('u1', { userHash: oldHash })] })).json(),
    ).toMatchObject({ accepted: 1 });
    const second = ((await (await issue(site)).json()) as { identitySecret: string }).identitySecret;
    expect(second).not.toBe(first);
    const stale = await collect({ site: site.publicKey, events: [activated('u1', { userHash: oldHash })] });
    expect(stale.status).toBe(400);
    const fresh = await collect({
      site: site.publicKey,
      events: [activated('u1', { userHash: await userHash(second, 'u1') })],
    });
    expect(await fresh.json()).toMatchObject({ accepted: 1 });
  });

  it('says so when verification is required before any secret was issued', async () => {
    const site = await newSite();
    await requireIdentity(site);
    const response = await collect({ site: site.publicKey, events: [activated('u1', { userHash: 'a'.repeat(64) })] });
    expect(response.status).toBe(400);
    expect(JSON.stringify(await response.json())).toContain('has no identity secret yet');
  });

  it("never opens one site's sealed secret for another: a copied value verifies nothing", async () => {
    const a = await newSite('A');
    const b = await newSite('B');
    const secretA = ((await (await issue(a)).json()) as { identitySecret: string }).identitySecret;
    await env.DB.prepare(
      'UPDATE sites SET identity_secret = (SELECT identity_secret FROM sites WHERE id = ?) WHERE id = ?',
    )
      .bind(a.id, b.id)
      .run();
    await requireIdentity(b);
    const response = await collect({
      site: b.publicKey,
      events: [activated('u1', { userHash: await userHash(secretA, 'u1') })],
    });
    expect(response.status).toBe(400);
    expect(await counts(b.id)).toMatchObject({ events: 0 });
  });

  it('leaves the secret-key door alone: /v1/batch needs no userHash', async () => {
    const site = await newSite();
    await issue(site);
    await requireIdentity(site);
    const response = await call('/v1/batch', {
      method: 'POST',
      headers: { Authorization: `Bearer ${site.secretKey}` },
      body: JSON.stringify({ events: [activated('u1')] }),
    });
    expect(await response.json()).toEqual({ accepted: 1, duplicates: 0, rejected: [] });
  });
});
