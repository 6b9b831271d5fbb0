import type { SiteSettings, SiteSettingsPatch } from '@heard/core';
import { mergeSettings, siteSettingsFrom } from '@heard/core';
import { fail } from '../middleware/errors';
import { resegment } from './segments';

/** `sites.settings` as stored (the exact text, for compare-and-set) and parsed. */
async function storedSettingsRow(
  db: D1Database,
  siteId: string,
): Promise<{ text: string; value: Record<string, unknown> }> {
  const row = await db.prepare('SELECT settings FROM sites WHERE id = ?').bind(siteId).first<{ settings: string }>();
  const text = row?.settings ?? '{}';
  try {
    const parsed: unknown = JSON.parse(text);
    return {
      text,
      value: parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : {},
    };
  } catch {
    return { text, value: {} };
  }
}

async function storedSettings(db: D1Database, siteId: string): Promise<Record<string, unknown>> {
  return (await storedSettingsRow(db, siteId)).value;
}

/** Times a patch is re-applied when another change of the same site's settings won the race. */
const PATCH_ATTEMPTS = 8;

/** A site's customer-success settings: stored values over the defaults. */
export async function siteSettings(db: D1Database, siteId: string): Promise<SiteSettings> {
  return siteSettingsFrom(await storedSettings(db, siteId));
}

/**
 * Applies a patch and stores the result. Only this feature's sections are written; keys
 * other features keep in `sites.settings` are left as they are. A change of `segments`
 * refills the segment rollup in the same transaction. The write is a compare-and-set on the
 * settings text it read: when another change landed in between, nothing is written and the
 * patch is applied again to what is stored now, so two concurrent patches never undo each
 * other's segments nor leave the rollup counting a stale list. Answers inserted meanwhile are
 * counted by the insert trigger from the settings in force at their insert.
 */
export async function patchSiteSettings(
  db: D1Database,
  siteId: string,
  patch: SiteSettingsPatch,
): Promise<SiteSettings> {
  for (let attempt = 0; attempt < PATCH_ATTEMPTS; attempt++) {
    const stored = await storedSettingsRow(db, siteId);
    const current = siteSettingsFrom(stored.value);
    const next = mergeSettings(current, patch);
    const text = JSON.stringify({ ...stored.value, ...next });
    const [written] = await db.batch([
      db
        .prepare('UPDATE sites SET settings = ?3 WHERE id = ?1 AND settings = ?2 RETURNING 1 AS written')
        .bind(siteId, stored.text, text),
      // Each refill statement runs only when the update above won (settings now hold `text`).
      ...resegment(db, siteId, current.segments, next.segments, text),
    ]);
    if ((written?.results.length ?? 0) > 0) return next;
  }
  fail(409, 'the settings kept changing while this change was applied; send it again');
}

/**
 * Copies a moved site's settings from its database (where a patch writes them, with the segment
 * rollup's refill) to its row in the primary, which collect and authentication read.
 */
export async function copySettingsToPrimary(primary: D1Database, siteDb: D1Database, siteId: string): Promise<void> {
  if (primary === siteDb) return;
  const { text } = await storedSettingsRow(siteDb, siteId);
  await primary.prepare('UPDATE sites SET settings = ? WHERE id = ?').bind(text, siteId).run();
}
