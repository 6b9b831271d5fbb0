import { env } from 'cloudflare:test';

const rows = async (sql: string, siteId: string) =>
  (await env.DB.prepare(sql).bind(siteId).all<Record<string, unknown>>()).results;

/**
 * Everything a site has stored, in a fixed order and without the site id or arrival times,
 * so two sites fed the same items compare equal: raw rows, both rollups, milestones and
 * user profiles.
 */
export async function storedState(siteId: string) {
  return {
    answers: await rows(
      `SELECT id, survey, kind, score, scale_min, scale_max, direction, comment, user_id, anonymous_id,
              traits, props, url, locale, ts, day FROM answers WHERE site_id = ? ORDER BY id`,
      siteId,
    ),
    events: await rows(
      `SELECT id, name, user_id, anonymous_id, entity, value, props, ts FROM events WHERE site_id = ? ORDER BY id`,
      siteId,
    ),
    displays: await rows(
      `SELECT id, survey, kind, action, user_id, anonymous_id, ts, day FROM displays WHERE site_id = ? ORDER BY id`,
      siteId,
    ),
    answerRollup: await rows(
      `SELECT kind, day, survey, scale_min, scale_max, direction, score, n FROM answer_rollup WHERE site_id = ?
       ORDER BY kind, day, survey, scale_min, scale_max, direction, score`,
      siteId,
    ),
    displayRollup: await rows(
      'SELECT kind, day, survey, action, n FROM display_rollup WHERE site_id = ? ORDER BY kind, day, survey, action',
      siteId,
    ),
    milestones: await rows(
      'SELECT user_key, name, ts FROM milestones WHERE site_id = ? ORDER BY user_key, name',
      siteId,
    ),
    profiles: await rows(
      'SELECT user_key, first_ts, last_ts, traits, traits_ts FROM user_profiles WHERE site_id = ? ORDER BY user_key',
      siteId,
    ),
  };
}

/**
 * The rollups and per-user aggregates recomputed from a site's raw rows: what the triggers
 * must have kept, whatever order and grouping the rows arrived in.
 */
export async function recomputed(siteId: string) {
  return {
    answerRollup: await rows(
      `SELECT kind, day, survey, scale_min, scale_max, direction, score, COUNT(*) AS n FROM answers WHERE site_id = ?
       GROUP BY kind, day, survey, scale_min, scale_max, direction, score
       ORDER BY kind, day, survey, scale_min, scale_max, direction, score`,
      siteId,
    ),
    displayRollup: await rows(
      `SELECT kind, day, survey, action, COUNT(*) AS n FROM displays WHERE site_id = ?
       GROUP BY kind, day, survey, action ORDER BY kind, day, survey, action`,
      siteId,
    ),
    milestones: await rows(
      `SELECT coalesce(user_id, 'anon:' || anonymous_id) AS user_key, name, MIN(ts) AS ts FROM events WHERE site_id = ?
       GROUP BY 1, 2 ORDER BY 1, 2`,
      siteId,
    ),
    activity: await rows(
      `SELECT coalesce(user_id, 'anon:' || anonymous_id) AS user_key, MIN(ts) AS first_ts, MAX(ts) AS last_ts
       FROM events WHERE site_id = ? GROUP BY 1 ORDER BY 1`,
      siteId,
    ),
  };
}

/** What the triggers kept, in the shape of {@link recomputed}. */
export async function kept(siteId: string) {
  const state = await storedState(siteId);
  return {
    answerRollup: state.answerRollup,
    displayRollup: state.displayRollup,
    milestones: state.milestones,
    activity: state.profiles
      .filter((p) => p.first_ts !== null)
      .map(({ user_key, first_ts, last_ts }) => ({ user_key, first_ts, last_ts })),
  };
}
