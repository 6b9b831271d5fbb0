import { randomKey, sha256 } from '../crypto';

/** A secret key as its site sees it: never the key itself, only an id made from its hash. */
export interface SecretKeyInfo {
  id: string;
  createdAt: number;
  revokedAt: number | null;
}

/** How a key is named in the API: the first 16 hex digits of its SHA-256 (not enough to find the key). */
export const keyId = (hash: string) => hash.slice(0, 16);

/** The secret keys of one site, newest first. */
export async function listSecretKeys(db: D1Database, siteId: string): Promise<SecretKeyInfo[]> {
  const { results } = await db
    .prepare('SELECT hash, created_at, revoked_at FROM secret_keys WHERE site_id = ? ORDER BY created_at DESC, hash')
    .bind(siteId)
    .all<{ hash: string; created_at: number; revoked_at: number | null }>();
  return results.map((r) => ({ id: keyId(r.hash), createdAt: r.created_at, revokedAt: r.revoked_at }));
}

/** Issues a new secret key for a site; the old ones stay valid until revoked. */
export async function issueSecretKey(db: D1Database, siteId: string, now = Date.now()) {
  const secretKey = randomKey('sk');
  const hash = await sha256(secretKey);
  await db
    .prepare('INSERT INTO secret_keys (hash, site_id, created_at) VALUES (?, ?, ?)')
    .bind(hash, siteId, now)
    .run();
  return { id: keyId(hash), secretKey, createdAt: now };
}

/**
 * Revokes one active key of a site, by id, unless it is the site's last active key (a site
 * locked out of its own data helps nobody). Scoped by site: another site's id matches nothing.
 */
export async function revokeSecretKey(
  db: D1Database,
  siteId: string,
  id: string,
  now = Date.now(),
): Promise<'revoked' | 'missing' | 'last'> {
  const [target, active] = await db.batch<{ hash: string; n: number }>([
    db
      .prepare('SELECT hash FROM secret_keys WHERE site_id = ? AND substr(hash, 1, 16) = ? AND revoked_at IS NULL')
      .bind(siteId, id),
    db.prepare('SELECT COUNT(*) AS n FROM secret_keys WHERE site_id = ? AND revoked_at IS NULL').bind(siteId),
  ]);
  const hash = target?.results[0]?.hash;
  if (!hash) return 'missing';
  if ((active?.results[0]?.n ?? 0) <= 1) return 'last';
  // The count is checked again in the UPDATE, so two concurrent revokes cannot both pass.
  const result = await db
    .prepare(
      `UPDATE secret_keys SET revoked_at = ?1 WHERE site_id = ?2 AND hash = ?3 AND revoked_at IS NULL
         AND (SELECT COUNT(*) FROM secret_keys WHERE site_id = ?2 AND revoked_at IS NULL) > 1`,
    )
    .bind(now, siteId, hash)
    .run();
  return result.meta.changes === 1 ? 'revoked' : 'last';
}
