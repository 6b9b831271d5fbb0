-- The R2 archive's compaction (worker/src/archive.ts): while one run merges a site's day of batch
-- parts into its one `sites/<site>/<day>.ndjson` object, it holds this row's lease, so two runs
-- never merge the same day at once (R2 has no append: the second would overwrite the first's
-- object with fewer lines and lose the parts the first deleted).
CREATE TABLE archive_compactions (
  site_id     TEXT NOT NULL,
  day         TEXT NOT NULL,
  lease_until INTEGER NOT NULL,
  PRIMARY KEY (site_id, day)
) STRICT;
