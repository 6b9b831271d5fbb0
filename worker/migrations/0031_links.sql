-- Each site's link keys: HMAC-SHA256 keys that sign its links. The highest version signs new
-- links; older ones keep verifying the links they signed until those expire, unless revoked.
CREATE TABLE link_keys (
  site_id    TEXT NOT NULL,
  version    INTEGER NOT NULL,
  secret     TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  revoked_at INTEGER,
  PRIMARY KEY (site_id, version)
) STRICT, WITHOUT ROWID;

-- One row per link made. The token carries only this random id and a MAC over the row, so
-- the URL holds nothing personal, and erasing a user deletes their links with their answers.
CREATE TABLE links (
  id          TEXT PRIMARY KEY,
  site_id     TEXT NOT NULL,
  key_version INTEGER NOT NULL,
  survey      TEXT NOT NULL,
  user_id     TEXT NOT NULL,
  props       TEXT,
  locale      TEXT,
  created_at  INTEGER NOT NULL,
  expires_at  INTEGER NOT NULL
) STRICT, WITHOUT ROWID;
CREATE INDEX links_site_user ON links(site_id, user_id);
-- Links made per period: the response rate's denominator for link and email answers.
CREATE INDEX links_site_created ON links(site_id, created_at);
