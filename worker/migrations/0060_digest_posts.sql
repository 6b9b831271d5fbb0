-- What the digest and the change alerts have posted, one row per (site, what, period): the
-- row is claimed before the post, so a cron that fires twice or late posts each period once.
-- `what` is 'digest:week', 'digest:day' or 'alert:<period>:<metric>'; `period` is '2026-W48'
-- or '2026-11-30' in the site's time zone. `at_risk` keeps the at-risk accounts a digest saw,
-- for the next one's "newly at risk".
CREATE TABLE digest_posts (
  site_id     TEXT NOT NULL,
  what        TEXT NOT NULL,
  period      TEXT NOT NULL,
  status      TEXT NOT NULL CHECK (status IN ('pending', 'delivered', 'failed', 'skipped')),
  attempts    INTEGER NOT NULL DEFAULT 0,
  last_status INTEGER,
  at_risk     TEXT,
  body        TEXT,
  created_at  INTEGER NOT NULL,
  updated_at  INTEGER NOT NULL,
  PRIMARY KEY (site_id, what, period)
) STRICT, WITHOUT ROWID;
