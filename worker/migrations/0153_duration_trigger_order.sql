-- The resolution rollup's trigger (0081) with its pair joined first: without table statistics
-- SQLite drove four of its joins from duration_entities by the site alone, reading every entity
-- of the site for each ticket event stored (ingest fell from ~2,300 to ~660 events/s between 10k
-- and 100k users once a site had asked for resolution time). CROSS JOIN keeps the written order,
-- so each is the pair's row, then the entity by its whole primary key. Otherwise unchanged.
DROP TRIGGER events_duration;

CREATE TRIGGER events_duration AFTER INSERT ON events
WHEN NEW.entity IS NOT NULL AND EXISTS (
  SELECT 1 FROM duration_pairs p WHERE p.site_id = NEW.site_id AND (p.start_name = NEW.name OR p.end_name = NEW.name))
BEGIN
  -- 1. Take the entities this event changes out of their cells: an earlier first start, or an
  --    earlier first end at or after the start.
  INSERT INTO duration_open (site_id, start_name, end_name, hour, n)
    SELECT d.site_id, d.start_name, d.end_name, d.start_ts / 3600000, -1 FROM duration_pairs p CROSS JOIN duration_entities d ON d.site_id = p.site_id AND d.start_name = p.start_name
      AND d.end_name = p.end_name AND d.entity = NEW.entity
    WHERE d.end_ts IS NULL AND p.site_id = NEW.site_id AND (
      (d.start_name = NEW.name AND d.start_ts > NEW.ts)
      OR (d.end_name = NEW.name AND d.start_ts <= NEW.ts AND (d.end_ts IS NULL OR NEW.ts < d.end_ts)))
    ON CONFLICT DO UPDATE SET n = n + excluded.n;
  INSERT INTO duration_days (site_id, start_name, end_name, day, bin, n)
    SELECT d.site_id, d.start_name, d.end_name, d.start_ts / 86400000, (CASE WHEN d.end_ts - d.start_ts < 0 THEN -1 ELSE (SELECT bin FROM time_bins WHERE lo <= d.end_ts - d.start_ts ORDER BY lo DESC LIMIT 1) END), -1
    FROM duration_pairs p CROSS JOIN duration_entities d ON d.site_id = p.site_id AND d.start_name = p.start_name
      AND d.end_name = p.end_name AND d.entity = NEW.entity
    WHERE d.end_ts IS NOT NULL AND p.site_id = NEW.site_id AND (
      (d.start_name = NEW.name AND d.start_ts > NEW.ts)
      OR (d.end_name = NEW.name AND d.start_ts <= NEW.ts AND (d.end_ts IS NULL OR NEW.ts < d.end_ts)))
    ON CONFLICT DO UPDATE SET n = n + excluded.n;
  -- 2. Change them: a (new or earlier) first start takes the first end stored at or after it;
  --    an earlier end replaces a later one.
  INSERT INTO duration_entities (site_id, start_name, end_name, entity, start_ts, end_ts, changed_by)
  SELECT p.site_id, p.start_name, p.end_name, NEW.entity, NEW.ts,
         (SELECT min(e.ts) FROM events e WHERE e.site_id = NEW.site_id AND e.name = p.end_name
            AND e.entity IS NOT NULL AND e.entity = NEW.entity AND e.ts >= NEW.ts),
         NEW.id
  FROM duration_pairs p WHERE p.site_id = NEW.site_id AND p.start_name = NEW.name AND p.end_name <> NEW.name
  ON CONFLICT DO UPDATE SET start_ts = excluded.start_ts, end_ts = excluded.end_ts, changed_by = excluded.changed_by
    WHERE excluded.start_ts < duration_entities.start_ts;
  UPDATE duration_entities SET end_ts = NEW.ts, changed_by = NEW.id
  WHERE site_id = NEW.site_id AND end_name = NEW.name AND entity = NEW.entity
    AND start_name = (SELECT p.start_name FROM duration_pairs p
                      WHERE p.site_id = NEW.site_id AND p.end_name = NEW.name AND p.start_name <> NEW.name)
    AND start_ts <= NEW.ts AND (end_ts IS NULL OR NEW.ts < end_ts);
  -- 3. Put them in their new cells.
  INSERT INTO duration_open (site_id, start_name, end_name, hour, n)
  SELECT d.site_id, d.start_name, d.end_name, d.start_ts / 3600000, 1
  FROM duration_pairs p CROSS JOIN duration_entities d ON d.site_id = p.site_id AND d.start_name = p.start_name
    AND d.end_name = p.end_name AND d.entity = NEW.entity
  WHERE p.site_id = NEW.site_id AND d.changed_by = NEW.id AND d.end_ts IS NULL
  ON CONFLICT DO UPDATE SET n = n + excluded.n;
  INSERT INTO duration_days (site_id, start_name, end_name, day, bin, n)
  SELECT d.site_id, d.start_name, d.end_name, d.start_ts / 86400000, (CASE WHEN d.end_ts - d.start_ts < 0 THEN -1 ELSE (SELECT bin FROM time_bins WHERE lo <= d.end_ts - d.start_ts ORDER BY lo DESC LIMIT 1) END), 1
  FROM duration_pairs p CROSS JOIN duration_entities d ON d.site_id = p.site_id AND d.start_name = p.start_name
    AND d.end_name = p.end_name AND d.entity = NEW.entity
  WHERE p.site_id = NEW.site_id AND d.changed_by = NEW.id AND d.end_ts IS NOT NULL
  ON CONFLICT DO UPDATE SET n = n + excluded.n;
END;
