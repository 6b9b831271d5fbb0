-- The entities still open (tickets without an end), by key: GET /v1/health reads the open
-- tickets of the site from the resolution rollup (0081) in O(open tickets), instead of every
-- start event the site ever stored.
CREATE INDEX duration_entities_open ON duration_entities(site_id, start_name, end_name, entity) WHERE end_ts IS NULL;
