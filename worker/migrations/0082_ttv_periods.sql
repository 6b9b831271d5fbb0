-- Time to value per cohort (issue 22): ttv_days summed per ISO week and per month, kept by
-- triggers on ttv_days itself, so a report reads one row per (cohort, bin) for every whole
-- week or month of its window and day rows only for the partial ones at its edges: a year of
-- a million users reads thousands of rows, not the 100k+ day cells.
CREATE TABLE ttv_periods (
  site_id    TEXT NOT NULL,
  start_name TEXT NOT NULL,
  value_name TEXT NOT NULL,
  period     TEXT NOT NULL CHECK (period IN ('week', 'month')),
  -- First and last day of the period (days since 1970, UTC).
  first_day  INTEGER NOT NULL,
  last_day   INTEGER NOT NULL,
  bin        INTEGER NOT NULL,
  n          INTEGER NOT NULL,
  PRIMARY KEY (site_id, start_name, value_name, period, first_day, bin)
) STRICT, WITHOUT ROWID;

CREATE TRIGGER ttv_days_periods_insert AFTER INSERT ON ttv_days BEGIN
  INSERT INTO ttv_periods (site_id, start_name, value_name, period, first_day, last_day, bin, n)
  VALUES (NEW.site_id, NEW.start_name, NEW.value_name, 'week', NEW.day - ((NEW.day + 3) % 7),
          NEW.day - ((NEW.day + 3) % 7) + 6, NEW.bin, NEW.n)
  ON CONFLICT DO UPDATE SET n = n + excluded.n;
  INSERT INTO ttv_periods (site_id, start_name, value_name, period, first_day, last_day, bin, n)
  VALUES (NEW.site_id, NEW.start_name, NEW.value_name, 'month',
          CAST(julianday(date(NEW.day * 86400, 'unixepoch', 'start of month')) - 2440587.5 AS INTEGER),
          CAST(julianday(date(NEW.day * 86400, 'unixepoch', 'start of month', '+1 month', '-1 day')) - 2440587.5 AS INTEGER),
          NEW.bin, NEW.n)
  ON CONFLICT DO UPDATE SET n = n + excluded.n;
END;

-- The upserts of 0080 change a cell's n (ON CONFLICT DO UPDATE fires UPDATE triggers).
CREATE TRIGGER ttv_days_periods_update AFTER UPDATE OF n ON ttv_days WHEN NEW.n <> OLD.n BEGIN
  UPDATE ttv_periods SET n = n + NEW.n - OLD.n
  WHERE site_id = NEW.site_id AND start_name = NEW.start_name AND value_name = NEW.value_name
    AND period = 'week' AND first_day = NEW.day - ((NEW.day + 3) % 7) AND bin = NEW.bin;
  UPDATE ttv_periods SET n = n + NEW.n - OLD.n
  WHERE site_id = NEW.site_id AND start_name = NEW.start_name AND value_name = NEW.value_name
    AND period = 'month'
    AND first_day = CAST(julianday(date(NEW.day * 86400, 'unixepoch', 'start of month')) - 2440587.5 AS INTEGER)
    AND bin = NEW.bin;
END;

-- A site's day cells are only deleted all at once (a rollup rebuilt), and its periods with them
-- (ensureTtvRollup). A move copies ttv_days and lets these triggers rebuild ttv_periods.
