-- Retention over period cells (issue 22): the report read every (first day, lost day) cell of its
-- window, O(window days²) — about 20,500 cells for the default 365 days at a million users, 1.9×
-- the time at 10k. The report compares an account's times only with period starts (UTC months,
-- Monday weeks: the same grid for every window) and the window's end, so it needs days only in
-- the period that holds the window's last day. Two tables kept beside the day cells, per unit:
--
--   retention_periods     (first period, lost period): every account first active before that
--                         period and not lost in it — O(periods²) cells;
--   retention_period_days (first period, lost day): the accounts lost in it, to the day, of
--                         which the report reads ≤ 31 days — O(periods) cells.
--
-- The accounts first active in that period come from the day cells of its days (≤ 31²). Those
-- first active or lost on the last, partial day are counted per (first day, lost before `to` or
-- not), the lost ones in the lost index, which now covers both times: at a million users the
-- day's 4,500 losses took 21.6 ms looked up one by one and sent as JSON, 3.2 ms counted in the
-- index (Node's SQLite, the bench's data). Still O(accounts lost that day), not O(1).
-- (retentionLives, retentionRollup.ts)

-- The rollup is rebuilt by the first report under the new schema (ensureRetentionRollup), which
-- counts every account into the new tables through the triggers below.
DELETE FROM retention_keys;
DELETE FROM retention_accounts;
DELETE FROM retention_cells;
DELETE FROM retention_users;

-- Only the lost index covers both times: every event moves an account's lost time, which
-- rewrites its lost entry anyway, while a first-active index holding lost_ts would be rewritten
-- too. The accounts first active on the last day are that day's new accounts only.
DROP INDEX retention_accounts_lost;
CREATE INDEX retention_accounts_lost ON retention_accounts(site_id, lost_ts, first_ts);

-- An account's period starts, as days since 1970 (UTC): Monday of its week, the 1st of its month.
ALTER TABLE retention_accounts ADD COLUMN first_week INTEGER
  GENERATED ALWAYS AS (first_ts / 86400000 - (first_ts / 86400000 + 3) % 7) VIRTUAL;
ALTER TABLE retention_accounts ADD COLUMN lost_week INTEGER
  GENERATED ALWAYS AS (lost_ts / 86400000 - (lost_ts / 86400000 + 3) % 7) VIRTUAL;
ALTER TABLE retention_accounts ADD COLUMN first_month INTEGER
  GENERATED ALWAYS AS (CAST(strftime('%s', first_ts / 86400000 * 86400, 'unixepoch', 'start of month') AS INTEGER) / 86400) VIRTUAL;
ALTER TABLE retention_accounts ADD COLUMN lost_month INTEGER
  GENERATED ALWAYS AS (CAST(strftime('%s', lost_ts / 86400000 * 86400, 'unixepoch', 'start of month') AS INTEGER) / 86400) VIRTUAL;

CREATE TABLE retention_periods (
  site_id TEXT NOT NULL,
  unit    TEXT NOT NULL, -- 'week' | 'month'
  first_p INTEGER NOT NULL,
  lost_p  INTEGER NOT NULL,
  n       INTEGER NOT NULL,
  PRIMARY KEY (site_id, unit, first_p, lost_p)
) STRICT, WITHOUT ROWID;

CREATE TABLE retention_period_days (
  site_id  TEXT NOT NULL,
  unit     TEXT NOT NULL,
  lost_day INTEGER NOT NULL,
  first_p  INTEGER NOT NULL,
  n        INTEGER NOT NULL,
  PRIMARY KEY (site_id, unit, lost_day, first_p)
) STRICT, WITHOUT ROWID;

-- Each account counts once per unit in each table, moved when its periods (or its lost day) move.
CREATE TRIGGER retention_accounts_periods_insert AFTER INSERT ON retention_accounts BEGIN
  INSERT INTO retention_periods (site_id, unit, first_p, lost_p, n)
  VALUES (NEW.site_id, 'week', NEW.first_week, NEW.lost_week, 1), (NEW.site_id, 'month', NEW.first_month, NEW.lost_month, 1)
  ON CONFLICT DO UPDATE SET n = n + 1;
  INSERT INTO retention_period_days (site_id, unit, lost_day, first_p, n)
  VALUES (NEW.site_id, 'week', NEW.lost_ts / 86400000, NEW.first_week, 1), (NEW.site_id, 'month', NEW.lost_ts / 86400000, NEW.first_month, 1)
  ON CONFLICT DO UPDATE SET n = n + 1;
END;

-- The day tests come first, so an update within the day (most events) computes no period.
CREATE TRIGGER retention_accounts_periods_update AFTER UPDATE ON retention_accounts
WHEN (NEW.first_ts / 86400000 <> OLD.first_ts / 86400000 OR NEW.lost_ts / 86400000 <> OLD.lost_ts / 86400000)
  AND (NEW.first_week <> OLD.first_week OR NEW.lost_week <> OLD.lost_week
    OR NEW.first_month <> OLD.first_month OR NEW.lost_month <> OLD.lost_month) BEGIN
  UPDATE retention_periods SET n = n - 1 WHERE site_id = OLD.site_id
    AND (unit, first_p, lost_p) IN (VALUES ('week', OLD.first_week, OLD.lost_week), ('month', OLD.first_month, OLD.lost_month));
  INSERT INTO retention_periods (site_id, unit, first_p, lost_p, n)
  VALUES (NEW.site_id, 'week', NEW.first_week, NEW.lost_week, 1), (NEW.site_id, 'month', NEW.first_month, NEW.lost_month, 1)
  ON CONFLICT DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER retention_accounts_period_days_update AFTER UPDATE ON retention_accounts
WHEN NEW.lost_ts / 86400000 <> OLD.lost_ts / 86400000
  OR (NEW.first_ts / 86400000 <> OLD.first_ts / 86400000
    AND (NEW.first_week <> OLD.first_week OR NEW.first_month <> OLD.first_month)) BEGIN
  UPDATE retention_period_days SET n = n - 1 WHERE site_id = OLD.site_id
    AND (unit, lost_day, first_p) IN (VALUES ('week', OLD.lost_ts / 86400000, OLD.first_week), ('month', OLD.lost_ts / 86400000, OLD.first_month));
  INSERT INTO retention_period_days (site_id, unit, lost_day, first_p, n)
  VALUES (NEW.site_id, 'week', NEW.lost_ts / 86400000, NEW.first_week, 1), (NEW.site_id, 'month', NEW.lost_ts / 86400000, NEW.first_month, 1)
  ON CONFLICT DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER retention_accounts_periods_delete AFTER DELETE ON retention_accounts BEGIN
  UPDATE retention_periods SET n = n - 1 WHERE site_id = OLD.site_id
    AND (unit, first_p, lost_p) IN (VALUES ('week', OLD.first_week, OLD.lost_week), ('month', OLD.first_month, OLD.lost_month));
  UPDATE retention_period_days SET n = n - 1 WHERE site_id = OLD.site_id
    AND (unit, lost_day, first_p) IN (VALUES ('week', OLD.lost_ts / 86400000, OLD.first_week), ('month', OLD.lost_ts / 86400000, OLD.first_month));
END;
