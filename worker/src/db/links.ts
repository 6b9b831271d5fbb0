import type { Answer, Props } from '@heard/core';
import { newLinkKey } from '../links/token';
import { storeBatch } from './collect';

/** A site's link key as the signer uses it. */
export interface LinkKey {
  version: number;
  secret: string;
}

/** One link's row, with the key that signed it. */
export interface LinkRecord {
  id: string;
  siteId: string;
  keyVersion: number;
  survey: string;
  userId: string;
  props: string | null;
  locale: string | null;
  createdAt: number;
  expiresAt: number;
  secret: string;
  keyRevoked: boolean;
}

/** The key that signs a site's new links: its newest unrevoked one, made on first use. */
export async function currentLinkKey(db: D1Database, siteId: string, now = Date.now()): Promise<LinkKey> {
  const newest = () =>
    db
      .prepare(
        'SELECT version, secret FROM link_keys WHERE site_id = ? AND revoked_at IS NULL ORDER BY version DESC LIMIT 1',
      )
      .bind(siteId)
      .first<LinkKey>();
  const found = await newest();
  if (found) return found;
  // Two first links at once both try version 1 (or the next after revoked ones); one wins.
  await db
    .prepare(
      `INSERT INTO link_keys (site_id, version, secret, created_at)
       SELECT ?1, coalesce(max(version), 0) + 1, ?2, ?3 FROM link_keys WHERE site_id = ?1
       ON CONFLICT DO NOTHING`,
    )
    .bind(siteId, newLinkKey(), now)
    .run();
  return (await newest()) as LinkKey;
}

/**
 * Makes a new link key the one that signs. Links signed before keep working until they expire,
 * unless `revokePrevious` (a key that leaked): then every earlier key stops verifying at once.
 */
export async function rotateLinkKey(db: D1Database, siteId: string, revokePrevious: boolean, now = Date.now()) {
  const [, inserted] = await db.batch<{ version: number }>([
    db
      .prepare('UPDATE link_keys SET revoked_at = ?2 WHERE site_id = ?1 AND revoked_at IS NULL AND ?3')
      .bind(siteId, now, revokePrevious ? 1 : 0),
    db
      .prepare(
        `INSERT INTO link_keys (site_id, version, secret, created_at)
         SELECT ?1, coalesce(max(version), 0) + 1, ?2, ?3 FROM link_keys WHERE site_id = ?1 RETURNING version`,
      )
      .bind(siteId, newLinkKey(), now),
  ]);
  return { version: inserted?.results[0]?.version as number, createdAt: now, revokedPrevious: revokePrevious };
}

/** Stores a link's row. */
export async function insertLink(db: D1Database, link: Omit<LinkRecord, 'secret' | 'keyRevoked'>): Promise<void> {
  await db
    .prepare(
      `INSERT INTO links (id, site_id, key_version, survey, user_id, props, locale, created_at, expires_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .bind(
      link.id,
      link.siteId,
      link.keyVersion,
      link.survey,
      link.userId,
      link.props,
      link.locale,
      link.createdAt,
      link.expiresAt,
    )
    .run();
}

/** A link's row and its signing key, by id; null when there is none (or its key is gone). */
export async function linkById(db: D1Database, id: string): Promise<LinkRecord | null> {
  const row = await db
    .prepare(
      `SELECT l.id, l.site_id, l.key_version, l.survey, l.user_id, l.props, l.locale, l.created_at, l.expires_at,
              k.secret, k.revoked_at
       FROM links l JOIN link_keys k ON k.site_id = l.site_id AND k.version = l.key_version
       WHERE l.id = ?`,
    )
    .bind(id)
    .first<{
      id: string;
      site_id: string;
      key_version: number;
      survey: string;
      user_id: string;
      props: string | null;
      locale: string | null;
      created_at: number;
      expires_at: number;
      secret: string;
      revoked_at: number | null;
    }>();
  if (!row) return null;
  return {
    id: row.id,
    siteId: row.site_id,
    keyVersion: row.key_version,
    survey: row.survey,
    userId: row.user_id,
    props: row.props,
    locale: row.locale,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    secret: row.secret,
    keyRevoked: row.revoked_at !== null,
  };
}

/** The props a link stores with its answer. */
export const linkProps = (link: Pick<LinkRecord, 'props'>): Props | undefined =>
  link.props ? (JSON.parse(link.props) as Props) : undefined;

/** A link's answer as stored now, if any. */
export async function linkAnswer(db: D1Database, siteId: string, answerId: string) {
  return db
    .prepare('SELECT score, comment, channel FROM answers WHERE site_id = ? AND id = ?')
    .bind(siteId, answerId)
    .first<{ score: number; comment: string | null; channel: Answer['channel'] }>();
}

/**
 * Stores a link's one answer through collect's write (rollups, profiles and latest answers
 * follow its triggers). The latest choice wins: a different score or channel first deletes
 * the stored answer (its delete triggers take its counts back out) and the new one keeps its
 * comment unless it brings one; the same score again is collect's no-op, and a comment alone
 * fills in the stored answer's. A stored answer newer than this one stays (a write parked during
 * a move and replayed after the person answered again changes nothing). With `database`, the
 * write lands only while the site lives there and no move runs (collect's write guard), else it
 * comes back `moved`.
 */
export async function storeLinkAnswer(
  db: D1Database,
  siteId: string,
  answer: Answer,
  now = Date.now(),
  database?: string,
) {
  const replaced = await db
    .prepare(
      `DELETE FROM answers WHERE site_id = ?1 AND id = ?2 AND (score IS NOT ?3 OR channel IS NOT ?4) AND ts <= ?5
         AND (?6 IS NULL OR EXISTS (SELECT 1 FROM sites WHERE id = ?1 AND database = ?6 AND moving_to IS NULL))
       RETURNING comment`,
    )
    .bind(siteId, answer.id, answer.score, answer.channel ?? 'web', answer.ts, database ?? null)
    .first<{ comment: string | null }>();
  const comment = answer.comment ?? replaced?.comment ?? undefined;
  return storeBatch(
    db,
    siteId,
    { answers: [{ ...answer, ...(comment ? { comment } : {}) }], events: [], displays: [] },
    now,
    database ? { database } : {},
  );
}
