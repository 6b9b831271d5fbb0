-- A site per database. `database` names the D1 binding that holds the site's data (answers,
-- events, surveys, rollups, …); `sites`, keys and routing stay in the primary `DB`. Every
-- database that holds a site also keeps a copy of its `sites` row (the triggers and the write
-- guard read settings, `database` and `moving_to` there), so migrations run on every binding.
-- `moving_to` is set while POST /v1/sites/:id/move copies the site: writes then wait in
-- `move_parked` (primary) and are replayed into the new database once it is switched.
ALTER TABLE sites ADD COLUMN database TEXT NOT NULL DEFAULT 'DB';
ALTER TABLE sites ADD COLUMN moving_to TEXT;

CREATE TABLE move_parked (
  seq         INTEGER PRIMARY KEY,
  site_id     TEXT NOT NULL,
  received_at INTEGER NOT NULL,
  items       TEXT NOT NULL
) STRICT;
CREATE INDEX move_parked_site ON move_parked(site_id, seq);
