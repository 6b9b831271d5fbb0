-- A newer value wins per trait, whatever the order items arrive in. 0004 kept one timestamp
-- for all of a user's traits, so an older `plan` posted after a newer `country` overwrote a
-- newer `plan`. trait_times holds each trait's own timestamp ({"plan": 1764000000000, …});
-- traits_ts stays the newest of them.
ALTER TABLE user_profiles ADD COLUMN trait_times TEXT NOT NULL DEFAULT '{}';

-- What is stored so far: every trait gets the row's one timestamp, the best it knew.
UPDATE user_profiles SET trait_times = (SELECT json_group_object(key, user_profiles.traits_ts) FROM json_each(user_profiles.traits))
WHERE traits <> '{}';

DROP TRIGGER events_profile;
DROP TRIGGER answers_profile;

-- Activity, then traits: the profile row exists after the first statement, so the second can
-- merge into it. Each trait of either side is ranked by its timestamp (the incoming side wins
-- a tie, as before), and the winner of each keeps its value and time.
CREATE TRIGGER events_profile AFTER INSERT ON events BEGIN
  INSERT INTO user_profiles (site_id, user_key, first_ts, last_ts)
  VALUES (NEW.site_id, coalesce(NEW.user_id, 'anon:' || NEW.anonymous_id), NEW.ts, NEW.ts)
  ON CONFLICT DO UPDATE SET
    first_ts = min(coalesce(first_ts, excluded.first_ts), excluded.first_ts),
    last_ts = max(coalesce(last_ts, excluded.last_ts), excluded.last_ts);
  UPDATE user_profiles SET
    traits = (SELECT json_group_object(key, json(value)) FROM (
      SELECT key, value, max(rank) FROM (
        SELECT o.key, user_profiles.traits -> o.fullkey AS value,
               coalesce(user_profiles.trait_times ->> o.fullkey, user_profiles.traits_ts) * 2 AS rank
          FROM json_each(user_profiles.traits) AS o
        UNION ALL
        SELECT n.key, NEW.props -> n.fullkey, NEW.ts * 2 + 1 FROM json_each(NEW.props) AS n
      ) GROUP BY key)),
    trait_times = (SELECT json_group_object(key, rank / 2) FROM (
      SELECT key, max(rank) AS rank FROM (
        SELECT o.key, coalesce(user_profiles.trait_times ->> o.fullkey, user_profiles.traits_ts) * 2 AS rank
          FROM json_each(user_profiles.traits) AS o
        UNION ALL
        SELECT n.key, NEW.ts * 2 + 1 FROM json_each(NEW.props) AS n
      ) GROUP BY key)),
    traits_ts = max(traits_ts, NEW.ts)
  WHERE NEW.name = 'identify' AND NEW.props IS NOT NULL
    AND site_id = NEW.site_id AND user_key = coalesce(NEW.user_id, 'anon:' || NEW.anonymous_id);
END;

CREATE TRIGGER answers_profile AFTER INSERT ON answers WHEN NEW.traits IS NOT NULL BEGIN
  INSERT INTO user_profiles (site_id, user_key) VALUES (NEW.site_id, coalesce(NEW.user_id, 'anon:' || NEW.anonymous_id))
  ON CONFLICT DO NOTHING;
  UPDATE user_profiles SET
    traits = (SELECT json_group_object(key, json(value)) FROM (
      SELECT key, value, max(rank) FROM (
        SELECT o.key, user_profiles.traits -> o.fullkey AS value,
               coalesce(user_profiles.trait_times ->> o.fullkey, user_profiles.traits_ts) * 2 AS rank
          FROM json_each(user_profiles.traits) AS o
        UNION ALL
        SELECT n.key, NEW.traits -> n.fullkey, NEW.ts * 2 + 1 FROM json_each(NEW.traits) AS n
      ) GROUP BY key)),
    trait_times = (SELECT json_group_object(key, rank / 2) FROM (
      SELECT key, max(rank) AS rank FROM (
        SELECT o.key, coalesce(user_profiles.trait_times ->> o.fullkey, user_profiles.traits_ts) * 2 AS rank
          FROM json_each(user_profiles.traits) AS o
        UNION ALL
        SELECT n.key, NEW.ts * 2 + 1 FROM json_each(NEW.traits) AS n
      ) GROUP BY key)),
    traits_ts = max(traits_ts, NEW.ts)
  WHERE site_id = NEW.site_id AND user_key = coalesce(NEW.user_id, 'anon:' || NEW.anonymous_id);
END;
