-- Store what is read. Events per (site, day, name), kept for every event accepted: raw ones by
-- the trigger below, counted-only ones (settings.events.store = 'metrics', a name no metric
-- reads) by the collector's write in the same transaction. A retention purge or an erasure
-- leaves the counts, like the other rollups. `day` is the event's UTC day.
CREATE TABLE event_counts (
  site_id TEXT NOT NULL,
  day     TEXT NOT NULL,
  name    TEXT NOT NULL,
  n       INTEGER NOT NULL,
  PRIMARY KEY (site_id, day, name)
) STRICT, WITHOUT ROWID;

CREATE TRIGGER events_count AFTER INSERT ON events BEGIN
  INSERT INTO event_counts (site_id, day, name, n)
  VALUES (NEW.site_id, strftime('%Y-%m-%d', NEW.ts / 1000, 'unixepoch'), NEW.name, 1)
  ON CONFLICT DO UPDATE SET n = n + 1;
END;

INSERT INTO event_counts (site_id, day, name, n)
SELECT site_id, strftime('%Y-%m-%d', ts / 1000, 'unixepoch'), name, COUNT(*) FROM events GROUP BY 1, 2, 3;

-- The ids of counted-only events, so a re-sent one counts once (exactly once by item id, as a
-- raw event's primary key does). No index beyond the key; `ts` lets the retention purge go
-- through them by age.
CREATE TABLE event_ids (
  site_id TEXT NOT NULL,
  id      TEXT NOT NULL,
  ts      INTEGER NOT NULL,
  PRIMARY KEY (site_id, id)
) STRICT, WITHOUT ROWID;

-- Sites made before this migration keep storing every event until they change it.
UPDATE sites SET settings = json_set(settings, '$.events', json('{"store":"all"}'))
WHERE json_valid(settings) AND json_type(settings, '$.events') IS NULL;
