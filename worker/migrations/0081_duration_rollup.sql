-- Resolution time from a rollup (issue 22): per start day the entities (e.g. tickets) that
-- ended, in the duration bins of 0080, and per start hour those still open, so the report costs
-- O(days × bins). duration_entities keeps each entity's first start and first end after it
-- (O(entities), never read by the report) so that events arriving in any order move an
-- entity between cells exactly. Kept by a trigger on events: only a newly stored event can
-- change it, so a re-sent one counts once. Retention's purge of old events leaves it, as it
-- leaves the answer rollup. Every change of a cell is an upsert of +1 or -1 on its primary key.

-- The (start, end) pair whose rollup a site keeps: its resolution setting, registered (and the
-- rollup built from events, once) by the first report that reads it. One pair per site (the
-- trigger looks the pair up as one value, so each of its writes is a primary-key lookup).
CREATE TABLE duration_pairs (
  site_id    TEXT NOT NULL,
  start_name TEXT NOT NULL,
  end_name   TEXT NOT NULL,
  PRIMARY KEY (site_id, start_name, end_name)
) STRICT, WITHOUT ROWID;

CREATE TABLE duration_entities (
  site_id    TEXT NOT NULL,
  start_name TEXT NOT NULL,
  end_name   TEXT NOT NULL,
  entity     TEXT NOT NULL,
  start_ts   INTEGER NOT NULL,
  end_ts     INTEGER,
  -- The id of the event that last changed the row: the trigger finds what it changed by it.
  changed_by TEXT NOT NULL,
  PRIMARY KEY (site_id, start_name, end_name, entity)
) STRICT, WITHOUT ROWID;

-- Entities that ended, per start day and bin of start → end.
CREATE TABLE duration_days (
  site_id    TEXT NOT NULL,
  start_name TEXT NOT NULL,
  end_name   TEXT NOT NULL,
  day        INTEGER NOT NULL,
  bin        INTEGER NOT NULL,
  n          INTEGER NOT NULL,
  PRIMARY KEY (site_id, start_name, end_name, day, bin)
) STRICT, WITHOUT ROWID;

-- Entities still open, per start hour.
CREATE TABLE duration_open (
  site_id    TEXT NOT NULL,
  start_name TEXT NOT NULL,
  end_name   TEXT NOT NULL,
  hour       INTEGER NOT NULL,
  n          INTEGER NOT NULL,
  PRIMARY KEY (site_id, start_name, end_name, hour)
) STRICT, WITHOUT ROWID;

CREATE TRIGGER events_duration AFTER INSERT ON events
WHEN NEW.entity IS NOT NULL AND EXISTS (
  SELECT 1 FROM duration_pairs p WHERE p.site_id = NEW.site_id AND (p.start_name = NEW.name OR p.end_name = NEW.name))
BEGIN
  -- 1. Take the entities this event changes out of their cells: an earlier first start, or an
  --    earlier first end at or after the start.
  INSERT INTO duration_open (site_id, start_name, end_name, hour, n)
    SELECT d.site_id, d.start_name, d.end_name, d.start_ts / 3600000, -1 FROM duration_pairs p JOIN duration_entities d ON d.site_id = p.site_id AND d.start_name = p.start_name
      AND d.end_name = p.end_name AND d.entity = NEW.entity
    WHERE d.end_ts IS NULL AND p.site_id = NEW.site_id AND (
      (d.start_name = NEW.name AND d.start_ts > NEW.ts)
      OR (d.end_name = NEW.name AND d.start_ts <= NEW.ts AND (d.end_ts IS NULL OR NEW.ts < d.end_ts)))
    ON CONFLICT DO UPDATE SET n = n + excluded.n;
  INSERT INTO duration_days (site_id, start_name, end_name, day, bin, n)
    SELECT d.site_id, d.start_name, d.end_name, d.start_ts / 86400000, (CASE WHEN d.end_ts - d.start_ts < 0 THEN -1 ELSE (SELECT bin FROM time_bins WHERE lo <= d.end_ts - d.start_ts ORDER BY lo DESC LIMIT 1) END), -1
    FROM duration_pairs p JOIN duration_entities d ON d.site_id = p.site_id AND d.start_name = p.start_name
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
  FROM duration_pairs p JOIN duration_entities d ON d.site_id = p.site_id AND d.start_name = p.start_name
    AND d.end_name = p.end_name AND d.entity = NEW.entity
  WHERE p.site_id = NEW.site_id AND d.changed_by = NEW.id AND d.end_ts IS NULL
  ON CONFLICT DO UPDATE SET n = n + excluded.n;
  INSERT INTO duration_days (site_id, start_name, end_name, day, bin, n)
  SELECT d.site_id, d.start_name, d.end_name, d.start_ts / 86400000, (CASE WHEN d.end_ts - d.start_ts < 0 THEN -1 ELSE (SELECT bin FROM time_bins WHERE lo <= d.end_ts - d.start_ts ORDER BY lo DESC LIMIT 1) END), 1
  FROM duration_pairs p JOIN duration_entities d ON d.site_id = p.site_id AND d.start_name = p.start_name
    AND d.end_name = p.end_name AND d.entity = NEW.entity
  WHERE p.site_id = NEW.site_id AND d.changed_by = NEW.id AND d.end_ts IS NOT NULL
  ON CONFLICT DO UPDATE SET n = n + excluded.n;
END;
