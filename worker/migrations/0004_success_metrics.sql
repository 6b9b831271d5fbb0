-- Customer-success metrics (time-to-value, resolution time, retention, revenue, health).

-- Time-to-value reads sign-ups in a date range from the first occurrences.
CREATE INDEX milestones_site_name_ts ON milestones(site_id, name, ts);

-- Resolution time pairs the first start and first end event of each entity (e.g. a ticket).
CREATE INDEX events_site_name_entity_ts ON events(site_id, name, entity, ts) WHERE entity IS NOT NULL;

-- One row per user (user_key = user_id, or 'anon:' || anonymous_id, as in milestones):
-- first and last activity (any event) for retention and health, and the user's traits for
-- `by=` segments. Traits come from answers (the widget's identify() traits travel on them)
-- and from events named `identify`, whose props are the traits; a newer value of a trait
-- replaces an older one. Kept by triggers, so reports cost O(users), not O(events).
CREATE TABLE user_profiles (
  site_id    TEXT NOT NULL,
  user_key   TEXT NOT NULL,
  first_ts   INTEGER,
  last_ts    INTEGER,
  traits     TEXT NOT NULL DEFAULT '{}',
  traits_ts  INTEGER NOT NULL DEFAULT -1,
  PRIMARY KEY (site_id, user_key)
) STRICT, WITHOUT ROWID;
CREATE INDEX user_profiles_site_first ON user_profiles(site_id, first_ts);

CREATE TRIGGER events_profile AFTER INSERT ON events BEGIN
  INSERT INTO user_profiles (site_id, user_key, first_ts, last_ts, traits, traits_ts)
  VALUES (
    NEW.site_id, coalesce(NEW.user_id, 'anon:' || NEW.anonymous_id), NEW.ts, NEW.ts,
    CASE WHEN NEW.name = 'identify' AND NEW.props IS NOT NULL THEN NEW.props ELSE '{}' END,
    CASE WHEN NEW.name = 'identify' AND NEW.props IS NOT NULL THEN NEW.ts ELSE -1 END)
  ON CONFLICT DO UPDATE SET
    first_ts = min(coalesce(first_ts, excluded.first_ts), excluded.first_ts),
    last_ts = max(coalesce(last_ts, excluded.last_ts), excluded.last_ts),
    traits = CASE
      WHEN excluded.traits_ts < 0 THEN traits
      WHEN excluded.traits_ts >= traits_ts THEN json_patch(traits, excluded.traits)
      ELSE json_patch(excluded.traits, traits) END,
    traits_ts = max(traits_ts, excluded.traits_ts);
END;

CREATE TRIGGER answers_profile AFTER INSERT ON answers WHEN NEW.traits IS NOT NULL BEGIN
  INSERT INTO user_profiles (site_id, user_key, traits, traits_ts)
  VALUES (NEW.site_id, coalesce(NEW.user_id, 'anon:' || NEW.anonymous_id), NEW.traits, NEW.ts)
  ON CONFLICT DO UPDATE SET
    traits = CASE
      WHEN excluded.traits_ts >= traits_ts THEN json_patch(traits, excluded.traits)
      ELSE json_patch(excluded.traits, traits) END,
    traits_ts = max(traits_ts, excluded.traits_ts);
END;

-- Profiles for what was stored before this migration.
INSERT INTO user_profiles (site_id, user_key, first_ts, last_ts)
SELECT site_id, coalesce(user_id, 'anon:' || anonymous_id), min(ts), max(ts) FROM events GROUP BY 1, 2;

INSERT INTO user_profiles (site_id, user_key, traits, traits_ts)
SELECT site_id, user_key, traits, ts FROM (
  SELECT site_id, coalesce(user_id, 'anon:' || anonymous_id) AS user_key, traits, ts FROM answers
  WHERE traits IS NOT NULL
  UNION ALL
  SELECT site_id, coalesce(user_id, 'anon:' || anonymous_id), props, ts FROM events
  WHERE name = 'identify' AND props IS NOT NULL
) ORDER BY ts
ON CONFLICT DO UPDATE SET traits = json_patch(traits, excluded.traits), traits_ts = excluded.traits_ts;
