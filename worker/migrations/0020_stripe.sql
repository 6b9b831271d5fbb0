-- Revenue from billing: one Stripe webhook endpoint per site. The signing secret is kept as
-- given (HMAC needs it); only the webhook handler reads it. Refused deliveries are counted
-- here, not stored, so a flood of bad signatures cannot grow the database.
CREATE TABLE stripe_sources (
  site_id           TEXT PRIMARY KEY REFERENCES sites(id) ON DELETE CASCADE,
  signing_secret    TEXT NOT NULL,
  account           TEXT NOT NULL,
  created_at        INTEGER NOT NULL,
  failures          INTEGER NOT NULL DEFAULT 0,
  last_failure_at   INTEGER,
  last_failure      TEXT
) STRICT;

-- Each Stripe event id applied once per site (Stripe retries and may send an event twice);
-- also the log of recent deliveries.
CREATE TABLE stripe_events (
  site_id     TEXT NOT NULL,
  event_id    TEXT NOT NULL,
  type        TEXT NOT NULL,
  created     INTEGER NOT NULL,
  received_at INTEGER NOT NULL,
  outcome     TEXT NOT NULL CHECK (outcome IN ('applied', 'ignored')),
  PRIMARY KEY (site_id, event_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX stripe_events_recent ON stripe_events(site_id, received_at);

-- A subscription's state from `at` (the event's `created`, ms) on, as that event showed it:
-- history is ordered by Stripe's own time, so late and out-of-order deliveries land where
-- they happened. `final` = 1 for an ended subscription, which wins a tie in the same second.
CREATE TABLE stripe_subscription_states (
  site_id         TEXT NOT NULL,
  subscription_id TEXT NOT NULL,
  at              INTEGER NOT NULL,
  event_id        TEXT NOT NULL,
  final           INTEGER NOT NULL,
  account         TEXT NOT NULL,
  customer        TEXT NOT NULL,
  currency        TEXT NOT NULL,
  status          TEXT NOT NULL,
  mrr_minor       INTEGER NOT NULL,
  ends_at         INTEGER,
  PRIMARY KEY (site_id, subscription_id, at, final, event_id)
) STRICT, WITHOUT ROWID;
