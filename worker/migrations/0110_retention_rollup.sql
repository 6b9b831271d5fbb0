-- Retention from a rollup (issue 22): the report reads accounts per (first-active day, lost day)
-- cell, so it costs O(days²) of its window instead of O(users). A customer (an account of
-- identified users) is lost at max over its users of (first churn event, else last activity +
-- the inactivity days); when that time is still ahead it is a customer, which every period of a
-- window ending by now already sees as "not lost yet", so no cell depends on the clock.
--
-- Three levels, each kept by triggers on the one below, every change an upsert on a key:
--   user_profiles + milestones → retention_users (per user: account, first, lost; never read
--   by the report but to correct a window that ends before some users began)
--   → retention_accounts (per account: min first, max lost; the report reads the few whose
--   first or lost falls on the window's last, partial day) → retention_cells (per day pair).
-- Kept only for the settings registered in retention_keys (account trait, churn event,
-- inactivity): the first report under a setting builds it from the profiles and milestones,
-- once (ensureRetentionRollup, retentionRollup.ts), as 0080 does for time to value.

CREATE TABLE retention_keys (
  site_id       TEXT PRIMARY KEY,
  account_path  TEXT NOT NULL,
  churn_event   TEXT NOT NULL,
  inactivity_ms INTEGER NOT NULL
) STRICT, WITHOUT ROWID;

CREATE TABLE retention_users (
  site_id  TEXT NOT NULL,
  user_key TEXT NOT NULL,
  account  TEXT NOT NULL,
  first_ts INTEGER NOT NULL,
  lost_ts  INTEGER NOT NULL,
  PRIMARY KEY (site_id, user_key)
) STRICT, WITHOUT ROWID;
-- (account, first, lost) so an account's min and max are read from its own entries, never by
-- walking the first-active index.
CREATE INDEX retention_users_account ON retention_users(site_id, account, first_ts, lost_ts);
CREATE INDEX retention_users_first ON retention_users(site_id, first_ts);

CREATE TABLE retention_accounts (
  site_id  TEXT NOT NULL,
  account  TEXT NOT NULL,
  first_ts INTEGER NOT NULL,
  lost_ts  INTEGER NOT NULL,
  PRIMARY KEY (site_id, account)
) STRICT, WITHOUT ROWID;
CREATE INDEX retention_accounts_first ON retention_accounts(site_id, first_ts);
CREATE INDEX retention_accounts_lost ON retention_accounts(site_id, lost_ts);

CREATE TABLE retention_cells (
  site_id   TEXT NOT NULL,
  first_day INTEGER NOT NULL,
  lost_day  INTEGER NOT NULL,
  n         INTEGER NOT NULL,
  PRIMARY KEY (site_id, first_day, lost_day)
) STRICT, WITHOUT ROWID;

-- A user's row from their profile: the account trait as the report's String() spells it (an
-- integral real such as 2.0 is "2"), else the user; lost at the first churn event, else at last
-- activity + inactivity. Anonymous users and profiles without activity are no customers.
CREATE TRIGGER user_profiles_retention_insert AFTER INSERT ON user_profiles
WHEN NEW.first_ts IS NOT NULL AND NEW.user_key NOT LIKE 'anon:%' BEGIN
  INSERT INTO retention_users (site_id, user_key, account, first_ts, lost_ts)
  SELECT k.site_id, NEW.user_key,
    (SELECT CASE typeof(x) WHEN 'null' THEN NEW.user_key
              WHEN 'real' THEN (CASE WHEN x = CAST(x AS INTEGER) AND abs(x) < 1e15 THEN CAST(CAST(x AS INTEGER) AS TEXT) ELSE CAST(x AS TEXT) END)
              ELSE CAST(x AS TEXT) END FROM (SELECT json_extract(NEW.traits, k.account_path) AS x)),
    NEW.first_ts,
    coalesce((SELECT m.ts FROM milestones m WHERE m.site_id = k.site_id AND m.name = k.churn_event AND m.user_key = NEW.user_key),
             NEW.last_ts + k.inactivity_ms)
  FROM retention_keys k WHERE k.site_id = NEW.site_id
  ON CONFLICT DO UPDATE SET account = excluded.account, first_ts = excluded.first_ts, lost_ts = excluded.lost_ts
    WHERE account <> excluded.account OR first_ts <> excluded.first_ts OR lost_ts <> excluded.lost_ts;
END;

CREATE TRIGGER user_profiles_retention_update AFTER UPDATE ON user_profiles
WHEN NEW.first_ts IS NOT NULL AND NEW.user_key NOT LIKE 'anon:%'
  AND (OLD.first_ts IS NOT NEW.first_ts OR OLD.last_ts IS NOT NEW.last_ts OR OLD.traits <> NEW.traits) BEGIN
  INSERT INTO retention_users (site_id, user_key, account, first_ts, lost_ts)
  SELECT k.site_id, NEW.user_key,
    (SELECT CASE typeof(x) WHEN 'null' THEN NEW.user_key
              WHEN 'real' THEN (CASE WHEN x = CAST(x AS INTEGER) AND abs(x) < 1e15 THEN CAST(CAST(x AS INTEGER) AS TEXT) ELSE CAST(x AS TEXT) END)
              ELSE CAST(x AS TEXT) END FROM (SELECT json_extract(NEW.traits, k.account_path) AS x)),
    NEW.first_ts,
    coalesce((SELECT m.ts FROM milestones m WHERE m.site_id = k.site_id AND m.name = k.churn_event AND m.user_key = NEW.user_key),
             NEW.last_ts + k.inactivity_ms)
  FROM retention_keys k WHERE k.site_id = NEW.site_id
  ON CONFLICT DO UPDATE SET account = excluded.account, first_ts = excluded.first_ts, lost_ts = excluded.lost_ts
    WHERE account <> excluded.account OR first_ts <> excluded.first_ts OR lost_ts <> excluded.lost_ts;
END;

CREATE TRIGGER user_profiles_retention_delete AFTER DELETE ON user_profiles BEGIN
  DELETE FROM retention_users WHERE site_id = OLD.site_id AND user_key = OLD.user_key;
END;

-- A churn event's first occurrence stored, moved earlier or erased moves its user's lost time.
CREATE TRIGGER milestones_retention_insert AFTER INSERT ON milestones BEGIN
  UPDATE retention_users SET lost_ts = NEW.ts
  WHERE site_id = NEW.site_id AND user_key = NEW.user_key AND lost_ts <> NEW.ts
    AND EXISTS (SELECT 1 FROM retention_keys k WHERE k.site_id = NEW.site_id AND k.churn_event = NEW.name);
END;

CREATE TRIGGER milestones_retention_update AFTER UPDATE OF ts ON milestones WHEN NEW.ts <> OLD.ts BEGIN
  UPDATE retention_users SET lost_ts = NEW.ts
  WHERE site_id = NEW.site_id AND user_key = NEW.user_key AND lost_ts <> NEW.ts
    AND EXISTS (SELECT 1 FROM retention_keys k WHERE k.site_id = NEW.site_id AND k.churn_event = NEW.name);
END;

CREATE TRIGGER milestones_retention_delete AFTER DELETE ON milestones BEGIN
  UPDATE retention_users SET lost_ts = (
      SELECT p.last_ts + k.inactivity_ms FROM user_profiles p, retention_keys k
      WHERE p.site_id = OLD.site_id AND p.user_key = OLD.user_key AND k.site_id = OLD.site_id)
  WHERE site_id = OLD.site_id AND user_key = OLD.user_key
    AND EXISTS (SELECT 1 FROM retention_keys k WHERE k.site_id = OLD.site_id AND k.churn_event = OLD.name);
END;

-- An account takes the earliest first and the latest lost of its users. A user joining, or
-- moving later, only widens it (min/max with the new row); a user leaving or moving earlier
-- (a churn event before their last activity) recomputes it from its users, by index.
CREATE TRIGGER retention_users_insert AFTER INSERT ON retention_users BEGIN
  INSERT INTO retention_accounts (site_id, account, first_ts, lost_ts)
  VALUES (NEW.site_id, NEW.account, NEW.first_ts, NEW.lost_ts)
  ON CONFLICT DO UPDATE SET first_ts = min(first_ts, excluded.first_ts), lost_ts = max(lost_ts, excluded.lost_ts)
    WHERE excluded.first_ts < first_ts OR excluded.lost_ts > lost_ts;
END;

CREATE TRIGGER retention_users_widen AFTER UPDATE ON retention_users
WHEN NEW.account = OLD.account AND NEW.first_ts <= OLD.first_ts AND NEW.lost_ts >= OLD.lost_ts BEGIN
  UPDATE retention_accounts SET first_ts = min(first_ts, NEW.first_ts), lost_ts = max(lost_ts, NEW.lost_ts)
  WHERE site_id = NEW.site_id AND account = NEW.account AND (NEW.first_ts < first_ts OR NEW.lost_ts > lost_ts);
END;

CREATE TRIGGER retention_users_move AFTER UPDATE ON retention_users
WHEN NOT (NEW.account = OLD.account AND NEW.first_ts <= OLD.first_ts AND NEW.lost_ts >= OLD.lost_ts) BEGIN
  UPDATE retention_accounts SET
    first_ts = (SELECT min(u.first_ts) FROM retention_users u WHERE u.site_id = OLD.site_id AND u.account = OLD.account),
    lost_ts = (SELECT max(u.lost_ts) FROM retention_users u WHERE u.site_id = OLD.site_id AND u.account = OLD.account)
  WHERE site_id = OLD.site_id AND account = OLD.account
    AND EXISTS (SELECT 1 FROM retention_users u WHERE u.site_id = OLD.site_id AND u.account = OLD.account);
  DELETE FROM retention_accounts WHERE site_id = OLD.site_id AND account = OLD.account
    AND NOT EXISTS (SELECT 1 FROM retention_users u WHERE u.site_id = OLD.site_id AND u.account = OLD.account);
  INSERT INTO retention_accounts (site_id, account, first_ts, lost_ts)
  VALUES (NEW.site_id, NEW.account, NEW.first_ts, NEW.lost_ts)
  ON CONFLICT DO UPDATE SET first_ts = min(first_ts, excluded.first_ts), lost_ts = max(lost_ts, excluded.lost_ts)
    WHERE excluded.first_ts < first_ts OR excluded.lost_ts > lost_ts;
END;

CREATE TRIGGER retention_users_delete AFTER DELETE ON retention_users BEGIN
  UPDATE retention_accounts SET
    first_ts = (SELECT min(u.first_ts) FROM retention_users u WHERE u.site_id = OLD.site_id AND u.account = OLD.account),
    lost_ts = (SELECT max(u.lost_ts) FROM retention_users u WHERE u.site_id = OLD.site_id AND u.account = OLD.account)
  WHERE site_id = OLD.site_id AND account = OLD.account
    AND EXISTS (SELECT 1 FROM retention_users u WHERE u.site_id = OLD.site_id AND u.account = OLD.account);
  DELETE FROM retention_accounts WHERE site_id = OLD.site_id AND account = OLD.account
    AND NOT EXISTS (SELECT 1 FROM retention_users u WHERE u.site_id = OLD.site_id AND u.account = OLD.account);
END;

-- Each account counts once, in the cell of its first and lost days (days since 1970, UTC).
CREATE TRIGGER retention_accounts_insert AFTER INSERT ON retention_accounts BEGIN
  INSERT INTO retention_cells (site_id, first_day, lost_day, n)
  VALUES (NEW.site_id, NEW.first_ts / 86400000, NEW.lost_ts / 86400000, 1)
  ON CONFLICT DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER retention_accounts_update AFTER UPDATE ON retention_accounts
WHEN NEW.first_ts / 86400000 <> OLD.first_ts / 86400000 OR NEW.lost_ts / 86400000 <> OLD.lost_ts / 86400000 BEGIN
  UPDATE retention_cells SET n = n - 1
  WHERE site_id = OLD.site_id AND first_day = OLD.first_ts / 86400000 AND lost_day = OLD.lost_ts / 86400000;
  INSERT INTO retention_cells (site_id, first_day, lost_day, n)
  VALUES (NEW.site_id, NEW.first_ts / 86400000, NEW.lost_ts / 86400000, 1)
  ON CONFLICT DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER retention_accounts_delete AFTER DELETE ON retention_accounts BEGIN
  UPDATE retention_cells SET n = n - 1
  WHERE site_id = OLD.site_id AND first_day = OLD.first_ts / 86400000 AND lost_day = OLD.lost_ts / 86400000;
END;
