import type { Direction, DurationEntity, Kind, TtvSubject } from '@heard/core';

/** The JSON path of a trait or prop name (names are limited to letters, digits and _ . : -). */
export const jsonPath = (key: string) => `$."${key}"`;

/** The SQL of each report, exported so a test can check its query plan uses indexes. */
export const TTV_SUBJECTS = `SELECT s.user_key, s.ts AS start, CASE WHEN v.ts < ?5 THEN v.ts END AS value,
                CASE WHEN ?6 IS NOT NULL THEN json_extract(p.traits, ?6) END AS segment,
                CASE WHEN s.user_key LIKE 'anon:%'
                  THEN (SELECT a.score FROM answers a INDEXED BY answers_site_anon
                        WHERE a.site_id = s.site_id AND a.user_id IS NULL
                          AND a.anonymous_id = substr(s.user_key, 6) AND a.kind = 'nps' AND a.ts < ?5
                        ORDER BY a.ts DESC LIMIT 1)
                  ELSE (SELECT a.score FROM answers a INDEXED BY answers_site_user
                        WHERE a.site_id = s.site_id AND a.user_id = s.user_key
                          AND a.kind = 'nps' AND a.ts < ?5 ORDER BY a.ts DESC LIMIT 1)
                END AS nps
         FROM milestones s
         LEFT JOIN milestones v ON v.site_id = s.site_id AND v.name = ?3 AND v.user_key = s.user_key
         LEFT JOIN user_profiles p ON p.site_id = s.site_id AND p.user_key = s.user_key
         WHERE s.site_id = ?1 AND s.name = ?2 AND s.ts >= ?4 AND s.ts < ?5`;

export const DURATION_ENTITIES = `WITH starts AS (
         SELECT entity, min(ts) AS ts, props, coalesce(user_id, 'anon:' || anonymous_id) AS user_key
         FROM events WHERE site_id = ?1 AND name = ?2 AND entity IS NOT NULL GROUP BY entity
       )
       SELECT s.entity, s.ts AS start, s.user_key,
              (SELECT min(e.ts) FROM events e WHERE e.site_id = ?1 AND e.name = ?3 AND e.entity IS NOT NULL
                 AND e.entity = s.entity AND e.ts >= s.ts AND e.ts < ?5) AS end_ts,
              CASE WHEN ?6 IS NOT NULL THEN coalesce(json_extract(s.props, ?6), json_extract(p.traits, ?6)) END AS segment,
              CASE WHEN ?7 IS NOT NULL THEN coalesce(json_extract(s.props, ?7), json_extract(p.traits, ?7)) END AS account
       FROM starts s LEFT JOIN user_profiles p ON p.site_id = ?1 AND p.user_key = s.user_key
       WHERE s.ts >= ?4 AND s.ts < ?5`;

export const CUSTOMERS = `SELECT p.user_key, p.first_ts, p.last_ts, m.ts AS churned, json_extract(p.traits, ?4) AS account
       FROM user_profiles p
       LEFT JOIN milestones m ON m.site_id = p.site_id AND m.name = ?3 AND m.user_key = p.user_key
       WHERE p.site_id = ?1 AND p.first_ts < ?2 AND p.user_key NOT LIKE 'anon:%'`;

export const REVENUE_EVENTS = `SELECT e.ts, e.value, json_extract(e.props, '$.kind') AS kind,
              coalesce(json_extract(e.props, ?5), json_extract(p.traits, ?5),
                       coalesce(e.user_id, 'anon:' || e.anonymous_id)) AS account
       FROM events e
       LEFT JOIN user_profiles p ON p.site_id = e.site_id AND p.user_key = coalesce(e.user_id, 'anon:' || e.anonymous_id)
       WHERE e.site_id = ?1 AND e.name = ?2 AND e.ts >= ?3 AND e.ts < ?4 AND e.value IS NOT NULL`;

export const LATEST_ANSWERS = `SELECT user_key, kind, score, scale_min, scale_max, direction, ts
       FROM latest_answers WHERE site_id = ?1`;

export const MILESTONE_USERS = `SELECT user_key, name FROM milestones WHERE site_id = ?1 AND name IN (SELECT value FROM json_each(?2))`;

export const PROFILES = `SELECT user_key, last_ts, json_extract(traits, ?2) AS account FROM user_profiles
       WHERE site_id = ?1 AND user_key NOT LIKE 'anon:%'`;

/**
 * Each user whose first `start` event falls in `[from, to)`, with their first `value` event
 * if it came before `to`, their `by` trait and their latest NPS answer. Reads first
 * occurrences (milestones) and user profiles by key: O(users who started), never O(events).
 */
export async function ttvSubjects(
  db: D1Database,
  q: { siteId: string; start: string; value: string; from: number; to: number; by?: string | undefined },
): Promise<TtvSubject[]> {
  // Each subject's latest NPS is looked up through the (site, user, ts) index: the report
  // costs O(subjects), not O(every NPS answer of the site).
  const { results } = await db
    .prepare(TTV_SUBJECTS)
    .bind(q.siteId, q.start, q.value, q.from, q.to, q.by ? jsonPath(q.by) : null)
    .all<{ start: number; value: number | null; segment: unknown; nps: number | null }>();
  return results.map((row) => ({
    start: row.start,
    value: row.value,
    segment: row.segment === null || row.segment === undefined ? null : String(row.segment),
    nps: row.nps,
  }));
}

/** An entity's first start and end, with who started it and its props. */
export interface EntityRow extends DurationEntity {
  userKey: string;
  /** The `account` prop of the start event, or the starter's account trait. */
  account: string | null;
}

/**
 * Each entity whose first `start` event falls in `[from, to)`, with its first `end` event at
 * or after that start and before `to`. The `by` segment is the start event's prop, else the
 * starter's trait. Reads the (site, name, entity, ts) index: O(start events of that name).
 */
export async function durationEntities(
  db: D1Database,
  q: {
    siteId: string;
    start: string;
    end: string;
    from: number;
    to: number;
    by?: string | undefined;
    accountTrait?: string | undefined;
  },
): Promise<EntityRow[]> {
  const { results } = await db
    .prepare(DURATION_ENTITIES)
    .bind(
      q.siteId,
      q.start,
      q.end,
      q.from,
      q.to,
      q.by ? jsonPath(q.by) : null,
      q.accountTrait ? jsonPath(q.accountTrait) : null,
    )
    .all<{
      entity: string;
      start: number;
      user_key: string;
      end_ts: number | null;
      segment: unknown;
      account: unknown;
    }>();
  return results.map((row) => ({
    entity: row.entity,
    start: row.start,
    end: row.end_ts,
    segment: row.segment === null || row.segment === undefined ? null : String(row.segment),
    userKey: row.user_key,
    account: row.account === null || row.account === undefined ? null : String(row.account),
  }));
}

/** An identified user's activity, churn milestone and account. */
export interface CustomerRow {
  userKey: string;
  first: number;
  last: number;
  churned: number | null;
  account: string;
}

/**
 * Identified users (with a user id) first active before `to`: first and last activity, their
 * first churn event and their account (the account trait, else the user). O(users).
 */
export async function customerRows(
  db: D1Database,
  q: { siteId: string; to: number; churnEvent: string; accountTrait: string },
): Promise<CustomerRow[]> {
  const { results } = await db
    .prepare(CUSTOMERS)
    .bind(q.siteId, q.to, q.churnEvent, jsonPath(q.accountTrait))
    .all<{ user_key: string; first_ts: number; last_ts: number; churned: number | null; account: unknown }>();
  return results.map((row) => ({
    userKey: row.user_key,
    first: row.first_ts,
    last: row.last_ts,
    churned: row.churned,
    account: row.account === null || row.account === undefined ? row.user_key : String(row.account),
  }));
}

/** A revenue event with its account: the event's `account` prop, else the user's account trait, else the user. */
export interface RevenueRow {
  account: string;
  ts: number;
  kind: string | null;
  value: number;
}

/** Revenue events in `[from, to)` with a value. O(revenue events in the window). */
export async function revenueRows(
  db: D1Database,
  q: { siteId: string; event: string; from: number; to: number; accountTrait: string },
): Promise<RevenueRow[]> {
  const { results } = await db
    .prepare(REVENUE_EVENTS)
    .bind(q.siteId, q.event, q.from, q.to, jsonPath(q.accountTrait))
    .all<{ ts: number; value: number; kind: unknown; account: unknown }>();
  return results.map((row) => ({
    ts: row.ts,
    value: row.value,
    kind: typeof row.kind === 'string' ? row.kind : null,
    account: String(row.account),
  }));
}

/** A user's latest answer of one kind. */
export interface LatestAnswerRow {
  userKey: string;
  kind: Kind;
  score: number;
  scaleMin: number;
  scaleMax: number;
  direction: Direction;
  ts: number;
}

/** Each user's latest NPS, CSAT and CES answer, kept by triggers (migration 0008): O(users). */
export async function latestAnswers(db: D1Database, siteId: string): Promise<LatestAnswerRow[]> {
  const { results } = await db.prepare(LATEST_ANSWERS).bind(siteId).all<{
    user_key: string;
    kind: LatestAnswerRow['kind'];
    score: number;
    scale_min: number;
    scale_max: number;
    direction: LatestAnswerRow['direction'];
    ts: number;
  }>();
  return results.map((row) => ({
    userKey: row.user_key,
    kind: row.kind,
    score: row.score,
    scaleMin: row.scale_min,
    scaleMax: row.scale_max,
    direction: row.direction,
    ts: row.ts,
  }));
}

/** Users who have a first occurrence of each of the given event names. O(users). */
export async function milestoneUsers(db: D1Database, siteId: string, names: readonly string[]) {
  const { results } = await db
    .prepare(MILESTONE_USERS)
    .bind(siteId, JSON.stringify(names))
    .all<{ user_key: string; name: string }>();
  return results;
}

/** Each user's last activity and account (the account trait, else the user key). */
export async function profileRows(db: D1Database, siteId: string, accountTrait: string) {
  const { results } = await db
    .prepare(PROFILES)
    .bind(siteId, jsonPath(accountTrait))
    .all<{ user_key: string; last_ts: number | null; account: unknown }>();
  return results.map((row) => ({
    userKey: row.user_key,
    lastActive: row.last_ts,
    account: row.account === null || row.account === undefined ? row.user_key : String(row.account),
  }));
}
