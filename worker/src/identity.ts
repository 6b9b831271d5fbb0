import { userHash } from '@heard/core';
import { randomKey } from './crypto';
import type { SiteRow } from './db/sites';
import type { Bindings } from './env';
import { fail } from './middleware/errors';

const encoder = new TextEncoder();
const decoder = new TextDecoder();

const base64 = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes));
const unbase64 = (text: string) => Uint8Array.from(atob(text), (c) => c.charCodeAt(0));

// One AES key per SECRETS_KEY value and isolate: HKDF is cheap, but not free per request.
const sealingKeys = new Map<string, Promise<CryptoKey>>();

/**
 * The AES-256-GCM key that seals identity secrets: HKDF-SHA256 of the Worker secret
 * `SECRETS_KEY`, so the database alone (a backup, a leaked export) never yields them.
 */
function sealingKey(env: Bindings): Promise<CryptoKey> {
  const secret = env.SECRETS_KEY;
  if (!secret) fail(503, 'identity verification needs the SECRETS_KEY Worker secret; ask the operator to set it');
  let key = sealingKeys.get(secret);
  if (!key) {
    key = crypto.subtle
      .importKey('raw', encoder.encode(secret), 'HKDF', false, ['deriveKey'])
      .then((material) =>
        crypto.subtle.deriveKey(
          { name: 'HKDF', hash: 'SHA-256', salt: new Uint8Array(32), info: encoder.encode('heard identity secret v1') },
          material,
          { name: 'AES-GCM', length: 256 },
          false,
          ['encrypt', 'decrypt'],
        ),
      );
    sealingKeys.set(secret, key);
  }
  return key;
}

/** Seals an identity secret for one site: `v1.<iv>.<ciphertext>`, the site id bound as associated data. */
async function seal(env: Bindings, siteId: string, secret: string): Promise<string> {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const sealed = await crypto.subtle.encrypt(
    { name: 'AES-GCM', iv, additionalData: encoder.encode(siteId) },
    await sealingKey(env),
    encoder.encode(secret),
  );
  return `v1.${base64(iv)}.${base64(new Uint8Array(sealed))}`;
}

// Opened secrets per sealed value: collect verifies hashes on every request of a site that requires it.
const opened = new Map<string, Promise<string | null>>();

/** The site's identity secret in clear, or null when it has none (or it does not open under this SECRETS_KEY). */
export function openIdentitySecret(env: Bindings, site: SiteRow): Promise<string | null> {
  const sealed = site.identitySecret;
  if (!sealed || !env.SECRETS_KEY) return Promise.resolve(null);
  const cacheKey = `${site.id}\u0000${sealed}`;
  let secret = opened.get(cacheKey);
  if (!secret) {
    const [version, iv, data] = sealed.split('.');
    secret =
      version !== 'v1' || !iv || !data
        ? Promise.resolve(null)
        : sealingKey(env)
            .then((key) =>
              crypto.subtle.decrypt(
                { name: 'AES-GCM', iv: unbase64(iv), additionalData: encoder.encode(site.id) },
                key,
                unbase64(data),
              ),
            )
            .then((clear) => decoder.decode(clear))
            .catch(() => null);
    if (opened.size > 1000) opened.clear();
    opened.set(cacheKey, secret);
  }
  return secret;
}

/**
 * Issues (or rotates) a site's identity secret: the new one replaces the old at once, so
 * hashes made with the old one stop verifying. Returned once; stored sealed.
 */
export async function issueIdentitySecret(env: Bindings, siteId: string, now = Date.now()) {
  const secret = randomKey('ids');
  const sealed = await seal(env, siteId, secret);
  await env.DB.prepare('UPDATE sites SET identity_secret = ? WHERE id = ?').bind(sealed, siteId).run();
  return { identitySecret: secret, createdAt: now };
}

/**
 * Checks the `userHash` each item brings for its `userId`, once per distinct pair, and
 * returns whether a pair is verified. Hashes are compared in constant time.
 */
export async function verifiedUsers(
  secret: string | null,
  items: readonly unknown[],
): Promise<(userId: string, hash: string | undefined) => boolean> {
  const pairs = new Map<string, Set<string>>();
  for (const item of items) {
    const { userId, userHash: hash } = (item ?? {}) as { userId?: unknown; userHash?: unknown };
    if (typeof userId !== 'string' || typeof hash !== 'string') continue;
    const hashes = pairs.get(userId) ?? new Set<string>();
    hashes.add(hash);
    pairs.set(userId, hashes);
  }
  const good = new Set<string>();
  if (secret !== null) {
    await Promise.all(
      [...pairs].map(async ([userId, hashes]) => {
        const expected = encoder.encode(await userHash(secret, userId));
        for (const hash of hashes) {
          const given = encoder.encode(hash);
          if (given.byteLength === expected.byteLength && crypto.subtle.timingSafeEqual(given, expected)) {
            good.add(`${userId}\u0000${hash}`);
          }
        }
      }),
    );
  }
  return (userId, hash) => hash !== undefined && good.has(`${userId}\u0000${hash}`);
}
