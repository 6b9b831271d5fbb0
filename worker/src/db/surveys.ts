import type { AnsweredSurvey, Appearance, Survey, SurveyCreate, SurveyTexts, Targeting } from '@heard/core';
import { type ContactRecord, DAY_MS, SIGNED_UP_EVENT } from '@heard/core';

/** The longest cool-down a survey may set: older prompts never matter. */
const MAX_DAYS = 3650;

import { randomKey } from '../crypto';

interface SurveyRecord {
  id: string;
  name: string;
  kind: Survey['kind'];
  scale_min: number;
  scale_max: number;
  texts: string;
  appearance: string;
  targeting: string;
  start_at: number | null;
  end_at: number | null;
  status: Survey['status'];
  priority: number;
  created_at: number;
  updated_at: number;
  max_answers: number | null;
}

const COLUMNS = `id, name, kind, scale_min, scale_max, texts, appearance, targeting, start_at, end_at,
  status, priority, created_at, updated_at, max_answers`;

const toSurvey = (row: SurveyRecord): Survey => ({
  id: row.id,
  name: row.name,
  kind: row.kind,
  scale: [row.scale_min, row.scale_max],
  texts: JSON.parse(row.texts) as Record<string, SurveyTexts>,
  appearance: JSON.parse(row.appearance) as Appearance,
  targeting: JSON.parse(row.targeting) as Targeting,
  schedule: {
    ...(row.start_at !== null ? { start: row.start_at } : {}),
    ...(row.end_at !== null ? { end: row.end_at } : {}),
  },
  status: row.status,
  priority: row.priority,
  maxAnswers: row.max_answers,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

/** A survey with every field decided, as it is stored. */
export type SurveyFields = Omit<Survey, 'id' | 'createdAt' | 'updatedAt'>;

const values = (s: SurveyFields) => [
  s.name,
  s.kind,
  s.scale[0],
  s.scale[1],
  JSON.stringify(s.texts),
  JSON.stringify(s.appearance),
  JSON.stringify(s.targeting),
  s.schedule.start ?? null,
  s.schedule.end ?? null,
  s.status,
  s.priority,
  s.maxAnswers,
];

/** The answers of a survey on its own kind, as the scores count them (the daily rollup). */
const ANSWER_COUNT = `(SELECT coalesce(SUM(r.n), 0) FROM answer_rollup r
  WHERE r.site_id = surveys.site_id AND r.kind = surveys.kind AND r.survey = surveys.id)`;

/**
 * Completes an active survey whose answers already reach its maxAnswers (the quota was lowered,
 * or it was activated again): the same rule the answer_rollup triggers apply on ingest.
 */
const completeIfFull = (db: D1Database, siteId: string, id: string) =>
  db
    .prepare(
      `UPDATE surveys SET status = 'completed'
       WHERE site_id = ? AND id = ? AND status = 'active' AND max_answers IS NOT NULL
         AND max_answers <= ${ANSWER_COUNT}`,
    )
    .bind(siteId, id);

/** Stores a new survey of a site and returns it. */
export async function createSurvey(
  db: D1Database,
  siteId: string,
  input: SurveyCreate & { scale: [number, number] },
  now = Date.now(),
) {
  const id = randomKey('srv');
  await db.batch([
    db
      .prepare(
        `INSERT INTO surveys (site_id, id, name, kind, scale_min, scale_max, texts, appearance, targeting,
           start_at, end_at, status, priority, max_answers, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .bind(siteId, id, ...values(input), now, now),
    completeIfFull(db, siteId, id),
  ]);
  return (await getSurvey(db, siteId, id)) as Survey;
}

/** A site's surveys, highest priority first. */
export async function listSurveys(db: D1Database, siteId: string): Promise<Survey[]> {
  const { results } = await db
    .prepare(`SELECT ${COLUMNS} FROM surveys WHERE site_id = ? ORDER BY priority DESC, created_at, id`)
    .bind(siteId)
    .all<SurveyRecord>();
  return results.map(toSurvey);
}

/**
 * Every survey id the site's answers carry (answers asked without one are left out), with its kind and answer count, most answered
 * first. Reads the daily rollup, so it costs O(days × surveys × scores), not O(answers).
 */
export async function answeredSurveys(db: D1Database, siteId: string): Promise<AnsweredSurvey[]> {
  const { results } = await db
    .prepare(
      `SELECT survey AS id, kind, SUM(n) AS n FROM answer_rollup WHERE site_id = ? AND survey <> ''
       GROUP BY survey, kind HAVING SUM(n) > 0 ORDER BY n DESC, id`,
    )
    .bind(siteId)
    .all<AnsweredSurvey>();
  return results;
}

/** One survey of a site; another site's survey is as absent as a missing one. */
export async function getSurvey(db: D1Database, siteId: string, id: string): Promise<Survey | null> {
  const row = await db
    .prepare(`SELECT ${COLUMNS} FROM surveys WHERE site_id = ? AND id = ?`)
    .bind(siteId, id)
    .first<SurveyRecord>();
  return row ? toSurvey(row) : null;
}

/** Replaces a survey's fields. */
export async function updateSurvey(db: D1Database, siteId: string, id: string, fields: SurveyFields, now = Date.now()) {
  await db.batch([
    db
      .prepare(
        `UPDATE surveys SET name = ?, kind = ?, scale_min = ?, scale_max = ?, texts = ?, appearance = ?, targeting = ?,
           start_at = ?, end_at = ?, status = ?, priority = ?, max_answers = ?, updated_at = ?
         WHERE site_id = ? AND id = ?`,
      )
      .bind(...values(fields), now, siteId, id),
    completeIfFull(db, siteId, id),
  ]);
  return (await getSurvey(db, siteId, id)) as Survey;
}

/** Deletes a survey; its answers stay, so history keeps its scores. Returns whether it existed. */
export async function deleteSurvey(db: D1Database, siteId: string, id: string): Promise<boolean> {
  const result = await db.prepare('DELETE FROM surveys WHERE site_id = ? AND id = ?').bind(siteId, id).run();
  return result.meta.changes > 0;
}

/**
 * Whether any answer names this survey, as the scores count them: read from the daily rollup
 * (one row per site, kind, day, survey and score), which keeps the counts of answers a
 * retention purge removed, so a survey whose old answers still show in its scores keeps its
 * scale. An erased person's answers leave the rollup with them.
 */
export const SURVEY_HAS_ANSWERS = 'SELECT 1 AS found FROM answer_rollup WHERE site_id = ?1 AND survey = ?2 LIMIT 1';

/** Whether any answer names this survey (see {@link SURVEY_HAS_ANSWERS}). */
export async function surveyHasAnswers(db: D1Database, siteId: string, id: string): Promise<boolean> {
  return (await db.prepare(SURVEY_HAS_ANSWERS).bind(siteId, id).first()) !== null;
}

/** What `GET /v1/surveys/active` reads, in one round trip. */
export interface ActiveRead {
  surveys: Survey[];
  settings: { cooldownDays?: unknown; followUp?: unknown };
  records: ContactRecord[];
  firstSeen?: number;
  signedUp?: number;
}

/**
 * The site's running surveys (active, inside their schedule and short of their maxAnswers), its survey settings, and for
 * an identified user their latest displays and answers and their first milestones.
 */
export async function readActive(
  db: D1Database,
  siteId: string,
  userId: string | undefined,
  now = Date.now(),
): Promise<ActiveRead> {
  const statements = [
    db
      .prepare(
        `SELECT ${COLUMNS} FROM surveys WHERE site_id = ? AND status = 'active'
           AND (start_at IS NULL OR start_at <= ?) AND (end_at IS NULL OR end_at > ?)
           AND (max_answers IS NULL OR max_answers > ${ANSWER_COUNT})
         ORDER BY priority DESC, id`,
      )
      .bind(siteId, now, now),
    db.prepare('SELECT settings FROM sites WHERE id = ?').bind(siteId),
  ];
  if (userId !== undefined) {
    statements.push(
      db
        .prepare(
          `SELECT survey, action, ts FROM displays WHERE site_id = ?1 AND user_id = ?2 AND ts >= ?3
           UNION ALL
           SELECT survey, 'answered' AS action, ts FROM answers WHERE site_id = ?1 AND user_id = ?2 AND ts >= ?3
           ORDER BY ts DESC LIMIT 500`,
        )
        .bind(siteId, userId, now - MAX_DAYS * DAY_MS),
      db
        .prepare(
          // First seen from the profile, which every event keeps (also those only counted, not stored).
          `SELECT (SELECT first_ts FROM user_profiles WHERE site_id = ?1 AND user_key = ?2) AS first_seen,
             (SELECT ts FROM milestones WHERE site_id = ?1 AND user_key = ?2 AND name = ?3) AS signed_up`,
        )
        .bind(siteId, userId, SIGNED_UP_EVENT),
    );
  }
  const [surveys, site, records, milestones] = await db.batch(statements);
  let settings: ActiveRead['settings'] = {};
  try {
    const parsed = JSON.parse((site?.results[0] as { settings?: string } | undefined)?.settings ?? '{}');
    settings = (parsed?.surveys ?? {}) as ActiveRead['settings'];
  } catch {}
  const first = milestones?.results[0] as { first_seen: number | null; signed_up: number | null } | undefined;
  return {
    surveys: ((surveys?.results ?? []) as unknown as SurveyRecord[]).map(toSurvey),
    settings,
    records: (records?.results ?? []) as unknown as ContactRecord[],
    ...(first?.first_seen != null ? { firstSeen: first.first_seen } : {}),
    ...(first?.signed_up != null ? { signedUp: first.signed_up } : {}),
  };
}
