-- Retention deletes raw rows but must leave the daily rollup as it is: the counts of old
-- days stay right after their answers are gone. While a site's row is in retention_purge
-- (inserted and removed inside the one transaction of a purge batch), deleting that site's
-- answers does not decrement the rollup. Every other delete (a user's erasure) still does.
CREATE TABLE retention_purge (
  site_id TEXT PRIMARY KEY
) STRICT;

DROP TRIGGER answers_rollup_delete;

CREATE TRIGGER answers_rollup_delete AFTER DELETE ON answers
WHEN NOT EXISTS (SELECT 1 FROM retention_purge WHERE site_id = OLD.site_id)
BEGIN
  UPDATE answer_rollup SET n = n - 1
  WHERE site_id = OLD.site_id AND kind = OLD.kind AND day = OLD.day AND survey = OLD.survey
    AND scale_min = OLD.scale_min AND scale_max = OLD.scale_max AND direction = OLD.direction
    AND score = OLD.score;
  DELETE FROM answer_rollup
  WHERE site_id = OLD.site_id AND kind = OLD.kind AND day = OLD.day AND survey = OLD.survey
    AND scale_min = OLD.scale_min AND scale_max = OLD.scale_max AND direction = OLD.direction
    AND score = OLD.score AND n <= 0;
END;

-- Erasing a user looks rows up by anonymous id as well as by user id.
CREATE INDEX answers_site_anon ON answers(site_id, anonymous_id);
CREATE INDEX events_site_user ON events(site_id, user_id);
CREATE INDEX events_site_anon ON events(site_id, anonymous_id);
CREATE INDEX displays_site_anon ON displays(site_id, anonymous_id);
-- Retention deletes by age.
CREATE INDEX events_site_ts ON events(site_id, ts);
CREATE INDEX displays_site_ts ON displays(site_id, ts);
