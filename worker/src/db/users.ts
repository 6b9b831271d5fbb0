import { eraseResponses } from './responses';

/** How many rows erasing a user removed, per table. */
export interface Erased {
  answers: number;
  events: number;
  displays: number;
  milestones: number;
}

/** What an erasure did: rows removed, the anonymous ids it erased along, and the links it did not follow. */
export interface Erasure {
  erased: Erased;
  /** Anonymous ids the caller (the site, with its secret key) said are this person's: erased too. */
  anonymousIds: string[];
  /**
   * Anonymous ids that items sent with the public key put beside this user id. Any visitor can
   * send such an item, so they are not taken as the same person: nothing under them was erased.
   */
  unverifiedLinks: string[];
}

/**
 * Erases everything one site holds about a person: rows with this user id or anonymous id, and
 * rows of the anonymous ids the site itself says are this person's (`anonymousIds`, sent with
 * the secret key), with their milestones and profiles. Links that only visitor-sent items make
 * (an event carrying this user id and some anonymous id) are never followed: a visitor could
 * otherwise widen one person's erasure to another's answers. They are reported instead. Answers
 * and displays go through the delete triggers, so the rollups lose exactly their counts; the
 * whole erasure is one transaction.
 */
export async function eraseUser(
  db: D1Database,
  siteId: string,
  id: string,
  siteLinked: readonly string[] = [],
): Promise<Erasure> {
  const linked = await db
    .prepare(
      `SELECT anonymous_id AS a FROM answers WHERE site_id = ?1 AND user_id = ?2 AND anonymous_id IS NOT NULL
       UNION SELECT anonymous_id FROM events WHERE site_id = ?1 AND user_id = ?2 AND anonymous_id IS NOT NULL
       UNION SELECT anonymous_id FROM displays WHERE site_id = ?1 AND user_id = ?2 AND anonymous_id IS NOT NULL`,
    )
    .bind(siteId, id)
    .all<{ a: string }>();
  const followed = [...new Set(siteLinked.filter((a) => a !== id))];
  const unverifiedLinks = linked.results
    .map((r) => r.a)
    .filter((a) => a !== id && !followed.includes(a))
    .sort();
  const anonymousIds = [id, ...followed];
  const anonymous = JSON.stringify(anonymousIds);
  const keys = JSON.stringify([id, ...anonymousIds.map((a) => `anon:${a}`)]);
  const whose = 'site_id = ?1 AND (user_id = ?2 OR anonymous_id IN (SELECT value FROM json_each(?3)))';
  const results = await db.batch([
    // The resolution rollup (0081) keeps each entity's first start and end, and no trigger
    // takes an erased event out of it: when they started or ended one of its entities, it is
    // unregistered, and the next report that needs it rebuilds it from the events that remain.
    db
      .prepare(
        `DELETE FROM duration_pairs WHERE site_id = ?1 AND EXISTS (SELECT 1 FROM events WHERE ${whose}
           AND entity IS NOT NULL AND name IN (duration_pairs.start_name, duration_pairs.end_name))`,
      )
      .bind(siteId, id, anonymous),
    // Their responses' triage state and notes, while their answers still say which those are.
    ...eraseResponses(db, whose, siteId, id, anonymous),
    db.prepare(`DELETE FROM answers WHERE ${whose} RETURNING 1`).bind(siteId, id, anonymous),
    db.prepare(`DELETE FROM events WHERE ${whose} RETURNING 1`).bind(siteId, id, anonymous),
    db.prepare(`DELETE FROM displays WHERE ${whose} RETURNING 1`).bind(siteId, id, anonymous),
    db
      .prepare(
        'DELETE FROM milestones WHERE site_id = ?1 AND user_key IN (SELECT value FROM json_each(?2)) RETURNING 1',
      )
      .bind(siteId, keys),
    // The profile (first and last activity, traits) of each of those keys.
    db
      .prepare('DELETE FROM user_profiles WHERE site_id = ?1 AND user_key IN (SELECT value FROM json_each(?2))')
      .bind(siteId, keys),
    // A user id may itself look like `anon:…`, so another person's events can share one of
    // these milestone keys: rebuild those keys from the events that remain.
    db
      .prepare(
        `INSERT INTO milestones (site_id, user_key, name, ts)
         SELECT site_id, coalesce(user_id, 'anon:' || anonymous_id), name, MIN(ts) FROM events
         WHERE site_id = ?1 AND coalesce(user_id, 'anon:' || anonymous_id) IN (SELECT value FROM json_each(?2))
         GROUP BY 1, 2, 3`,
      )
      .bind(siteId, keys),
    // Their survey links: a link names its user, and its page would answer for them again.
    db.prepare('DELETE FROM links WHERE site_id = ?1 AND user_id = ?2').bind(siteId, id),
  ]);
  // Rows returned, not meta.changes: D1 counts the rows the rollup trigger touched too.
  const changes = (i: number) => results[i + 3]?.results.length ?? 0;
  return {
    erased: { answers: changes(0), events: changes(1), displays: changes(2), milestones: changes(3) },
    anonymousIds: followed,
    unverifiedLinks,
  };
}
