import type { SiteSettings, SiteSettingsPatch } from '@heard/core';
import { mergeSettings, siteSettingsFrom } from '@heard/core';
import { resegment } from './segments';

async function storedSettings(db: D1Database, siteId: string): Promise<Record<string, unknown>> {
  const row = await db.prepare('SELECT settings FROM sites WHERE id = ?').bind(siteId).first<{ settings: string }>();
  try {
    const parsed: unknown = JSON.parse(row?.settings ?? '{}');
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** A site's customer-success settings: stored values over the defaults. */
export async function siteSettings(db: D1Database, siteId: string): Promise<SiteSettings> {
  return siteSettingsFrom(await storedSettings(db, siteId));
}

/**
 * Applies a patch and stores the result. Only this feature's sections are written; keys
 * other features keep in `sites.settings` are left as they are. A change of `segments`
 * refills the segment rollup in the same transaction.
 */
export async function patchSiteSettings(
  db: D1Database,
  siteId: string,
  patch: SiteSettingsPatch,
): Promise<SiteSettings> {
  const stored = await storedSettings(db, siteId);
  const current = siteSettingsFrom(stored);
  const next = mergeSettings(current, patch);
  await db.batch([
    db.prepare('UPDATE sites SET settings = ? WHERE id = ?').bind(JSON.stringify({ ...stored, ...next }), siteId),
    ...resegment(db, siteId, current.segments, next.segments),
  ]);
  return next;
}
