import type { Direction, Kind } from '@heard/core';
import { jsonPath } from './json';

/** The SQL of the report, exported so a test can check its query plan uses indexes. */
export const LATEST_ANSWERS = `SELECT user_key, kind, score, scale_min, scale_max, direction, ts
       FROM latest_answers WHERE site_id = ?1`;
export const MILESTONE_USERS = `SELECT user_key, name FROM milestones WHERE site_id = ?1 AND name IN (SELECT value FROM json_each(?2))`;
export const PROFILES = `SELECT user_key, last_ts, json_extract(traits, ?2) AS account FROM user_profiles
       WHERE site_id = ?1 AND user_key NOT LIKE 'anon:%'`;

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
