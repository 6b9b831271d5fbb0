-- Sites and their keys. Secret keys are stored as SHA-256 hashes only.
CREATE TABLE sites (
  id          TEXT PRIMARY KEY,
  name        TEXT NOT NULL,
  public_key  TEXT NOT NULL UNIQUE,
  origins     TEXT NOT NULL DEFAULT '[]',
  settings    TEXT NOT NULL DEFAULT '{}',
  created_at  INTEGER NOT NULL
) STRICT;

CREATE TABLE secret_keys (
  hash        TEXT PRIMARY KEY,
  site_id     TEXT NOT NULL REFERENCES sites(id) ON DELETE CASCADE,
  created_at  INTEGER NOT NULL,
  revoked_at  INTEGER
) STRICT;
CREATE INDEX secret_keys_site ON secret_keys(site_id);

-- Raw answers, keyed by the id the client made: re-sending it is a no-op.
CREATE TABLE answers (
  site_id      TEXT NOT NULL,
  id           TEXT NOT NULL,
  survey       TEXT NOT NULL DEFAULT '',
  kind         TEXT NOT NULL CHECK (kind IN ('nps', 'csat', 'ces')),
  score        INTEGER NOT NULL,
  scale_min    INTEGER NOT NULL,
  scale_max    INTEGER NOT NULL,
  direction    TEXT NOT NULL CHECK (direction IN ('higher-better', 'lower-better')),
  comment      TEXT,
  user_id      TEXT,
  anonymous_id TEXT,
  traits       TEXT,
  props        TEXT,
  url          TEXT,
  locale       TEXT,
  ts           INTEGER NOT NULL,
  day          TEXT NOT NULL,
  received_at  INTEGER NOT NULL,
  PRIMARY KEY (site_id, id),
  CHECK (score BETWEEN scale_min AND scale_max)
) STRICT, WITHOUT ROWID;
CREATE INDEX answers_site_kind_ts ON answers(site_id, kind, ts);

-- One row per (site, survey, kind, scale, direction, day, score). Kept by triggers in
-- the same statement as the raw insert or delete, so it can never drift from the rows.
CREATE TABLE answer_rollup (
  site_id    TEXT NOT NULL,
  survey     TEXT NOT NULL,
  kind       TEXT NOT NULL,
  scale_min  INTEGER NOT NULL,
  scale_max  INTEGER NOT NULL,
  direction  TEXT NOT NULL,
  day        TEXT NOT NULL,
  score      INTEGER NOT NULL,
  n          INTEGER NOT NULL,
  PRIMARY KEY (site_id, kind, day, survey, scale_min, scale_max, direction, score)
) STRICT, WITHOUT ROWID;

CREATE TRIGGER answers_rollup_insert AFTER INSERT ON answers BEGIN
  INSERT INTO answer_rollup (site_id, survey, kind, scale_min, scale_max, direction, day, score, n)
  VALUES (NEW.site_id, NEW.survey, NEW.kind, NEW.scale_min, NEW.scale_max, NEW.direction, NEW.day, NEW.score, 1)
  ON CONFLICT DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER answers_rollup_delete AFTER DELETE ON answers BEGIN
  UPDATE answer_rollup SET n = n - 1
  WHERE site_id = OLD.site_id AND kind = OLD.kind AND day = OLD.day AND survey = OLD.survey
    AND scale_min = OLD.scale_min AND scale_max = OLD.scale_max AND direction = OLD.direction
    AND score = OLD.score;
  DELETE FROM answer_rollup
  WHERE site_id = OLD.site_id AND kind = OLD.kind AND day = OLD.day AND survey = OLD.survey
    AND scale_min = OLD.scale_min AND scale_max = OLD.scale_max AND direction = OLD.direction
    AND score = OLD.score AND n <= 0;
END;

-- Product events from track().
CREATE TABLE events (
  site_id      TEXT NOT NULL,
  id           TEXT NOT NULL,
  name         TEXT NOT NULL,
  user_id      TEXT,
  anonymous_id TEXT,
  entity       TEXT,
  value        REAL,
  props        TEXT,
  ts           INTEGER NOT NULL,
  received_at  INTEGER NOT NULL,
  PRIMARY KEY (site_id, id)
) STRICT, WITHOUT ROWID;
CREATE INDEX events_site_name_ts ON events(site_id, name, ts);

-- First occurrence of each (user, event name), for time-to-value.
CREATE TABLE milestones (
  site_id   TEXT NOT NULL,
  user_key  TEXT NOT NULL,
  name      TEXT NOT NULL,
  ts        INTEGER NOT NULL,
  PRIMARY KEY (site_id, name, user_key)
) STRICT, WITHOUT ROWID;

CREATE TRIGGER events_milestone AFTER INSERT ON events BEGIN
  INSERT INTO milestones (site_id, user_key, name, ts)
  VALUES (NEW.site_id, coalesce(NEW.user_id, 'anon:' || NEW.anonymous_id), NEW.name, NEW.ts)
  ON CONFLICT DO UPDATE SET ts = min(ts, excluded.ts);
END;
