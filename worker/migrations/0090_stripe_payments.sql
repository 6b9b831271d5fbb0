-- Payments from Stripe beside MRR: invoices paid and failed, charges refunded. One row per
-- Stripe event (its id applied once through stripe_events), read by time for /v1/mrr.
CREATE TABLE stripe_payments (
  site_id      TEXT NOT NULL,
  event_id     TEXT NOT NULL,
  at           INTEGER NOT NULL,
  kind         TEXT NOT NULL CHECK (kind IN ('paid', 'failed', 'refunded')),
  account      TEXT NOT NULL,
  customer     TEXT NOT NULL,
  currency     TEXT NOT NULL,
  amount_minor INTEGER NOT NULL CHECK (amount_minor >= 0),
  PRIMARY KEY (site_id, event_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX stripe_payments_site_at ON stripe_payments(site_id, at);
-- A payment's account is the account of its customer's subscriptions.
CREATE INDEX stripe_states_customer ON stripe_subscription_states(site_id, customer, at);
