-- Time to value read in a bounded number of rows (issue 22). ttv_periods (0082) kept one row
-- per (cohort, bin): a week of 300 users fills 250 of them, a week of 40,000 users all 700
-- bins its times span, so the report read (and parsed) 2.7× more rows at 1M users than at 10k.
-- ttv_cells keeps the same sums densely: one row per (span, chunk of 64 bins) holding the 64
-- counts as a JSON array, so a window reads one row per chunk of each whole week or month and
-- of each day at its edges, however many users fill them. Kept by triggers on ttv_days (the
-- day × bin cells of 0080), as ttv_periods was; it replaces ttv_periods.
-- A bin b is slot b + 1 (slot 0 counts users whose value came before their start, bin -1):
-- chunk (b + 1) / 64, position (b + 1) % 64.
CREATE TABLE ttv_cells (
  site_id    TEXT NOT NULL,
  start_name TEXT NOT NULL,
  value_name TEXT NOT NULL,
  span       TEXT NOT NULL CHECK (span IN ('day', 'week', 'month')),
  -- First day of the span (days since 1970, UTC): the day, the Monday of its ISO week, the first of its month.
  first_day  INTEGER NOT NULL,
  chunk      INTEGER NOT NULL,
  -- 64 counts, slot 64 × chunk + i at position i.
  counts     TEXT NOT NULL,
  PRIMARY KEY (site_id, start_name, value_name, span, first_day, chunk)
) STRICT, WITHOUT ROWID;

DROP TRIGGER ttv_days_periods_insert;
DROP TRIGGER ttv_days_periods_update;
DROP TABLE ttv_periods;

CREATE TRIGGER ttv_days_cells_insert AFTER INSERT ON ttv_days BEGIN
  INSERT INTO ttv_cells (site_id, start_name, value_name, span, first_day, chunk, counts)
  VALUES (NEW.site_id, NEW.start_name, NEW.value_name, 'day', NEW.day, (NEW.bin + 1) / 64,
          json_replace('[0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0]', '$[' || ((NEW.bin + 1) % 64) || ']', NEW.n))
  ON CONFLICT DO UPDATE SET counts = json_replace(counts, '$[' || ((NEW.bin + 1) % 64) || ']', json_extract(counts, '$[' || ((NEW.bin + 1) % 64) || ']') + NEW.n);
  INSERT INTO ttv_cells (site_id, start_name, value_name, span, first_day, chunk, counts)
  VALUES (NEW.site_id, NEW.start_name, NEW.value_name, 'week', NEW.day - ((NEW.day + 3) % 7), (NEW.bin + 1) / 64,
          json_replace('[0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0]', '$[' || ((NEW.bin + 1) % 64) || ']', NEW.n))
  ON CONFLICT DO UPDATE SET counts = json_replace(counts, '$[' || ((NEW.bin + 1) % 64) || ']', json_extract(counts, '$[' || ((NEW.bin + 1) % 64) || ']') + NEW.n);
  INSERT INTO ttv_cells (site_id, start_name, value_name, span, first_day, chunk, counts)
  VALUES (NEW.site_id, NEW.start_name, NEW.value_name, 'month',
          CAST(julianday(date(NEW.day * 86400, 'unixepoch', 'start of month')) - 2440587.5 AS INTEGER), (NEW.bin + 1) / 64, json_replace('[0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0]', '$[' || ((NEW.bin + 1) % 64) || ']', NEW.n))
  ON CONFLICT DO UPDATE SET counts = json_replace(counts, '$[' || ((NEW.bin + 1) % 64) || ']', json_extract(counts, '$[' || ((NEW.bin + 1) % 64) || ']') + NEW.n);
END;

-- The upserts of 0080 change a cell's n (ON CONFLICT DO UPDATE fires UPDATE triggers). One
-- statement per span, so each is a lookup of the primary key.
CREATE TRIGGER ttv_days_cells_update AFTER UPDATE OF n ON ttv_days WHEN NEW.n <> OLD.n BEGIN
  UPDATE ttv_cells SET counts = json_replace(counts, '$[' || ((NEW.bin + 1) % 64) || ']', json_extract(counts, '$[' || ((NEW.bin + 1) % 64) || ']') + NEW.n - OLD.n)
  WHERE site_id = NEW.site_id AND start_name = NEW.start_name AND value_name = NEW.value_name
    AND span = 'day' AND first_day = NEW.day AND chunk = (NEW.bin + 1) / 64;
  UPDATE ttv_cells SET counts = json_replace(counts, '$[' || ((NEW.bin + 1) % 64) || ']', json_extract(counts, '$[' || ((NEW.bin + 1) % 64) || ']') + NEW.n - OLD.n)
  WHERE site_id = NEW.site_id AND start_name = NEW.start_name AND value_name = NEW.value_name
    AND span = 'week' AND first_day = NEW.day - ((NEW.day + 3) % 7) AND chunk = (NEW.bin + 1) / 64;
  UPDATE ttv_cells SET counts = json_replace(counts, '$[' || ((NEW.bin + 1) % 64) || ']', json_extract(counts, '$[' || ((NEW.bin + 1) % 64) || ']') + NEW.n - OLD.n)
  WHERE site_id = NEW.site_id AND start_name = NEW.start_name AND value_name = NEW.value_name
    AND span = 'month' AND first_day = CAST(julianday(date(NEW.day * 86400, 'unixepoch', 'start of month')) - 2440587.5 AS INTEGER) AND chunk = (NEW.bin + 1) / 64;
END;

-- A site's day cells are only deleted all at once (a rollup rebuilt), and its ttv_cells with them
-- (ensureTtvRollup).

-- Existing sites keep their rollup: their day cells summed per span and chunk, 64 counts each.
INSERT INTO ttv_cells (site_id, start_name, value_name, span, first_day, chunk, counts)
SELECT site_id, start_name, value_name, span, first_day, slot / 64, json_array(
  coalesce(sum(n) FILTER (WHERE slot % 64 = 0), 0), coalesce(sum(n) FILTER (WHERE slot % 64 = 1), 0), coalesce(sum(n) FILTER (WHERE slot % 64 = 2), 0),
  coalesce(sum(n) FILTER (WHERE slot % 64 = 3), 0), coalesce(sum(n) FILTER (WHERE slot % 64 = 4), 0), coalesce(sum(n) FILTER (WHERE slot % 64 = 5), 0),
  coalesce(sum(n) FILTER (WHERE slot % 64 = 6), 0), coalesce(sum(n) FILTER (WHERE slot % 64 = 7), 0), coalesce(sum(n) FILTER (WHERE slot % 64 = 8), 0),
  coalesce(sum(n) FILTER (WHERE slot % 64 = 9), 0), coalesce(sum(n) FILTER (WHERE slot % 64 = 10), 0), coalesce(sum(n) FILTER (WHERE slot % 64 = 11), 0),
  coalesce(sum(n) FILTER (WHERE slot % 64 = 12), 0), coalesce(sum(n) FILTER (WHERE slot % 64 = 13), 0), coalesce(sum(n) FILTER (WHERE slot % 64 = 14), 0),
  coalesce(sum(n) FILTER (WHERE slot % 64 = 15), 0), coalesce(sum(n) FILTER (WHERE slot % 64 = 16), 0), coalesce(sum(n) FILTER (WHERE slot % 64 = 17), 0),
  coalesce(sum(n) FILTER (WHERE slot % 64 = 18), 0), coalesce(sum(n) FILTER (WHERE slot % 64 = 19), 0), coalesce(sum(n) FILTER (WHERE slot % 64 = 20), 0),
  coalesce(sum(n) FILTER (WHERE slot % 64 = 21), 0), coalesce(sum(n) FILTER (WHERE slot % 64 = 22), 0), coalesce(sum(n) FILTER (WHERE slot % 64 = 23), 0),
  coalesce(sum(n) FILTER (WHERE slot % 64 = 24), 0), coalesce(sum(n) FILTER (WHERE slot % 64 = 25), 0), coalesce(sum(n) FILTER (WHERE slot % 64 = 26), 0),
  coalesce(sum(n) FILTER (WHERE slot % 64 = 27), 0), coalesce(sum(n) FILTER (WHERE slot % 64 = 28), 0), coalesce(sum(n) FILTER (WHERE slot % 64 = 29), 0),
  coalesce(sum(n) FILTER (WHERE slot % 64 = 30), 0), coalesce(sum(n) FILTER (WHERE slot % 64 = 31), 0), coalesce(sum(n) FILTER (WHERE slot % 64 = 32), 0),
  coalesce(sum(n) FILTER (WHERE slot % 64 = 33), 0), coalesce(sum(n) FILTER (WHERE slot % 64 = 34), 0), coalesce(sum(n) FILTER (WHERE slot % 64 = 35), 0),
  coalesce(sum(n) FILTER (WHERE slot % 64 = 36), 0), coalesce(sum(n) FILTER (WHERE slot % 64 = 37), 0), coalesce(sum(n) FILTER (WHERE slot % 64 = 38), 0),
  coalesce(sum(n) FILTER (WHERE slot % 64 = 39), 0), coalesce(sum(n) FILTER (WHERE slot % 64 = 40), 0), coalesce(sum(n) FILTER (WHERE slot % 64 = 41), 0),
  coalesce(sum(n) FILTER (WHERE slot % 64 = 42), 0), coalesce(sum(n) FILTER (WHERE slot % 64 = 43), 0), coalesce(sum(n) FILTER (WHERE slot % 64 = 44), 0),
  coalesce(sum(n) FILTER (WHERE slot % 64 = 45), 0), coalesce(sum(n) FILTER (WHERE slot % 64 = 46), 0), coalesce(sum(n) FILTER (WHERE slot % 64 = 47), 0),
  coalesce(sum(n) FILTER (WHERE slot % 64 = 48), 0), coalesce(sum(n) FILTER (WHERE slot % 64 = 49), 0), coalesce(sum(n) FILTER (WHERE slot % 64 = 50), 0),
  coalesce(sum(n) FILTER (WHERE slot % 64 = 51), 0), coalesce(sum(n) FILTER (WHERE slot % 64 = 52), 0), coalesce(sum(n) FILTER (WHERE slot % 64 = 53), 0),
  coalesce(sum(n) FILTER (WHERE slot % 64 = 54), 0), coalesce(sum(n) FILTER (WHERE slot % 64 = 55), 0), coalesce(sum(n) FILTER (WHERE slot % 64 = 56), 0),
  coalesce(sum(n) FILTER (WHERE slot % 64 = 57), 0), coalesce(sum(n) FILTER (WHERE slot % 64 = 58), 0), coalesce(sum(n) FILTER (WHERE slot % 64 = 59), 0),
  coalesce(sum(n) FILTER (WHERE slot % 64 = 60), 0), coalesce(sum(n) FILTER (WHERE slot % 64 = 61), 0), coalesce(sum(n) FILTER (WHERE slot % 64 = 62), 0),
  coalesce(sum(n) FILTER (WHERE slot % 64 = 63), 0))
FROM (
  SELECT d.site_id, d.start_name, d.value_name, s.span, d.bin + 1 AS slot, d.n,
         CASE s.span WHEN 'day' THEN d.day WHEN 'week' THEN d.day - ((d.day + 3) % 7)
           ELSE CAST(julianday(date(d.day * 86400, 'unixepoch', 'start of month')) - 2440587.5 AS INTEGER) END AS first_day
  FROM ttv_days d CROSS JOIN (SELECT 'day' AS span UNION ALL SELECT 'week' UNION ALL SELECT 'month') s
  WHERE d.n <> 0)
GROUP BY site_id, start_name, value_name, span, first_day, slot / 64;
