-- Answers per day and score for each value of the site's segment traits (settings.segments,
-- default plan and country), kept as answers arrive, so `GET /v1/scores?by=plan` reads
-- O(days × values × scores) rows instead of every answer in range (3 s for 90 days of a
-- 1M-answer site). `value` is the JSON of the trait, else of the prop (`"pro"`, `3`, `true`),
-- exactly what `coalesce(traits -> key, props -> key)` gives the raw path. Answers without
-- the trait are not stored here: they are the rollup's total minus these.
CREATE TABLE segment_rollup (
  site_id    TEXT NOT NULL,
  kind       TEXT NOT NULL,
  name       TEXT NOT NULL,
  day        TEXT NOT NULL,
  survey     TEXT NOT NULL,
  scale_min  INTEGER NOT NULL,
  scale_max  INTEGER NOT NULL,
  direction  TEXT NOT NULL,
  value      TEXT NOT NULL,
  score      INTEGER NOT NULL,
  n          INTEGER NOT NULL,
  PRIMARY KEY (site_id, kind, name, day, survey, scale_min, scale_max, direction, value, score)
) STRICT, WITHOUT ROWID;

-- The default list here is DEFAULT_SITE_SETTINGS.segments (a test keeps them equal).
CREATE TRIGGER answers_segment_rollup AFTER INSERT ON answers
WHEN NEW.traits IS NOT NULL OR NEW.props IS NOT NULL
BEGIN
  INSERT INTO segment_rollup (site_id, kind, name, day, survey, scale_min, scale_max, direction, value, score, n)
  SELECT NEW.site_id, NEW.kind, k.value, NEW.day, NEW.survey, NEW.scale_min, NEW.scale_max, NEW.direction,
         coalesce(NEW.traits -> ('$."' || k.value || '"'), NEW.props -> ('$."' || k.value || '"')), NEW.score, 1
  FROM sites s, json_each(coalesce(s.settings -> '$.segments', '["plan","country"]')) k
  WHERE s.id = NEW.site_id
    AND coalesce(NEW.traits -> ('$."' || k.value || '"'), NEW.props -> ('$."' || k.value || '"')) IS NOT NULL
  ON CONFLICT DO UPDATE SET n = n + 1;
END;

-- Rows exist only for the names configured now, each counting every stored answer (a settings
-- change fills or drops a name at once), so an erasure takes its answer off every row it is in.
-- A retention purge leaves the counts, like answer_rollup.
CREATE TRIGGER answers_segment_rollup_delete AFTER DELETE ON answers
WHEN (OLD.traits IS NOT NULL OR OLD.props IS NOT NULL)
  AND NOT EXISTS (SELECT 1 FROM retention_purge WHERE site_id = OLD.site_id)
BEGIN
  UPDATE segment_rollup SET n = n - 1
  WHERE site_id = OLD.site_id AND kind = OLD.kind AND day = OLD.day AND survey = OLD.survey
    AND scale_min = OLD.scale_min AND scale_max = OLD.scale_max AND direction = OLD.direction
    AND score = OLD.score
    AND value = coalesce(OLD.traits -> ('$."' || name || '"'), OLD.props -> ('$."' || name || '"'));
  DELETE FROM segment_rollup
  WHERE site_id = OLD.site_id AND kind = OLD.kind AND day = OLD.day AND survey = OLD.survey
    AND scale_min = OLD.scale_min AND scale_max = OLD.scale_max AND direction = OLD.direction
    AND score = OLD.score AND n <= 0;
END;

-- The rollup of what was stored before this migration.
INSERT INTO segment_rollup (site_id, kind, name, day, survey, scale_min, scale_max, direction, value, score, n)
SELECT a.site_id, a.kind, k.value, a.day, a.survey, a.scale_min, a.scale_max, a.direction,
       coalesce(a.traits -> ('$."' || k.value || '"'), a.props -> ('$."' || k.value || '"')) AS v, a.score, COUNT(*)
FROM answers a
JOIN sites s ON s.id = a.site_id
JOIN json_each(coalesce(s.settings -> '$.segments', '["plan","country"]')) k
WHERE v IS NOT NULL
GROUP BY a.site_id, a.kind, k.value, a.day, a.survey, a.scale_min, a.scale_max, a.direction, v, a.score
ON CONFLICT DO NOTHING;
