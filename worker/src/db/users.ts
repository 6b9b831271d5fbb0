/** How many rows erasing a user removed, per table. */
export interface Erased {
  answers: number;
  events: number;
  displays: number;
  milestones: number;
}

/**
 * Erases everything one site holds about a person: rows with this user id or anonymous id, and
 * rows of every anonymous id ever seen together with this user id (what they did before
 * signing in), with their milestones and profiles. Answers and displays go through the delete
 * triggers, so the rollups lose exactly their counts;
 * the whole erasure is one transaction.
 */
export async function eraseUser(db: D1Database, siteId: string, id: string): Promise<Erased> {
  const linked = await db
    .prepare(
      `SELECT anonymous_id AS a FROM answers WHERE site_id = ?1 AND user_id = ?2 AND anonymous_id IS NOT NULL
       UNION SELECT anonymous_id FROM events WHERE site_id = ?1 AND user_id = ?2 AND anonymous_id IS NOT NULL
       UNION SELECT anonymous_id FROM displays WHERE site_id = ?1 AND user_id = ?2 AND anonymous_id IS NOT NULL`,
    )
    .bind(siteId, id)
    .all<{ a: string }>();
  const anonymousIds = [id, ...linked.results.map((r) => r.a)];
  const anonymous = JSON.stringify(anonymousIds);
  const keys = JSON.stringify([id, ...anonymousIds.map((a) => `anon:${a}`)]);
  const whose = 'site_id = ?1 AND (user_id = ?2 OR anonymous_id IN (SELECT value FROM json_each(?3)))';
  const results = await db.batch([
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
  const changes = (i: number) => results[i]?.results.length ?? 0;
  return { answers: changes(0), events: changes(1), displays: changes(2), milestones: changes(3) };
}
