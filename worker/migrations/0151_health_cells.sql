-- Health from cells (issue 22): GET /v1/health reads accounts per cell of what their score is
-- made of — the points of the latest NPS, CSAT and CES answer, the TTV state and the day of the
-- last activity — instead of one row per account, so its cost grows with days (and the few
-- combinations of answers), not with accounts. Within a cell an account's score depends only on
-- its exact last activity (recency) and its open tickets; the report reads, by the index below,
-- only the worst accounts of the cells that can hold the worst of the site, and the accounts
-- with open tickets (O(open tickets)), and scores those exactly: the lists and totals are exact.
--
-- A cell's key uses -1 for "unknown" (no answer of the kind, no TTV start, no activity).
-- health_accounts (0150) gets the key as generated columns, so the triggers, the rebuild and the
-- report compute it by one expression each; the cells are kept only while the site's health key
-- is registered (the rebuild groups the accounts into cells before it registers the key).

ALTER TABLE health_accounts ADD COLUMN nps_pts REAL GENERATED ALWAYS AS (CASE WHEN nps IS NULL THEN -1 ELSE 100.0 * (CASE json_extract(nps, '$[3]') WHEN 'lower-better' THEN 1.0 - (json_extract(nps, '$[0]') - json_extract(nps, '$[1]')) * 1.0 / (json_extract(nps, '$[2]') - json_extract(nps, '$[1]')) ELSE (json_extract(nps, '$[0]') - json_extract(nps, '$[1]')) * 1.0 / (json_extract(nps, '$[2]') - json_extract(nps, '$[1]')) END) END) VIRTUAL;
ALTER TABLE health_accounts ADD COLUMN csat_pts REAL GENERATED ALWAYS AS (CASE WHEN csat IS NULL THEN -1 ELSE 100.0 * (CASE json_extract(csat, '$[3]') WHEN 'lower-better' THEN 1.0 - (json_extract(csat, '$[0]') - json_extract(csat, '$[1]')) * 1.0 / (json_extract(csat, '$[2]') - json_extract(csat, '$[1]')) ELSE (json_extract(csat, '$[0]') - json_extract(csat, '$[1]')) * 1.0 / (json_extract(csat, '$[2]') - json_extract(csat, '$[1]')) END) END) VIRTUAL;
ALTER TABLE health_accounts ADD COLUMN ces_pts REAL GENERATED ALWAYS AS (CASE WHEN ces IS NULL THEN -1 ELSE 100.0 * (CASE json_extract(ces, '$[3]') WHEN 'lower-better' THEN 1.0 - (json_extract(ces, '$[0]') - json_extract(ces, '$[1]')) * 1.0 / (json_extract(ces, '$[2]') - json_extract(ces, '$[1]')) ELSE (json_extract(ces, '$[0]') - json_extract(ces, '$[1]')) * 1.0 / (json_extract(ces, '$[2]') - json_extract(ces, '$[1]')) END) END) VIRTUAL;
ALTER TABLE health_accounts ADD COLUMN ttv_state INTEGER GENERATED ALWAYS AS (CASE WHEN reached > 0 THEN 1 WHEN started > 0 THEN 0 ELSE -1 END) VIRTUAL;
ALTER TABLE health_accounts ADD COLUMN last_day INTEGER GENERATED ALWAYS AS (CASE WHEN last_ts IS NULL THEN -1 ELSE last_ts / 86400000 END) VIRTUAL;

-- The accounts of one cell by last activity then name: the order of their scores.
CREATE INDEX health_accounts_cell ON health_accounts(site_id, nps_pts, csat_pts, ces_pts, ttv_state, last_day, last_ts, account);

CREATE TABLE health_cells (
  site_id   TEXT NOT NULL,
  nps_pts   REAL NOT NULL,
  csat_pts  REAL NOT NULL,
  ces_pts   REAL NOT NULL,
  ttv_state INTEGER NOT NULL,
  last_day  INTEGER NOT NULL,
  n         INTEGER NOT NULL,
  PRIMARY KEY (site_id, nps_pts, csat_pts, ces_pts, ttv_state, last_day)
) STRICT, WITHOUT ROWID;

CREATE TRIGGER health_accounts_cell_insert AFTER INSERT ON health_accounts
WHEN EXISTS (SELECT 1 FROM health_keys k WHERE k.site_id = NEW.site_id) BEGIN
  INSERT INTO health_cells (site_id, nps_pts, csat_pts, ces_pts, ttv_state, last_day, n)
  VALUES (NEW.site_id, NEW.nps_pts, NEW.csat_pts, NEW.ces_pts, NEW.ttv_state, NEW.last_day, 1)
  ON CONFLICT DO UPDATE SET n = n + 1;
END;

-- Activity within the same day changes no cell: most updates stop at this WHEN.
CREATE TRIGGER health_accounts_cell_update AFTER UPDATE ON health_accounts
WHEN (NEW.last_day IS NOT OLD.last_day OR NEW.nps_pts IS NOT OLD.nps_pts OR NEW.csat_pts IS NOT OLD.csat_pts
  OR NEW.ces_pts IS NOT OLD.ces_pts OR NEW.ttv_state IS NOT OLD.ttv_state)
  AND EXISTS (SELECT 1 FROM health_keys k WHERE k.site_id = NEW.site_id) BEGIN
  UPDATE health_cells SET n = n - 1
  WHERE site_id = OLD.site_id AND nps_pts = OLD.nps_pts AND csat_pts = OLD.csat_pts AND ces_pts = OLD.ces_pts
    AND ttv_state = OLD.ttv_state AND last_day = OLD.last_day;
  DELETE FROM health_cells
  WHERE site_id = OLD.site_id AND nps_pts = OLD.nps_pts AND csat_pts = OLD.csat_pts AND ces_pts = OLD.ces_pts
    AND ttv_state = OLD.ttv_state AND last_day = OLD.last_day AND n <= 0;
  INSERT INTO health_cells (site_id, nps_pts, csat_pts, ces_pts, ttv_state, last_day, n)
  VALUES (NEW.site_id, NEW.nps_pts, NEW.csat_pts, NEW.ces_pts, NEW.ttv_state, NEW.last_day, 1)
  ON CONFLICT DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER health_accounts_cell_delete AFTER DELETE ON health_accounts
WHEN EXISTS (SELECT 1 FROM health_keys k WHERE k.site_id = OLD.site_id) BEGIN
  UPDATE health_cells SET n = n - 1
  WHERE site_id = OLD.site_id AND nps_pts = OLD.nps_pts AND csat_pts = OLD.csat_pts AND ces_pts = OLD.ces_pts
    AND ttv_state = OLD.ttv_state AND last_day = OLD.last_day;
  DELETE FROM health_cells
  WHERE site_id = OLD.site_id AND nps_pts = OLD.nps_pts AND csat_pts = OLD.csat_pts AND ces_pts = OLD.ces_pts
    AND ttv_state = OLD.ttv_state AND last_day = OLD.last_day AND n <= 0;
END;

-- Sites whose health key is registered already: their cells from their accounts.
INSERT INTO health_cells (site_id, nps_pts, csat_pts, ces_pts, ttv_state, last_day, n)
SELECT a.site_id, a.nps_pts, a.csat_pts, a.ces_pts, a.ttv_state, a.last_day, count(*)
FROM health_accounts a WHERE EXISTS (SELECT 1 FROM health_keys k WHERE k.site_id = a.site_id)
GROUP BY a.site_id, a.nps_pts, a.csat_pts, a.ces_pts, a.ttv_state, a.last_day;
