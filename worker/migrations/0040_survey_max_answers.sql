-- Quotas: a survey may stop at a number of answers (max_answers); it is then `completed` and
-- no longer served. SQLite cannot change a CHECK, so the table is rebuilt with the new status.
PRAGMA defer_foreign_keys = on;

CREATE TABLE surveys_new (
  site_id     TEXT NOT NULL REFERENCES sites(id) ON DELETE CASCADE,
  id          TEXT NOT NULL,
  name        TEXT NOT NULL,
  kind        TEXT NOT NULL CHECK (kind IN ('nps', 'csat', 'ces')),
  scale_min   INTEGER NOT NULL,
  scale_max   INTEGER NOT NULL,
  texts       TEXT NOT NULL,
  appearance  TEXT NOT NULL DEFAULT '{}',
  targeting   TEXT NOT NULL,
  start_at    INTEGER,
  end_at      INTEGER,
  status      TEXT NOT NULL CHECK (status IN ('draft', 'active', 'paused', 'completed')),
  priority    INTEGER NOT NULL DEFAULT 0,
  created_at  INTEGER NOT NULL,
  updated_at  INTEGER NOT NULL,
  max_answers INTEGER CHECK (max_answers IS NULL OR max_answers > 0),
  PRIMARY KEY (site_id, id)
) STRICT, WITHOUT ROWID;

INSERT INTO surveys_new (site_id, id, name, kind, scale_min, scale_max, texts, appearance, targeting,
  start_at, end_at, status, priority, created_at, updated_at)
SELECT site_id, id, name, kind, scale_min, scale_max, texts, appearance, targeting,
  start_at, end_at, status, priority, created_at, updated_at FROM surveys;
DROP TABLE surveys;
ALTER TABLE surveys_new RENAME TO surveys;
CREATE INDEX surveys_site_status ON surveys(site_id, status);

-- The answer that reaches the quota completes its survey, in the same transaction as its
-- insert: the rollup row it counts in has just been written (answers_rollup_insert), so the
-- sum includes it. Answers that arrive later are still stored and counted, never refused.
CREATE TRIGGER answer_rollup_quota_insert AFTER INSERT ON answer_rollup WHEN NEW.survey <> '' BEGIN
  UPDATE surveys SET status = 'completed', updated_at = CAST(unixepoch('subsec') * 1000 AS INTEGER)
  WHERE site_id = NEW.site_id AND id = NEW.survey AND kind = NEW.kind AND status = 'active'
    AND max_answers IS NOT NULL
    AND max_answers <= (SELECT SUM(n) FROM answer_rollup r
      WHERE r.site_id = NEW.site_id AND r.kind = NEW.kind AND r.survey = NEW.survey);
END;

CREATE TRIGGER answer_rollup_quota_update AFTER UPDATE OF n ON answer_rollup
WHEN NEW.survey <> '' AND NEW.n > OLD.n BEGIN
  UPDATE surveys SET status = 'completed', updated_at = CAST(unixepoch('subsec') * 1000 AS INTEGER)
  WHERE site_id = NEW.site_id AND id = NEW.survey AND kind = NEW.kind AND status = 'active'
    AND max_answers IS NOT NULL
    AND max_answers <= (SELECT SUM(n) FROM answer_rollup r
      WHERE r.site_id = NEW.site_id AND r.kind = NEW.kind AND r.survey = NEW.survey);
END;
