import type { SiteCreate } from '@heard/core';
import { randomKey, sha256 } from '../crypto';

/** A site as routes see it. */
export interface SiteRow {
  id: string;
  name: string;
  publicKey: string;
  origins: string[];
  /** `sites.settings`, parsed (e.g. `retentionDays`). */
  settings: Record<string, unknown>;
  /** The identity secret, sealed (identity.ts opens it), or null before the site issues one. */
  identitySecret: string | null;
  /** The D1 binding that holds the site's data (`DB` until the site is moved). */
  database: string;
  /** The binding a move is copying the site to, or null when no move runs. */
  movingTo: string | null;
}

interface SiteRecord {
  id: string;
  name: string;
  public_key: string;
  origins: string;
  settings: string;
  identity_secret: string | null;
  database: string;
  moving_to: string | null;
}

const parseSettings = (text: string): Record<string, unknown> => {
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
};

const toSite = (row: SiteRecord): SiteRow => ({
  id: row.id,
  name: row.name,
  publicKey: row.public_key,
  origins: JSON.parse(row.origins) as string[],
  settings: parseSettings(row.settings),
  identitySecret: row.identity_secret ?? null,
  database: row.database ?? 'DB',
  movingTo: row.moving_to ?? null,
});

/** Creates a site with a public key and one secret key; the secret is returned once, stored hashed. */
export async function createSite(db: D1Database, input: SiteCreate, now = Date.now()) {
  const site = { id: randomKey('site'), name: input.name, publicKey: randomKey('pk'), origins: input.origins };
  const secretKey = randomKey('sk');
  await db.batch([
    db
      .prepare('INSERT INTO sites (id, name, public_key, origins, created_at) VALUES (?, ?, ?, ?, ?)')
      .bind(site.id, site.name, site.publicKey, JSON.stringify(site.origins), now),
    db
      .prepare('INSERT INTO secret_keys (hash, site_id, created_at) VALUES (?, ?, ?)')
      .bind(await sha256(secretKey), site.id, now),
  ]);
  return { ...site, secretKey };
}

/** The site whose `column` (a unique one) holds `value`, if any. */
const siteWhere = async (db: D1Database, column: 'id' | 'public_key', value: string) => {
  const row = await db
    .prepare(
      `SELECT id, name, public_key, origins, settings, identity_secret, database, moving_to FROM sites WHERE ${column} = ?`,
    )
    .bind(value)
    .first<SiteRecord>();
  return row ? toSite(row) : null;
};

/** The site a public key belongs to, if any. */
export const siteByPublicKey = (db: D1Database, publicKey: string): Promise<SiteRow | null> =>
  siteWhere(db, 'public_key', publicKey);

/** A site by its id (the queue consumer's messages carry only the id). */
export const siteById = (db: D1Database, id: string): Promise<SiteRow | null> => siteWhere(db, 'id', id);

/** The site an unrevoked secret key belongs to, if any. */
export async function siteBySecretKey(db: D1Database, secretKey: string): Promise<SiteRow | null> {
  const row = await db
    .prepare(
      `SELECT s.id, s.name, s.public_key, s.origins, s.settings, s.identity_secret, s.database, s.moving_to FROM secret_keys k JOIN sites s ON s.id = k.site_id
       WHERE k.hash = ? AND k.revoked_at IS NULL`,
    )
    .bind(await sha256(secretKey))
    .first<SiteRecord>();
  return row ? toSite(row) : null;
}

/** An origin as scheme, host and port, or null when the text is not exactly an origin (no path, query, user). */
function parseOrigin(text: string): { scheme: string; host: string; port: string } | null {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
  // An origin is scheme://host[:port] and nothing else; URL would quietly drop or keep the rest.
  if (url.origin.toLowerCase() !== text.toLowerCase().replace(/\/$/, '')) return null;
  return { scheme: url.protocol, host: url.hostname, port: url.port };
}

/**
 * Whether a browser origin may use a site's public key: exact entries and `*.example.com`
 * wildcards (sub-domains only), compared on the parsed scheme, host and port, never on raw
 * strings (so `https://evil.com/.example.com` matches nothing).
 */
export function originAllowed(site: SiteRow, origin: string): boolean {
  const given = parseOrigin(origin);
  if (!given) return false;
  return site.origins.some((allowed) => {
    const wildcard = allowed.includes('://*.');
    const entry = parseOrigin(wildcard ? allowed.replace('://*.', '://') : allowed);
    if (!entry || entry.scheme !== given.scheme || entry.port !== given.port) return false;
    return wildcard ? given.host.endsWith(`.${entry.host}`) : given.host === entry.host;
  });
}
