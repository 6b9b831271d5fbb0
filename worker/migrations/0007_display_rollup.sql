-- Displays per (site, kind, day, survey, action), kept by triggers like the answer rollup, so
-- the response rate's denominator survives a retention purge of the raw display rows. A
-- user's erasure decrements it; a retention purge (retention_purge row present) does not.
CREATE TABLE display_rollup (
  site_id TEXT NOT NULL,
  kind    TEXT NOT NULL,
  day     TEXT NOT NULL,
  survey  TEXT NOT NULL,
  action  TEXT NOT NULL,
  n       INTEGER NOT NULL,
  PRIMARY KEY (site_id, kind, day, survey, action)
) STRICT, WITHOUT ROWID;

INSERT INTO display_rollup (site_id, kind, day, survey, action, n)
SELECT site_id, kind, day, survey, action, COUNT(*) FROM displays GROUP BY site_id, kind, day, survey, action;

CREATE TRIGGER displays_rollup_insert AFTER INSERT ON displays BEGIN
  INSERT INTO display_rollup (site_id, kind, day, survey, action, n)
  VALUES (NEW.site_id, NEW.kind, NEW.day, NEW.survey, NEW.action, 1)
  ON CONFLICT DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER displays_rollup_delete AFTER DELETE ON displays
WHEN NOT EXISTS (SELECT 1 FROM retention_purge WHERE site_id = OLD.site_id)
BEGIN
  UPDATE display_rollup SET n = n - 1
  WHERE site_id = OLD.site_id AND kind = OLD.kind AND day = OLD.day AND survey = OLD.survey
    AND action = OLD.action;
  DELETE FROM display_rollup
  WHERE site_id = OLD.site_id AND kind = OLD.kind AND day = OLD.day AND survey = OLD.survey
    AND action = OLD.action AND n <= 0;
END;
