import type { StripeDelivery, StripePayment, SubscriptionState } from '@heard/core';
import type { PaymentFromEvent } from '../stripeEvents';

/** A site's Stripe source, secret included: only the webhook handler reads the secret. */
export interface StripeSourceRow {
  signingSecret: string;
  account: string;
  createdAt: number;
  failures: number;
  lastFailureAt: number | null;
  lastFailure: string | null;
}

/** The site's Stripe source, if one is set. */
export async function stripeSourceOf(db: D1Database, siteId: string): Promise<StripeSourceRow | null> {
  return db
    .prepare(
      `SELECT signing_secret AS signingSecret, account, created_at AS createdAt, failures,
              last_failure_at AS lastFailureAt, last_failure AS lastFailure
       FROM stripe_sources WHERE site_id = ?`,
    )
    .bind(siteId)
    .first<StripeSourceRow>();
}

/** Sets (or replaces) the site's Stripe source; replacing it starts its failure count afresh. */
export async function putStripeSource(
  db: D1Database,
  siteId: string,
  source: { signingSecret: string; account: string },
  now: number,
) {
  await db
    .prepare(
      `INSERT INTO stripe_sources (site_id, signing_secret, account, created_at) VALUES (?1, ?2, ?3, ?4)
       ON CONFLICT (site_id) DO UPDATE SET signing_secret = ?2, account = ?3, created_at = ?4,
         failures = 0, last_failure_at = NULL, last_failure = NULL`,
    )
    .bind(siteId, source.signingSecret, source.account, now)
    .run();
}

/** Removes the site's Stripe source; the subscription history it brought stays for the MRR report. */
export async function deleteStripeSource(db: D1Database, siteId: string): Promise<boolean> {
  const result = await db.prepare('DELETE FROM stripe_sources WHERE site_id = ?').bind(siteId).run();
  return result.meta.changes > 0;
}

/** Counts a refused delivery (one row updated, nothing stored per delivery). */
export async function recordStripeFailure(db: D1Database, siteId: string, message: string, now: number) {
  await db
    .prepare(
      'UPDATE stripe_sources SET failures = failures + 1, last_failure_at = ?1, last_failure = ?2 WHERE site_id = ?3',
    )
    .bind(now, message.slice(0, 200), siteId)
    .run();
}

/** The last events received from Stripe, newest first. */
export async function recentStripeEvents(db: D1Database, siteId: string, limit = 20): Promise<StripeDelivery[]> {
  const { results } = await db
    .prepare(
      `SELECT event_id AS eventId, type, created, received_at AS receivedAt, outcome FROM stripe_events
       WHERE site_id = ? ORDER BY received_at DESC, event_id LIMIT ?`,
    )
    .bind(siteId, limit)
    .all<StripeDelivery>();
  return results;
}

/** A subscription state to store, with the columns the report does not need. */
export interface StoredSubscriptionState extends SubscriptionState {
  eventId: string;
  customer: string;
  status: string;
  final: boolean;
}

/**
 * Applies one Stripe event once: claims its id and stores the subscription state it carries
 * (if any) in one batch. Returns false when the id was already applied, and then nothing changes.
 */
export async function applyStripeEvent(
  db: D1Database,
  siteId: string,
  event: { id: string; type: string; created: number; outcome: 'applied' | 'ignored' },
  state: StoredSubscriptionState | null,
  now: number,
  payment: (PaymentFromEvent & { account: string }) | null = null,
): Promise<boolean> {
  const claim = db
    .prepare(
      `INSERT INTO stripe_events (site_id, event_id, type, created, received_at, outcome) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT DO NOTHING RETURNING event_id`,
    )
    .bind(siteId, event.id, event.type, event.created, now, event.outcome);
  const statements = [claim];
  if (state) {
    statements.push(
      db
        .prepare(
          `INSERT INTO stripe_subscription_states
             (site_id, subscription_id, at, event_id, final, account, customer, currency, status, mrr_minor, ends_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
        )
        .bind(
          siteId,
          state.subscription,
          state.at,
          state.eventId,
          state.final ? 1 : 0,
          state.account,
          state.customer,
          state.currency,
          state.status,
          state.mrrMinor,
          state.endsAt,
        ),
    );
  }
  if (payment) {
    // Keyed by the event id as the claim is: a duplicate delivery inserts nothing here either.
    statements.push(
      db
        .prepare(
          `INSERT INTO stripe_payments (site_id, event_id, at, kind, account, customer, currency, amount_minor)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
        )
        .bind(
          siteId,
          event.id,
          payment.at,
          payment.kind,
          payment.account,
          payment.customer,
          payment.currency,
          payment.amountMinor,
        ),
    );
  }
  const [claimed] = await db.batch(statements);
  return (claimed?.results.length ?? 0) > 0;
}

/** Every subscription state of a site begun before `to`, by subscription then time (an ended state last in a tie). */
export async function subscriptionStates(db: D1Database, siteId: string, to: number): Promise<SubscriptionState[]> {
  const { results } = await db
    .prepare(
      `SELECT subscription_id AS subscription, account, currency, at, mrr_minor AS mrrMinor, ends_at AS endsAt
       FROM stripe_subscription_states WHERE site_id = ? AND at < ?
       ORDER BY subscription_id, at, final, event_id`,
    )
    .bind(siteId, to)
    .all<SubscriptionState>();
  return results;
}

/** The account of a Stripe customer: that of its latest subscription state, else the customer itself. */
export async function accountOfCustomer(db: D1Database, siteId: string, customer: string): Promise<string> {
  const row = await db
    .prepare(
      'SELECT account FROM stripe_subscription_states WHERE site_id = ? AND customer = ? ORDER BY at DESC LIMIT 1',
    )
    .bind(siteId, customer)
    .first<{ account: string }>();
  return row?.account ?? customer;
}

/** The payments of a site in `[from, to)`. */
export async function paymentsBetween(
  db: D1Database,
  siteId: string,
  from: number,
  to: number,
): Promise<StripePayment[]> {
  const { results } = await db
    .prepare(
      `SELECT account, currency, at, kind, amount_minor AS amountMinor FROM stripe_payments
       WHERE site_id = ? AND at >= ? AND at < ?`,
    )
    .bind(siteId, from, to)
    .all<StripePayment>();
  return results;
}
