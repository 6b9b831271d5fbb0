import { DAY_MS } from '@heard/core';
import type { Bindings } from '../env';
import { eraseResponses } from './responses';
import { dbFor } from './site';

/** The `retentionDays` site setting: a positive whole number of days, or none (keep everything). */
export function retentionDays(settings: Record<string, unknown>): number | undefined {
  const days = settings.retentionDays;
  return typeof days === 'number' && Number.isInteger(days) && days > 0 ? days : undefined;
}

/**
 * The oldest `ts` collect may accept for a site: items older than its retention would be
 * purged again at once, and a re-sent answer whose raw row is already purged must not be
 * counted in the rollup a second time.
 */
export function oldestAccepted(settings: Record<string, unknown>, now: number, pastMs: number): number {
  const days = retentionDays(settings);
  return days === undefined ? now - pastMs : Math.max(now - pastMs, now - days * DAY_MS);
}

/**
 * Deletes one site's raw answers, events and displays older than `cutoff` without touching the
 * aggregates: the rollup keeps counting those answers (the `retention_purge` row, alive only
 * inside this batch's transaction, tells the delete trigger to leave it), and milestones keep
 * each user's first events for time-to-value.
 */
export async function purgeSite(db: D1Database, siteId: string, cutoff: number) {
  // changes() after each delete, not meta.changes: D1 also counts rows a trigger touched.
  const changes = db.prepare('SELECT changes() AS n');
  const results = await db.batch<{ n: number }>([
    db.prepare('INSERT INTO retention_purge (site_id) VALUES (?) ON CONFLICT DO NOTHING').bind(siteId),
    // The triage state and notes of the answers about to go: nothing keeps them after.
    ...eraseResponses(db, 'site_id = ?1 AND ts < ?2', siteId, cutoff),
    db.prepare('DELETE FROM answers WHERE site_id = ? AND ts < ?').bind(siteId, cutoff),
    changes,
    db.prepare('DELETE FROM events WHERE site_id = ? AND ts < ?').bind(siteId, cutoff),
    changes,
    db.prepare('DELETE FROM displays WHERE site_id = ? AND ts < ?').bind(siteId, cutoff),
    changes,
    db.prepare('DELETE FROM event_ids WHERE site_id = ? AND ts < ?').bind(siteId, cutoff),
    db.prepare('DELETE FROM retention_purge WHERE site_id = ?').bind(siteId),
  ]);
  const count = (i: number) => results[i]?.results[0]?.n ?? 0;
  return { answers: count(4), events: count(6), displays: count(8) };
}

/** Applies every site's retention setting: what the daily cron trigger runs. */
export async function purgeExpired(env: Bindings, now = Date.now()) {
  // A site being moved is skipped: its rows are being copied, and the next run purges it.
  const { results } = await env.DB.prepare(
    `SELECT id, database, json_extract(settings, '$.retentionDays') AS days FROM sites
       WHERE json_valid(settings) AND json_type(settings, '$.retentionDays') = 'integer'
         AND json_extract(settings, '$.retentionDays') > 0 AND moving_to IS NULL`,
  ).all<{ id: string; database: string; days: number }>();
  const purged: { siteId: string; answers: number; events: number; displays: number }[] = [];
  for (const site of results) {
    purged.push({ siteId: site.id, ...(await purgeSite(dbFor(env, site), site.id, now - site.days * DAY_MS)) });
  }
  return purged;
}
