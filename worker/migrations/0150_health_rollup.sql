-- Health from per-account signals (issue 22): GET /v1/health reads one row per account, kept
-- by triggers, instead of every identified user's profile, latest answers and first occurrences.
--
--   user_profiles + milestones + latest_answers → health_users (per identified user: account,
--   last activity, whether they started / reached value) → health_accounts (per account: users,
--   last activity, how many started / reached, the latest NPS, CSAT and CES answer of its users
--   as json [score, scale_min, scale_max, direction, ts], the latest by ts then smallest user
--   key, as accountSignals takes them in the order LATEST_ANSWERS returns them).
-- Kept only for the settings registered in health_keys (account trait, TTV start and value):
-- the first report under a setting builds it once (ensureHealthRollup, healthRollup.ts).
-- A user's activity growing, starting or reaching value, or joining with no latest answer changes
-- its account's counts in one update; anything else (a user leaving, moving account, joining with
-- answers, a new latest answer) recomputes the account from its users, by index: O(users of that
-- account).
-- Open tickets are not here: they come from the ticket events (O(tickets), not users).

CREATE TABLE health_keys (
  site_id      TEXT PRIMARY KEY,
  account_path TEXT NOT NULL,
  ttv_start    TEXT NOT NULL,
  ttv_value    TEXT NOT NULL
) STRICT, WITHOUT ROWID;

CREATE TABLE health_users (
  site_id  TEXT NOT NULL,
  user_key TEXT NOT NULL,
  account  TEXT NOT NULL,
  last_ts  INTEGER,
  started  INTEGER NOT NULL,
  reached  INTEGER NOT NULL,
  touch    INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (site_id, user_key)
) STRICT, WITHOUT ROWID;
-- Covering, so recomputing an account reads its own users only (with (site_id, account) alone
-- SQLite chose the primary key and scanned the site).
CREATE INDEX health_users_account ON health_users(site_id, account, last_ts, started, reached);

CREATE TABLE health_accounts (
  site_id TEXT NOT NULL,
  account TEXT NOT NULL,
  users   INTEGER NOT NULL,
  last_ts INTEGER,
  started INTEGER NOT NULL,
  reached INTEGER NOT NULL,
  nps     TEXT,
  csat    TEXT,
  ces     TEXT,
  PRIMARY KEY (site_id, account)
) STRICT, WITHOUT ROWID;

-- A user's row from their profile: the account trait as String() spells it (as 0110 does), else
-- the user; anonymous users are no accounts' users (as PROFILES reads them).
CREATE TRIGGER user_profiles_health_insert AFTER INSERT ON user_profiles
WHEN NEW.user_key NOT LIKE 'anon:%' BEGIN
  INSERT INTO health_users (site_id, user_key, account, last_ts, started, reached)
  SELECT k.site_id, NEW.user_key, (SELECT CASE typeof(x) WHEN 'null' THEN NEW.user_key
              WHEN 'real' THEN (CASE WHEN x = CAST(x AS INTEGER) AND abs(x) < 1e15 THEN CAST(CAST(x AS INTEGER) AS TEXT) ELSE CAST(x AS TEXT) END)
              ELSE CAST(x AS TEXT) END FROM (SELECT json_extract(NEW.traits, k.account_path) AS x)),
    NEW.last_ts,
    EXISTS (SELECT 1 FROM milestones m WHERE m.site_id = k.site_id AND m.name = k.ttv_start AND m.user_key = NEW.user_key),
    EXISTS (SELECT 1 FROM milestones m WHERE m.site_id = k.site_id AND m.name = k.ttv_value AND m.user_key = NEW.user_key)
  FROM health_keys k WHERE k.site_id = NEW.site_id
  ON CONFLICT DO UPDATE SET account = excluded.account, last_ts = excluded.last_ts
    WHERE account <> excluded.account OR last_ts IS NOT excluded.last_ts;
END;

-- Activity alone (most profile updates): one update by key, no trait or first-occurrence read.
-- The user's row exists whenever the site's key is registered (built with it, then inserted above).
CREATE TRIGGER user_profiles_health_active AFTER UPDATE OF last_ts ON user_profiles
WHEN NEW.user_key NOT LIKE 'anon:%' AND OLD.last_ts IS NOT NEW.last_ts AND OLD.traits IS NEW.traits BEGIN
  UPDATE health_users SET last_ts = NEW.last_ts WHERE site_id = NEW.site_id AND user_key = NEW.user_key;
END;

CREATE TRIGGER user_profiles_health_update AFTER UPDATE ON user_profiles
WHEN NEW.user_key NOT LIKE 'anon:%' AND OLD.traits IS NOT NEW.traits BEGIN
  INSERT INTO health_users (site_id, user_key, account, last_ts, started, reached)
  SELECT k.site_id, NEW.user_key, (SELECT CASE typeof(x) WHEN 'null' THEN NEW.user_key
              WHEN 'real' THEN (CASE WHEN x = CAST(x AS INTEGER) AND abs(x) < 1e15 THEN CAST(CAST(x AS INTEGER) AS TEXT) ELSE CAST(x AS TEXT) END)
              ELSE CAST(x AS TEXT) END FROM (SELECT json_extract(NEW.traits, k.account_path) AS x)),
    NEW.last_ts,
    EXISTS (SELECT 1 FROM milestones m WHERE m.site_id = k.site_id AND m.name = k.ttv_start AND m.user_key = NEW.user_key),
    EXISTS (SELECT 1 FROM milestones m WHERE m.site_id = k.site_id AND m.name = k.ttv_value AND m.user_key = NEW.user_key)
  FROM health_keys k WHERE k.site_id = NEW.site_id
  ON CONFLICT DO UPDATE SET account = excluded.account, last_ts = excluded.last_ts
    WHERE account <> excluded.account OR last_ts IS NOT excluded.last_ts;
END;

CREATE TRIGGER user_profiles_health_delete AFTER DELETE ON user_profiles BEGIN
  DELETE FROM health_users WHERE site_id = OLD.site_id AND user_key = OLD.user_key;
END;

-- A first occurrence of the TTV start or value stored or erased.
CREATE TRIGGER milestones_health_insert AFTER INSERT ON milestones BEGIN
  UPDATE health_users SET
    started = started OR NEW.name = (SELECT k.ttv_start FROM health_keys k WHERE k.site_id = NEW.site_id),
    reached = reached OR NEW.name = (SELECT k.ttv_value FROM health_keys k WHERE k.site_id = NEW.site_id)
  WHERE site_id = NEW.site_id AND user_key = NEW.user_key
    AND EXISTS (SELECT 1 FROM health_keys k WHERE k.site_id = NEW.site_id AND NEW.name IN (k.ttv_start, k.ttv_value));
END;

CREATE TRIGGER milestones_health_delete AFTER DELETE ON milestones BEGIN
  UPDATE health_users SET
    started = started AND OLD.name IS NOT (SELECT k.ttv_start FROM health_keys k WHERE k.site_id = OLD.site_id),
    reached = reached AND OLD.name IS NOT (SELECT k.ttv_value FROM health_keys k WHERE k.site_id = OLD.site_id)
  WHERE site_id = OLD.site_id AND user_key = OLD.user_key
    AND EXISTS (SELECT 1 FROM health_keys k WHERE k.site_id = OLD.site_id AND OLD.name IN (k.ttv_start, k.ttv_value));
END;

-- A user's latest answer of a kind stored, replaced or erased: their account is recomputed.
CREATE TRIGGER latest_answers_health_insert AFTER INSERT ON latest_answers BEGIN
  UPDATE health_users SET touch = touch + 1 WHERE site_id = NEW.site_id AND user_key = NEW.user_key;
END;

CREATE TRIGGER latest_answers_health_update AFTER UPDATE ON latest_answers BEGIN
  UPDATE health_users SET touch = touch + 1 WHERE site_id = NEW.site_id AND user_key = NEW.user_key;
END;

CREATE TRIGGER latest_answers_health_delete AFTER DELETE ON latest_answers BEGIN
  UPDATE health_users SET touch = touch + 1 WHERE site_id = OLD.site_id AND user_key = OLD.user_key;
END;

-- Accounts from their users, only while the site's key is registered (a rebuild inserts the
-- users first and the accounts in one GROUP BY, then the key).
-- A user new to the rollup with no latest answer (most: the profile comes with the first event)
-- adds to their account's counts; one with answers recomputes the account from its users.
CREATE TRIGGER health_users_insert_new AFTER INSERT ON health_users
WHEN EXISTS (SELECT 1 FROM health_keys k WHERE k.site_id = NEW.site_id)
  AND NOT EXISTS (SELECT 1 FROM latest_answers l WHERE l.site_id = NEW.site_id AND l.user_key = NEW.user_key) BEGIN
  INSERT INTO health_accounts (site_id, account, users, last_ts, started, reached, nps, csat, ces)
  VALUES (NEW.site_id, NEW.account, 1, NEW.last_ts, NEW.started, NEW.reached, NULL, NULL, NULL)
  ON CONFLICT DO UPDATE SET users = users + 1, started = started + excluded.started, reached = reached + excluded.reached,
    last_ts = CASE WHEN excluded.last_ts IS NULL THEN last_ts WHEN last_ts IS NULL OR last_ts < excluded.last_ts THEN excluded.last_ts ELSE last_ts END;
END;

CREATE TRIGGER health_users_insert AFTER INSERT ON health_users
WHEN EXISTS (SELECT 1 FROM health_keys k WHERE k.site_id = NEW.site_id)
  AND EXISTS (SELECT 1 FROM latest_answers l WHERE l.site_id = NEW.site_id AND l.user_key = NEW.user_key) BEGIN
  INSERT INTO health_accounts (site_id, account, users, last_ts, started, reached, nps, csat, ces)
  SELECT * FROM (
    SELECT NEW.site_id AS site_id, NEW.account AS account, count(*) AS users, max(u.last_ts) AS last_ts,
      coalesce(sum(u.started), 0) AS started, coalesce(sum(u.reached), 0) AS reached,
      (SELECT json_array(l.score, l.scale_min, l.scale_max, l.direction, l.ts) FROM health_users v
       JOIN latest_answers l ON l.site_id = v.site_id AND l.user_key = v.user_key AND l.kind = 'nps'
       WHERE v.site_id = NEW.site_id AND v.account = NEW.account ORDER BY l.ts DESC, v.user_key LIMIT 1) AS nps,
      (SELECT json_array(l.score, l.scale_min, l.scale_max, l.direction, l.ts) FROM health_users v
       JOIN latest_answers l ON l.site_id = v.site_id AND l.user_key = v.user_key AND l.kind = 'csat'
       WHERE v.site_id = NEW.site_id AND v.account = NEW.account ORDER BY l.ts DESC, v.user_key LIMIT 1) AS csat,
      (SELECT json_array(l.score, l.scale_min, l.scale_max, l.direction, l.ts) FROM health_users v
       JOIN latest_answers l ON l.site_id = v.site_id AND l.user_key = v.user_key AND l.kind = 'ces'
       WHERE v.site_id = NEW.site_id AND v.account = NEW.account ORDER BY l.ts DESC, v.user_key LIMIT 1) AS ces
    FROM health_users u WHERE u.site_id = NEW.site_id AND u.account = NEW.account) WHERE users > 0
  ON CONFLICT DO UPDATE SET users = excluded.users, last_ts = excluded.last_ts, started = excluded.started,
    reached = excluded.reached, nps = excluded.nps, csat = excluded.csat, ces = excluded.ces;
  DELETE FROM health_accounts WHERE site_id = NEW.site_id AND account = NEW.account
    AND NOT EXISTS (SELECT 1 FROM health_users u WHERE u.site_id = NEW.site_id AND u.account = NEW.account);
END;

-- A user staying in their account whose activity only grows, or who starts or reaches value (or
-- no longer has, after an erasure), changes their account's counts in one update.
CREATE TRIGGER health_users_active AFTER UPDATE ON health_users
WHEN NEW.account = OLD.account AND NEW.touch = OLD.touch
  AND (NEW.last_ts IS OLD.last_ts OR (NEW.last_ts IS NOT NULL AND (OLD.last_ts IS NULL OR NEW.last_ts >= OLD.last_ts)))
  AND EXISTS (SELECT 1 FROM health_keys k WHERE k.site_id = NEW.site_id) BEGIN
  UPDATE health_accounts SET started = started + NEW.started - OLD.started, reached = reached + NEW.reached - OLD.reached,
    last_ts = CASE WHEN NEW.last_ts IS NULL THEN last_ts WHEN last_ts IS NULL OR last_ts < NEW.last_ts THEN NEW.last_ts ELSE last_ts END
  WHERE site_id = NEW.site_id AND account = NEW.account
    AND (NEW.started <> OLD.started OR NEW.reached <> OLD.reached OR (NEW.last_ts IS NOT NULL AND (last_ts IS NULL OR last_ts < NEW.last_ts)));
END;

-- A user moving recomputes the account they left (unless it is the one they are in) and the one they are in.
CREATE TRIGGER health_users_move AFTER UPDATE ON health_users
WHEN NOT (NEW.account = OLD.account AND NEW.touch = OLD.touch
  AND (NEW.last_ts IS OLD.last_ts OR (NEW.last_ts IS NOT NULL AND (OLD.last_ts IS NULL OR NEW.last_ts >= OLD.last_ts))))
  AND EXISTS (SELECT 1 FROM health_keys k WHERE k.site_id = NEW.site_id) BEGIN
  INSERT INTO health_accounts (site_id, account, users, last_ts, started, reached, nps, csat, ces)
  SELECT * FROM (
    SELECT OLD.site_id AS site_id, OLD.account AS account, count(*) AS users, max(u.last_ts) AS last_ts,
      coalesce(sum(u.started), 0) AS started, coalesce(sum(u.reached), 0) AS reached,
      (SELECT json_array(l.score, l.scale_min, l.scale_max, l.direction, l.ts) FROM health_users v
       JOIN latest_answers l ON l.site_id = v.site_id AND l.user_key = v.user_key AND l.kind = 'nps'
       WHERE v.site_id = OLD.site_id AND v.account = OLD.account ORDER BY l.ts DESC, v.user_key LIMIT 1) AS nps,
      (SELECT json_array(l.score, l.scale_min, l.scale_max, l.direction, l.ts) FROM health_users v
       JOIN latest_answers l ON l.site_id = v.site_id AND l.user_key = v.user_key AND l.kind = 'csat'
       WHERE v.site_id = OLD.site_id AND v.account = OLD.account ORDER BY l.ts DESC, v.user_key LIMIT 1) AS csat,
      (SELECT json_array(l.score, l.scale_min, l.scale_max, l.direction, l.ts) FROM health_users v
       JOIN latest_answers l ON l.site_id = v.site_id AND l.user_key = v.user_key AND l.kind = 'ces'
       WHERE v.site_id = OLD.site_id AND v.account = OLD.account ORDER BY l.ts DESC, v.user_key LIMIT 1) AS ces
    FROM health_users u WHERE u.site_id = OLD.site_id AND u.account = OLD.account) WHERE users > 0 AND OLD.account <> NEW.account
  ON CONFLICT DO UPDATE SET users = excluded.users, last_ts = excluded.last_ts, started = excluded.started,
    reached = excluded.reached, nps = excluded.nps, csat = excluded.csat, ces = excluded.ces;
  DELETE FROM health_accounts WHERE site_id = OLD.site_id AND account = OLD.account
    AND NOT EXISTS (SELECT 1 FROM health_users u WHERE u.site_id = OLD.site_id AND u.account = OLD.account);
  INSERT INTO health_accounts (site_id, account, users, last_ts, started, reached, nps, csat, ces)
  SELECT * FROM (
    SELECT NEW.site_id AS site_id, NEW.account AS account, count(*) AS users, max(u.last_ts) AS last_ts,
      coalesce(sum(u.started), 0) AS started, coalesce(sum(u.reached), 0) AS reached,
      (SELECT json_array(l.score, l.scale_min, l.scale_max, l.direction, l.ts) FROM health_users v
       JOIN latest_answers l ON l.site_id = v.site_id AND l.user_key = v.user_key AND l.kind = 'nps'
       WHERE v.site_id = NEW.site_id AND v.account = NEW.account ORDER BY l.ts DESC, v.user_key LIMIT 1) AS nps,
      (SELECT json_array(l.score, l.scale_min, l.scale_max, l.direction, l.ts) FROM health_users v
       JOIN latest_answers l ON l.site_id = v.site_id AND l.user_key = v.user_key AND l.kind = 'csat'
       WHERE v.site_id = NEW.site_id AND v.account = NEW.account ORDER BY l.ts DESC, v.user_key LIMIT 1) AS csat,
      (SELECT json_array(l.score, l.scale_min, l.scale_max, l.direction, l.ts) FROM health_users v
       JOIN latest_answers l ON l.site_id = v.site_id AND l.user_key = v.user_key AND l.kind = 'ces'
       WHERE v.site_id = NEW.site_id AND v.account = NEW.account ORDER BY l.ts DESC, v.user_key LIMIT 1) AS ces
    FROM health_users u WHERE u.site_id = NEW.site_id AND u.account = NEW.account) WHERE users > 0
  ON CONFLICT DO UPDATE SET users = excluded.users, last_ts = excluded.last_ts, started = excluded.started,
    reached = excluded.reached, nps = excluded.nps, csat = excluded.csat, ces = excluded.ces;
  DELETE FROM health_accounts WHERE site_id = NEW.site_id AND account = NEW.account
    AND NOT EXISTS (SELECT 1 FROM health_users u WHERE u.site_id = NEW.site_id AND u.account = NEW.account);
END;

CREATE TRIGGER health_users_delete AFTER DELETE ON health_users WHEN EXISTS (SELECT 1 FROM health_keys k WHERE k.site_id = OLD.site_id) BEGIN
  INSERT INTO health_accounts (site_id, account, users, last_ts, started, reached, nps, csat, ces)
  SELECT * FROM (
    SELECT OLD.site_id AS site_id, OLD.account AS account, count(*) AS users, max(u.last_ts) AS last_ts,
      coalesce(sum(u.started), 0) AS started, coalesce(sum(u.reached), 0) AS reached,
      (SELECT json_array(l.score, l.scale_min, l.scale_max, l.direction, l.ts) FROM health_users v
       JOIN latest_answers l ON l.site_id = v.site_id AND l.user_key = v.user_key AND l.kind = 'nps'
       WHERE v.site_id = OLD.site_id AND v.account = OLD.account ORDER BY l.ts DESC, v.user_key LIMIT 1) AS nps,
      (SELECT json_array(l.score, l.scale_min, l.scale_max, l.direction, l.ts) FROM health_users v
       JOIN latest_answers l ON l.site_id = v.site_id AND l.user_key = v.user_key AND l.kind = 'csat'
       WHERE v.site_id = OLD.site_id AND v.account = OLD.account ORDER BY l.ts DESC, v.user_key LIMIT 1) AS csat,
      (SELECT json_array(l.score, l.scale_min, l.scale_max, l.direction, l.ts) FROM health_users v
       JOIN latest_answers l ON l.site_id = v.site_id AND l.user_key = v.user_key AND l.kind = 'ces'
       WHERE v.site_id = OLD.site_id AND v.account = OLD.account ORDER BY l.ts DESC, v.user_key LIMIT 1) AS ces
    FROM health_users u WHERE u.site_id = OLD.site_id AND u.account = OLD.account) WHERE users > 0
  ON CONFLICT DO UPDATE SET users = excluded.users, last_ts = excluded.last_ts, started = excluded.started,
    reached = excluded.reached, nps = excluded.nps, csat = excluded.csat, ces = excluded.ces;
  DELETE FROM health_accounts WHERE site_id = OLD.site_id AND account = OLD.account
    AND NOT EXISTS (SELECT 1 FROM health_users u WHERE u.site_id = OLD.site_id AND u.account = OLD.account);
END;
