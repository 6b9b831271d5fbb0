/**
 * One table of a site's data, as a move copies, checks and deletes it. `derived` tables are
 * kept by triggers on the raw ones (rollups, milestones, profiles, latest answers, counts):
 * copying the raw rows rebuilds them in the new database from what is still stored, so the
 * move then replaces them with the old database's own rows, which also hold what a retention
 * purge took from the raw tables. `sum` names a count column whose total is checked too.
 */
export interface SiteTable {
  name: string;
  derived?: true;
  sum?: string;
}

/**
 * Every table that holds a site's data, each keyed by `site_id`: the one list a move reads, so a
 * new table joins it here (a test fails for a table with a `site_id` that is in neither this
 * list nor {@link NOT_SITE_DATA}). Raw tables first, derived ones after.
 */
export const SITE_TABLES = [
  { name: 'answers' },
  { name: 'events' },
  { name: 'event_ids' },
  { name: 'displays' },
  { name: 'surveys' },
  { name: 'webhooks' },
  { name: 'webhook_deliveries' },
  { name: 'stripe_sources' },
  { name: 'stripe_events' },
  { name: 'stripe_subscription_states' },
  { name: 'link_keys' },
  { name: 'links' },
  { name: 'stripe_payments' },
  { name: 'responses' },
  { name: 'response_notes' },
  { name: 'digest_posts' },
  { name: 'answer_rollup', derived: true, sum: 'n' },
  { name: 'display_rollup', derived: true, sum: 'n' },
  { name: 'segment_rollup', derived: true, sum: 'n' },
  { name: 'event_counts', derived: true, sum: 'n' },
  { name: 'latest_answers', derived: true },
  { name: 'milestones', derived: true },
  { name: 'user_profiles', derived: true },
] as const satisfies readonly SiteTable[];

/**
 * The report rollups kept for one (start, value) pair of the site's settings (ttvRollup.ts,
 * durationRollup.ts), or for its account, churn and inactivity settings (retentionRollup.ts), or for its account and TTV settings (healthRollup.ts): built in one transaction by the first report that needs them, then kept by
 * triggers while their pair is registered. A move copies none of them: in the new database no
 * pair is registered, so copying the raw rows counts nothing twice, and the site's first report
 * there rebuilds them from those rows. The move deletes them from the old database with the rest.
 */
export const REBUILT_TABLES = [
  'ttv_pairs',
  'ttv_days',
  'ttv_cells',
  'ttv_waiting',
  'duration_pairs',
  'duration_entities',
  'duration_days',
  'duration_open',
  'retention_keys',
  'retention_users',
  'retention_accounts',
  'retention_cells',
  'retention_periods',
  'retention_period_days',
  'health_keys',
  'health_users',
  'health_accounts',
  'health_cells',
  'health_tickets',
  'health_recompute',
  'health_ticket_starts',
  'health_starters',
] as const;

/**
 * Tables with a `site_id` that are not a site's data: keys (primary only, like `sites`), a purge's
 * marker inside one transaction, the writes a move parks in the primary, the state of a move in
 * steps, and the leases of the archive's compaction.
 */
export const NOT_SITE_DATA = [
  'secret_keys',
  'retention_purge',
  'move_parked',
  'site_moves',
  'archive_compactions',
] as const;
