import { type AlertAnswer, LOW_ANSWERS, type WebhookFilter } from '@heard/core';

/** A site's webhook, secret included: only the delivery code and PUT's answer see it. */
export interface WebhookRow {
  url: string;
  secret: string;
  createdAt: number;
  /** Which answers it is sent. */
  send: WebhookFilter;
}

/** The query {@link webhookOf} runs, to send along with other statements: at most one row for {@link webhookFrom}. */
export function webhookRead(db: D1Database, siteId: string): D1PreparedStatement {
  return db.prepare('SELECT url, secret, created_at AS createdAt, send FROM webhooks WHERE site_id = ?').bind(siteId);
}

/** A row of {@link webhookRead} as a {@link WebhookRow} (null: no webhook is set). */
export function webhookFrom(row: unknown): WebhookRow | null {
  if (!row) return null;
  const { send, ...rest } = row as Omit<WebhookRow, 'send'> & { send: string | null };
  return { ...rest, send: send ? (JSON.parse(send) as WebhookFilter) : LOW_ANSWERS };
}

/** The site's webhook, if one is set. */
export async function webhookOf(db: D1Database, siteId: string): Promise<WebhookRow | null> {
  return webhookFrom(await webhookRead(db, siteId).first());
}

/** Sets (or replaces) the site's webhook; `send` omitted, it is sent the low answers. */
export async function putWebhook(
  db: D1Database,
  siteId: string,
  url: string,
  secret: string,
  now = Date.now(),
  send: WebhookFilter = LOW_ANSWERS,
) {
  await db
    .prepare(
      `INSERT INTO webhooks (site_id, url, secret, created_at, send) VALUES (?1, ?2, ?3, ?4, ?5)
       ON CONFLICT (site_id) DO UPDATE SET url = ?2, secret = ?3, created_at = ?4, send = ?5`,
    )
    .bind(siteId, url, secret, now, JSON.stringify(send))
    .run();
}

/** Removes the site's webhook; deliveries already recorded stay as history. */
export async function deleteWebhook(db: D1Database, siteId: string): Promise<boolean> {
  const result = await db.prepare('DELETE FROM webhooks WHERE site_id = ?').bind(siteId).run();
  return result.meta.changes > 0;
}

/** The last deliveries of a site, newest first. */
export async function recentDeliveries(db: D1Database, siteId: string, limit = 20) {
  const { results } = await db
    .prepare(
      `SELECT answer_id AS answerId, stage, status, attempts, last_status AS lastStatus FROM webhook_deliveries
       WHERE site_id = ? ORDER BY created_at DESC, answer_id LIMIT ?`,
    )
    .bind(siteId, limit)
    .all<{
      answerId: string;
      stage: 'answer' | 'comment';
      status: 'pending' | 'delivered' | 'failed';
      attempts: number;
      lastStatus: number | null;
    }>();
  return results;
}

interface StoredAnswer {
  id: string;
  kind: AlertAnswer['kind'];
  score: number;
  scale_min: number;
  scale_max: number;
  direction: AlertAnswer['direction'];
  survey: string;
  comment: string | null;
  user_id: string | null;
  anonymous_id: string | null;
  url: string | null;
  traits: string | null;
  props: string | null;
  ts: number;
}

/** The stored answers with these ids: what the alert reports is what was kept, not what was re-sent. */
export async function storedAnswers(db: D1Database, siteId: string, ids: readonly string[]): Promise<AlertAnswer[]> {
  if (ids.length === 0) return [];
  const { results } = await db
    .prepare(
      `SELECT id, kind, score, scale_min, scale_max, direction, survey, comment, user_id, anonymous_id, url, traits,
         props, ts
       FROM answers WHERE site_id = ?1 AND id IN (SELECT value FROM json_each(?2))`,
    )
    .bind(siteId, JSON.stringify(ids))
    .all<StoredAnswer>();
  return results.map((r) => ({
    id: r.id,
    kind: r.kind,
    score: r.score,
    scale: [r.scale_min, r.scale_max],
    direction: r.direction,
    survey: r.survey || null,
    comment: r.comment,
    userId: r.user_id,
    anonymousId: r.anonymous_id,
    url: r.url,
    traits: r.traits ? JSON.parse(r.traits) : null,
    props: r.props ? JSON.parse(r.props) : null,
    ts: r.ts,
  }));
}

/**
 * Claims alert stages for an answer; each (answer, stage) is claimed once ever, so a
 * re-sent answer never alerts twice. Returns the stages this call won.
 */
export async function claimStages(
  db: D1Database,
  siteId: string,
  answerId: string,
  stages: readonly ('answer' | 'comment')[],
  now = Date.now(),
): Promise<Set<'answer' | 'comment'>> {
  const insert = db.prepare(
    `INSERT INTO webhook_deliveries (site_id, answer_id, stage, status, attempts, created_at, updated_at)
     VALUES (?, ?, ?, 'pending', 0, ?, ?) ON CONFLICT DO NOTHING RETURNING stage`,
  );
  const results = await db.batch<{ stage: 'answer' | 'comment' }>(
    stages.map((stage) => insert.bind(siteId, answerId, stage, now, now)),
  );
  return new Set(results.flatMap((r) => r.results.map((row) => row.stage)));
}

/** Records one delivery attempt's outcome for the given stages. */
export async function recordAttempt(
  db: D1Database,
  siteId: string,
  answerId: string,
  stages: readonly ('answer' | 'comment')[],
  outcome: { status: 'pending' | 'delivered' | 'failed'; httpStatus: number | null },
  now = Date.now(),
) {
  await db
    .prepare(
      `UPDATE webhook_deliveries SET status = ?1, attempts = attempts + 1, last_status = ?2, updated_at = ?3
       WHERE site_id = ?4 AND answer_id = ?5 AND stage IN (SELECT value FROM json_each(?6))`,
    )
    .bind(outcome.status, outcome.httpStatus, now, siteId, answerId, JSON.stringify(stages))
    .run();
}

/** An alert stage of one answer: a row of `webhook_deliveries`. */
export type AlertStage = readonly [answerId: string, stage: 'answer' | 'comment'];

/**
 * Claims many alert stages in one round trip (each (answer, stage) once ever, as
 * {@link claimStages}) and counts, after the claims, the answers the site has alerted on since
 * `windowStart`. D1 runs a batch as one transaction, so concurrent requests of a site see each
 * other's claims: the count is the site's, not the request's.
 */
export async function claimAlerts(
  db: D1Database,
  siteId: string,
  wanted: readonly AlertStage[],
  windowStart: number,
  now = Date.now(),
): Promise<{ won: AlertStage[]; inWindow: number }> {
  const [claimed, counted] = await db.batch([
    db
      .prepare(
        `INSERT INTO webhook_deliveries (site_id, answer_id, stage, status, attempts, created_at, updated_at)
         SELECT ?1, value ->> 0, value ->> 1, 'pending', 0, ?2, ?2 FROM json_each(?3) WHERE true
         ON CONFLICT DO NOTHING RETURNING answer_id AS answerId, stage`,
      )
      .bind(siteId, now, JSON.stringify(wanted)),
    db
      .prepare(
        `SELECT COUNT(DISTINCT answer_id) AS n FROM webhook_deliveries
         WHERE site_id = ?1 AND created_at >= ?2 AND answer_id NOT LIKE 'summary:%'`,
      )
      .bind(siteId, windowStart),
  ]);
  const won = ((claimed?.results ?? []) as { answerId: string; stage: 'answer' | 'comment' }[]).map(
    (r) => [r.answerId, r.stage] as const,
  );
  return { won, inWindow: ((counted?.results[0] as { n: number } | undefined)?.n ?? 0) as number };
}

/** Records one delivery attempt's outcome for many (answer, stage) rows at once (a summary post). */
export async function recordAttempts(
  db: D1Database,
  siteId: string,
  rows: readonly AlertStage[],
  outcome: { status: 'pending' | 'delivered' | 'failed'; httpStatus: number | null },
  now = Date.now(),
) {
  await db
    .prepare(
      `UPDATE webhook_deliveries SET status = ?1, attempts = attempts + 1, last_status = ?2, updated_at = ?3
       WHERE site_id = ?4 AND (answer_id, stage) IN (SELECT value ->> 0, value ->> 1 FROM json_each(?5))`,
    )
    .bind(outcome.status, outcome.httpStatus, now, siteId, JSON.stringify(rows))
    .run();
}

/** Marks (answer, stage) rows failed without an attempt: nothing was sent for them. */
export async function markUnsent(db: D1Database, siteId: string, rows: readonly AlertStage[], now = Date.now()) {
  await db
    .prepare(
      `UPDATE webhook_deliveries SET status = 'failed', last_status = NULL, updated_at = ?1
       WHERE site_id = ?2 AND (answer_id, stage) IN (SELECT value ->> 0, value ->> 1 FROM json_each(?3))`,
    )
    .bind(now, siteId, JSON.stringify(rows))
    .run();
}
