-- Every time a prompt was shown or dismissed, by its client id. Answers are counted from
-- the answers table; shown ÷ answered gives the response rate, dismissals feed fatigue.
CREATE TABLE displays (
  site_id      TEXT NOT NULL,
  id           TEXT NOT NULL,
  survey       TEXT NOT NULL DEFAULT '',
  kind         TEXT NOT NULL CHECK (kind IN ('nps', 'csat', 'ces')),
  action       TEXT NOT NULL CHECK (action IN ('shown', 'dismissed')),
  user_id      TEXT,
  anonymous_id TEXT,
  ts           INTEGER NOT NULL,
  day          TEXT NOT NULL,
  received_at  INTEGER NOT NULL,
  PRIMARY KEY (site_id, id)
) STRICT, WITHOUT ROWID;
CREATE INDEX displays_site_kind_day ON displays(site_id, kind, day);
CREATE INDEX displays_site_user ON displays(site_id, user_id, ts);
