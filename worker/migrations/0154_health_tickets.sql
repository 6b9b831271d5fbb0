-- Open tickets in the health cells (issue 22): GET /v1/health read every open ticket of the site
-- (O(open tickets), 60k at a million users) to score the accounts that have some. Now each
-- account's row counts its open tickets, kept by triggers, and the cells key on that count up
-- to 4 (the tickets part is 100 − 25 per ticket, at least 0, so 4 or more score alike): within
-- a cell an account's score depends on its exact last activity alone, and the report reads no
-- ticket.
--
--   duration_entities (0081: the site's resolution pair, open while end_ts IS NULL)
--     → health_tickets (per open entity: its starter, the account prop of its start event, and
--       the account it counts for) → health_accounts.tickets → the cell's tickets key.
--
-- A ticket counts for the account of its start event's prop at the account trait, else its
-- starter's (their account trait, else — identified users only — the user), as the per-user
-- read does (durationEntities + accountSignals). Its account follows the starter's profile:
-- traits changed by a later identify, the profile created after the ticket, or erased.
-- Kept while the site's health key is registered; ensureHealthRollup builds it with the rest.
-- The accounts are recomputed from their users in one place (health_recompute), which the user
-- triggers of 0150 now ask, so an account that has open tickets but no users keeps its row.

-- The rollup is rebuilt by the first report under the new schema.
DELETE FROM health_keys;
DELETE FROM health_cells;
DELETE FROM health_accounts;
DELETE FROM health_users;

ALTER TABLE health_accounts ADD COLUMN tickets INTEGER NOT NULL DEFAULT 0;
ALTER TABLE health_accounts ADD COLUMN tickets_key INTEGER GENERATED ALWAYS AS (min(tickets, 4)) VIRTUAL;

DROP INDEX health_accounts_cell;
CREATE INDEX health_accounts_cell ON health_accounts(site_id, nps_pts, csat_pts, ces_pts, ttv_state, tickets_key, last_day, last_ts, account);

DROP TRIGGER health_accounts_cell_insert;
DROP TRIGGER health_accounts_cell_update;
DROP TRIGGER health_accounts_cell_delete;
DROP TABLE health_cells;
CREATE TABLE health_cells (
  site_id   TEXT NOT NULL,
  nps_pts   REAL NOT NULL,
  csat_pts  REAL NOT NULL,
  ces_pts   REAL NOT NULL,
  ttv_state INTEGER NOT NULL,
  tickets   INTEGER NOT NULL,
  last_day  INTEGER NOT NULL,
  n         INTEGER NOT NULL,
  PRIMARY KEY (site_id, nps_pts, csat_pts, ces_pts, ttv_state, tickets, last_day)
) STRICT, WITHOUT ROWID;

CREATE TRIGGER health_accounts_cell_insert AFTER INSERT ON health_accounts
WHEN EXISTS (SELECT 1 FROM health_keys k WHERE k.site_id = NEW.site_id) BEGIN
  INSERT INTO health_cells (site_id, nps_pts, csat_pts, ces_pts, ttv_state, tickets, last_day, n)
  VALUES (NEW.site_id, NEW.nps_pts, NEW.csat_pts, NEW.ces_pts, NEW.ttv_state, NEW.tickets_key, NEW.last_day, 1)
  ON CONFLICT DO UPDATE SET n = n + 1;
END;

-- Activity within the same day changes no cell: most updates stop at this WHEN.
CREATE TRIGGER health_accounts_cell_update AFTER UPDATE ON health_accounts
WHEN (NEW.last_day IS NOT OLD.last_day OR NEW.nps_pts IS NOT OLD.nps_pts OR NEW.csat_pts IS NOT OLD.csat_pts
  OR NEW.ces_pts IS NOT OLD.ces_pts OR NEW.ttv_state IS NOT OLD.ttv_state OR NEW.tickets_key IS NOT OLD.tickets_key)
  AND EXISTS (SELECT 1 FROM health_keys k WHERE k.site_id = NEW.site_id) BEGIN
  UPDATE health_cells SET n = n - 1
  WHERE site_id = OLD.site_id AND nps_pts = OLD.nps_pts AND csat_pts = OLD.csat_pts AND ces_pts = OLD.ces_pts
    AND ttv_state = OLD.ttv_state AND tickets = OLD.tickets_key AND last_day = OLD.last_day;
  DELETE FROM health_cells
  WHERE site_id = OLD.site_id AND nps_pts = OLD.nps_pts AND csat_pts = OLD.csat_pts AND ces_pts = OLD.ces_pts
    AND ttv_state = OLD.ttv_state AND tickets = OLD.tickets_key AND last_day = OLD.last_day AND n <= 0;
  INSERT INTO health_cells (site_id, nps_pts, csat_pts, ces_pts, ttv_state, tickets, last_day, n)
  VALUES (NEW.site_id, NEW.nps_pts, NEW.csat_pts, NEW.ces_pts, NEW.ttv_state, NEW.tickets_key, NEW.last_day, 1)
  ON CONFLICT DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER health_accounts_cell_delete AFTER DELETE ON health_accounts
WHEN EXISTS (SELECT 1 FROM health_keys k WHERE k.site_id = OLD.site_id) BEGIN
  UPDATE health_cells SET n = n - 1
  WHERE site_id = OLD.site_id AND nps_pts = OLD.nps_pts AND csat_pts = OLD.csat_pts AND ces_pts = OLD.ces_pts
    AND ttv_state = OLD.ttv_state AND tickets = OLD.tickets_key AND last_day = OLD.last_day;
  DELETE FROM health_cells
  WHERE site_id = OLD.site_id AND nps_pts = OLD.nps_pts AND csat_pts = OLD.csat_pts AND ces_pts = OLD.ces_pts
    AND ttv_state = OLD.ttv_state AND tickets = OLD.tickets_key AND last_day = OLD.last_day AND n <= 0;
END;

-- One account recomputed from its users, by index (O(users of that account)): a row inserted
-- here is the request; the trigger carries it out and removes it. Open tickets are not the
-- users': the recompute leaves them, and keeps a row with no users while it has some.
CREATE TABLE health_recompute (
  site_id TEXT NOT NULL,
  account TEXT NOT NULL,
  PRIMARY KEY (site_id, account)
) STRICT, WITHOUT ROWID;

CREATE TRIGGER health_recompute_insert AFTER INSERT ON health_recompute BEGIN
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
    FROM health_users u WHERE u.site_id = NEW.site_id AND u.account = NEW.account)
  WHERE users > 0 OR EXISTS (SELECT 1 FROM health_accounts h WHERE h.site_id = NEW.site_id AND h.account = NEW.account)
  ON CONFLICT DO UPDATE SET users = excluded.users, last_ts = excluded.last_ts, started = excluded.started,
    reached = excluded.reached, nps = excluded.nps, csat = excluded.csat, ces = excluded.ces;
  DELETE FROM health_accounts WHERE site_id = NEW.site_id AND account = NEW.account AND users = 0 AND tickets = 0;
  DELETE FROM health_recompute WHERE site_id = NEW.site_id AND account = NEW.account;
END;

-- The user triggers of 0150 that recomputed accounts inline, now by request.
DROP TRIGGER health_users_insert;
CREATE TRIGGER health_users_insert AFTER INSERT ON health_users
WHEN EXISTS (SELECT 1 FROM health_keys k WHERE k.site_id = NEW.site_id)
  AND EXISTS (SELECT 1 FROM latest_answers l WHERE l.site_id = NEW.site_id AND l.user_key = NEW.user_key) BEGIN
  INSERT INTO health_recompute (site_id, account) VALUES (NEW.site_id, NEW.account);
END;

DROP TRIGGER health_users_move;
CREATE TRIGGER health_users_move AFTER UPDATE ON health_users
WHEN NOT (NEW.account = OLD.account AND NEW.touch = OLD.touch
  AND (NEW.last_ts IS OLD.last_ts OR (NEW.last_ts IS NOT NULL AND (OLD.last_ts IS NULL OR NEW.last_ts >= OLD.last_ts))))
  AND EXISTS (SELECT 1 FROM health_keys k WHERE k.site_id = NEW.site_id) BEGIN
  INSERT INTO health_recompute (site_id, account) SELECT OLD.site_id, OLD.account WHERE OLD.account <> NEW.account;
  INSERT INTO health_recompute (site_id, account) VALUES (NEW.site_id, NEW.account);
END;

DROP TRIGGER health_users_delete;
CREATE TRIGGER health_users_delete AFTER DELETE ON health_users
WHEN EXISTS (SELECT 1 FROM health_keys k WHERE k.site_id = OLD.site_id) BEGIN
  INSERT INTO health_recompute (site_id, account) VALUES (OLD.site_id, OLD.account);
END;

-- Every open entity of the site's resolution pair with its starter and the account it counts for.
CREATE TABLE health_tickets (
  site_id  TEXT NOT NULL,
  entity   TEXT NOT NULL,
  user_key TEXT NOT NULL,
  -- The start event's prop at the account trait, as String() spells it; NULL when it has none.
  prop     TEXT,
  -- The account it counts for; NULL for none (an anonymous starter without an account trait).
  account  TEXT,
  PRIMARY KEY (site_id, entity)
) STRICT, WITHOUT ROWID;
-- The tickets that follow their starter's profile. Covering: with (site_id, user_key) alone, or
-- partial on prop IS NULL, SQLite chose the primary key and read every ticket of the site.
CREATE INDEX health_tickets_starter ON health_tickets(site_id, user_key, prop, account);

-- Two requests, each carried out by its trigger and removed (as health_recompute): a ticket read
-- from its first start event, and a starter's profile, whose account their tickets without an
-- account prop take (their account trait, else the user for an identified user, else none).
CREATE TABLE health_ticket_starts (
  site_id    TEXT NOT NULL,
  entity     TEXT NOT NULL,
  start_name TEXT NOT NULL,
  start_ts   INTEGER NOT NULL,
  PRIMARY KEY (site_id, entity)
) STRICT, WITHOUT ROWID;

CREATE TABLE health_starters (
  site_id  TEXT NOT NULL,
  user_key TEXT NOT NULL,
  traits   TEXT,
  PRIMARY KEY (site_id, user_key)
) STRICT, WITHOUT ROWID;

-- The start event by key: its starter and account prop; without a prop, the starter's profile.
CREATE TRIGGER health_ticket_starts_insert AFTER INSERT ON health_ticket_starts BEGIN
  INSERT INTO health_tickets (site_id, entity, user_key, prop, account)
  SELECT s.site_id, NEW.entity, s.user_key, s.prop, s.prop
  FROM (SELECT e.site_id, coalesce(e.user_id, 'anon:' || e.anonymous_id) AS user_key,
          (SELECT CASE typeof(x) WHEN 'null' THEN NULL
                  WHEN 'real' THEN (CASE WHEN x = CAST(x AS INTEGER) AND abs(x) < 1e15 THEN CAST(CAST(x AS INTEGER) AS TEXT) ELSE CAST(x AS TEXT) END)
                  ELSE CAST(x AS TEXT) END FROM (SELECT json_extract(e.props, k.account_path) AS x)) AS prop
        FROM health_keys k CROSS JOIN events e INDEXED BY events_site_name_entity_ts
        WHERE k.site_id = NEW.site_id AND e.site_id = NEW.site_id AND e.name = NEW.start_name AND e.entity IS NOT NULL
          AND e.entity = NEW.entity AND e.ts = NEW.start_ts LIMIT 1) s
  WHERE true
  ON CONFLICT DO UPDATE SET user_key = excluded.user_key, prop = excluded.prop, account = excluded.account;
  INSERT INTO health_starters (site_id, user_key, traits)
  SELECT p.site_id, p.user_key, p.traits FROM health_tickets t
  JOIN user_profiles p ON p.site_id = t.site_id AND p.user_key = t.user_key
  WHERE t.site_id = NEW.site_id AND t.entity = NEW.entity AND t.prop IS NULL;
  DELETE FROM health_ticket_starts WHERE site_id = NEW.site_id AND entity = NEW.entity;
END;

CREATE TRIGGER health_starters_insert AFTER INSERT ON health_starters BEGIN
  UPDATE health_tickets SET account = (SELECT CASE typeof(x) WHEN 'null' THEN (CASE WHEN NEW.user_key NOT LIKE 'anon:%' THEN NEW.user_key END)
              WHEN 'real' THEN (CASE WHEN x = CAST(x AS INTEGER) AND abs(x) < 1e15 THEN CAST(CAST(x AS INTEGER) AS TEXT) ELSE CAST(x AS TEXT) END)
              ELSE CAST(x AS TEXT) END
       FROM (SELECT json_extract(NEW.traits, k.account_path) AS x FROM health_keys k WHERE k.site_id = NEW.site_id))
  WHERE site_id = NEW.site_id AND user_key = NEW.user_key AND prop IS NULL;
  DELETE FROM health_starters WHERE site_id = NEW.site_id AND user_key = NEW.user_key;
END;

-- An entity opened, its first start moved earlier (another start event, maybe another
-- starter), or ended.
CREATE TRIGGER duration_entities_health_insert AFTER INSERT ON duration_entities
WHEN NEW.end_ts IS NULL AND EXISTS (SELECT 1 FROM health_keys k WHERE k.site_id = NEW.site_id) BEGIN
  INSERT INTO health_ticket_starts (site_id, entity, start_name, start_ts)
  VALUES (NEW.site_id, NEW.entity, NEW.start_name, NEW.start_ts);
END;

CREATE TRIGGER duration_entities_health_update AFTER UPDATE ON duration_entities
WHEN (OLD.end_ts IS NULL OR NEW.end_ts IS NULL) AND EXISTS (SELECT 1 FROM health_keys k WHERE k.site_id = NEW.site_id) BEGIN
  DELETE FROM health_tickets WHERE site_id = OLD.site_id AND entity = OLD.entity AND NEW.end_ts IS NOT NULL;
  INSERT INTO health_ticket_starts (site_id, entity, start_name, start_ts)
  SELECT NEW.site_id, NEW.entity, NEW.start_name, NEW.start_ts WHERE NEW.end_ts IS NULL;
END;

CREATE TRIGGER duration_entities_health_delete AFTER DELETE ON duration_entities BEGIN
  DELETE FROM health_tickets WHERE site_id = OLD.site_id AND entity = OLD.entity;
END;

-- A starter's profile created, its traits changed, or erased: their tickets without an account
-- prop follow.
CREATE TRIGGER user_profiles_health_tickets_insert AFTER INSERT ON user_profiles
WHEN EXISTS (SELECT 1 FROM health_tickets t WHERE t.site_id = NEW.site_id AND t.user_key = NEW.user_key AND t.prop IS NULL)
  AND EXISTS (SELECT 1 FROM health_keys k WHERE k.site_id = NEW.site_id) BEGIN
  INSERT INTO health_starters (site_id, user_key, traits) VALUES (NEW.site_id, NEW.user_key, NEW.traits);
END;

CREATE TRIGGER user_profiles_health_tickets_update AFTER UPDATE OF traits ON user_profiles
WHEN OLD.traits IS NOT NEW.traits
  AND EXISTS (SELECT 1 FROM health_tickets t WHERE t.site_id = NEW.site_id AND t.user_key = NEW.user_key AND t.prop IS NULL)
  AND EXISTS (SELECT 1 FROM health_keys k WHERE k.site_id = NEW.site_id) BEGIN
  INSERT INTO health_starters (site_id, user_key, traits) VALUES (NEW.site_id, NEW.user_key, NEW.traits);
END;

CREATE TRIGGER user_profiles_health_tickets_delete AFTER DELETE ON user_profiles
WHEN EXISTS (SELECT 1 FROM health_tickets t WHERE t.site_id = OLD.site_id AND t.user_key = OLD.user_key AND t.prop IS NULL) BEGIN
  UPDATE health_tickets SET account = NULL WHERE site_id = OLD.site_id AND user_key = OLD.user_key AND prop IS NULL;
END;

-- A ticket counted for, moved between, or taken from accounts; an account with neither users
-- nor open tickets is no account.
CREATE TRIGGER health_tickets_insert AFTER INSERT ON health_tickets
WHEN NEW.account IS NOT NULL AND EXISTS (SELECT 1 FROM health_keys k WHERE k.site_id = NEW.site_id) BEGIN
  INSERT INTO health_accounts (site_id, account, users, last_ts, started, reached, tickets)
  VALUES (NEW.site_id, NEW.account, 0, NULL, 0, 0, 1)
  ON CONFLICT DO UPDATE SET tickets = tickets + 1;
END;

CREATE TRIGGER health_tickets_update AFTER UPDATE OF account ON health_tickets
WHEN OLD.account IS NOT NEW.account AND EXISTS (SELECT 1 FROM health_keys k WHERE k.site_id = NEW.site_id) BEGIN
  UPDATE health_accounts SET tickets = tickets - 1 WHERE site_id = OLD.site_id AND account = OLD.account;
  DELETE FROM health_accounts WHERE site_id = OLD.site_id AND account = OLD.account AND users = 0 AND tickets = 0;
  INSERT INTO health_accounts (site_id, account, users, last_ts, started, reached, tickets)
  SELECT NEW.site_id, NEW.account, 0, NULL, 0, 0, 1 WHERE NEW.account IS NOT NULL
  ON CONFLICT DO UPDATE SET tickets = tickets + 1;
END;

CREATE TRIGGER health_tickets_delete AFTER DELETE ON health_tickets
WHEN OLD.account IS NOT NULL AND EXISTS (SELECT 1 FROM health_keys k WHERE k.site_id = OLD.site_id) BEGIN
  UPDATE health_accounts SET tickets = tickets - 1 WHERE site_id = OLD.site_id AND account = OLD.account;
  DELETE FROM health_accounts WHERE site_id = OLD.site_id AND account = OLD.account AND users = 0 AND tickets = 0;
END;
