import { ZStripeReceipt, ZStripeSource, ZStripeSourcePut, ZStripeSourceSet } from '@heard/core';
import type Stripe from 'stripe';
import { z } from 'zod';
import { dbFor } from '../db/site';
import { siteById } from '../db/sites';
import {
  accountOfCustomer,
  applyStripeEvent,
  deleteStripeSource,
  putStripeSource,
  recentStripeEvents,
  recordStripeFailure,
  stripeSourceOf,
} from '../db/stripe';
import { issuesOf, readText } from '../middleware/body';
import { fail } from '../middleware/errors';
import { limitBySite } from '../middleware/ratelimit';
import { defineRoute } from '../route';
import {
  isPaymentEvent,
  isSubscriptionEvent,
  paymentOf,
  STRIPE_TIME,
  subscriptionState,
  ZSubscriptionShape,
} from '../stripeEvents';

/** Stripe signs a delivery at send time; older signatures are refused (Stripe's own default). */
const TOLERANCE_SECONDS = 300;
/** Stripe caps event payloads well below this; a larger body is refused unread. */
const MAX_EVENT_BYTES = 256 * 1024;

/**
 * Stripe's SDK (~720 kB bundled) is needed by this one route for its webhook helper, so it is
 * loaded on the first delivery an isolate verifies, not on every isolate's start.
 */
let stripeSdk: Promise<{ webhooks: Stripe['webhooks']; cryptoProvider: Stripe.CryptoProvider }> | undefined;
const loadStripe = () =>
  (stripeSdk ??= import('stripe').then(({ default: sdk }) => ({
    webhooks: sdk.webhooks,
    cryptoProvider: sdk.createSubtleCryptoProvider(),
  })));
const webhookUrl = (requestUrl: string, siteId: string) =>
  `${new URL(requestUrl).origin}/v1/sources/stripe/${encodeURIComponent(siteId)}`;

/** The envelope of a Stripe event, checked before its fields are stored. */
const ZEventEnvelope = z.looseObject({
  id: z.string().min(1).max(255),
  type: z.string().min(1).max(100),
  created: STRIPE_TIME,
  data: z.looseObject({ object: z.looseObject({}) }),
});

const ZSiteParam = z.object({ siteId: z.string().min(1).max(100) });

/** `/v1/sources/stripe`: Stripe as a source of subscriptions, for MRR (`GET /v1/mrr`). */
export const stripe = [
  defineRoute(
    {
      method: 'put',
      path: '/v1/sources/stripe',
      operationId: 'setStripeSource',
      tag: 'site',
      summary: "Read subscriptions from Stripe: set the webhook's signing secret, get the URL to give Stripe",
      description:
        'In Stripe: Developers → Webhooks → Add endpoint, paste `url`, select `customer.subscription.created`, `customer.subscription.updated`, `customer.subscription.deleted` (and `invoice.paid`, `invoice.payment_failed`, `charge.refunded` for the payments beside MRR), then copy the signing secret here. `account` says what an account is: the Stripe customer (default) or `metadata.<key>` of the subscription, so MRR joins the accounts of scores and health.',
      auth: 'secret',
      body: { schema: ZStripeSourcePut, name: 'Stripe source' },
      response: { status: 200, schema: ZStripeSourceSet, description: 'the endpoint to paste into Stripe' },
    },
    async (c, { body }) => {
      const now = Date.now();
      await putStripeSource(dbFor(c.env, c.var.site), c.var.site.id, body, now);
      return c.json({ url: webhookUrl(c.req.url, c.var.site.id), account: body.account, createdAt: now });
    },
  ),
  defineRoute(
    {
      method: 'get',
      path: '/v1/sources/stripe',
      operationId: 'getStripeSource',
      tag: 'site',
      summary: 'The Stripe source (never its secret), its last 20 events and the deliveries it refused',
      auth: 'secret',
      errors: [404],
      response: { status: 200, schema: ZStripeSource, description: 'the source and its deliveries' },
    },
    async (c) => {
      const source = await stripeSourceOf(dbFor(c.env, c.var.site), c.var.site.id);
      if (!source) fail(404, 'no Stripe source is set; PUT /v1/sources/stripe { signingSecret } sets one');
      return c.json({
        url: webhookUrl(c.req.url, c.var.site.id),
        account: source.account,
        createdAt: source.createdAt,
        deliveries: await recentStripeEvents(dbFor(c.env, c.var.site), c.var.site.id),
        failures: { count: source.failures, lastAt: source.lastFailureAt, lastMessage: source.lastFailure },
      });
    },
  ),
  defineRoute(
    {
      method: 'delete',
      path: '/v1/sources/stripe',
      operationId: 'deleteStripeSource',
      tag: 'site',
      summary: 'Stop reading Stripe (the subscription history received so far stays for the MRR report)',
      auth: 'secret',
      errors: [404],
      response: { status: 204, description: 'Stripe deliveries are refused from now on' },
    },
    async (c) => {
      if (!(await deleteStripeSource(dbFor(c.env, c.var.site), c.var.site.id))) fail(404, 'no Stripe source is set');
      return c.body(null, 204);
    },
  ),
  defineRoute(
    {
      method: 'post',
      path: '/v1/sources/stripe/{siteId}',
      operationId: 'receiveStripeEvent',
      tag: 'site',
      summary: "Stripe's webhook: subscription changes, verified by their Stripe-Signature",
      description:
        "Called by Stripe, not by you. The `Stripe-Signature` header (`t=<unix seconds>,v1=<hex HMAC-SHA256 of \"t.body\" with the signing secret>`, several `v1` allowed) is checked with the `stripe` package over the raw body, in constant time; a signature older or newer than 5 minutes, or one that matches no `v1`, is a 400 and nothing is stored. Each event id is applied once (a retry or duplicate answers `duplicate: true`). `customer.subscription.*` events set the subscription's state from the event's `created` time, so out-of-order deliveries land where they happened; `invoice.paid`, `invoice.payment_failed` and `charge.refunded` are recorded as payments beside MRR (`payments` of each `/v1/mrr` period; they never move MRR), the account being that of the customer's subscriptions; other types are acknowledged and ignored. Limited per site, not per address (Stripe sends every account's events from the same few addresses).",
      auth: 'none',
      params: ZSiteParam,
      errors: [400, 404, 413, 429],
      response: {
        status: 200,
        schema: ZStripeReceipt,
        description: 'the event was received (applied, ignored or a duplicate)',
      },
    },
    async (c, { params }) => {
      const site = await siteById(c.env.DB, params.siteId);
      if (!site) fail(404, 'no Stripe source is set for this site');
      const db = dbFor(c.env, site);
      const source = await stripeSourceOf(db, params.siteId);
      if (!source) fail(404, 'no Stripe source is set for this site');
      // Stripe's addresses are shared by every site, so its deliveries count against the site's limit.
      await limitBySite(c, params.siteId);
      const signature = c.req.header('Stripe-Signature');
      const payload = await readText(c, MAX_EVENT_BYTES);
      const now = Date.now();
      const refuse = async (message: string): Promise<never> => {
        await recordStripeFailure(db, params.siteId, message, now);
        fail(400, message);
      };
      if (!signature) return refuse('no Stripe-Signature header');
      // Stripe's helper refuses signatures older than the tolerance; one from the future is as suspect.
      const signedAt = Number(/(?:^|,)\s*t=(\d+)/.exec(signature)?.[1] ?? 0);
      if (signedAt * 1000 - now > TOLERANCE_SECONDS * 1000) {
        return refuse('the Stripe-Signature timestamp is more than 5 minutes from now');
      }
      const { webhooks, cryptoProvider } = await loadStripe();
      let event: Stripe.Event;
      try {
        event = await webhooks.constructEventAsync(
          payload,
          signature,
          source.signingSecret,
          TOLERANCE_SECONDS,
          cryptoProvider,
          now,
        );
      } catch (error) {
        const text = error instanceof Error ? error.message : '';
        return refuse(
          text.includes('tolerance')
            ? 'the Stripe-Signature timestamp is more than 5 minutes from now'
            : error instanceof SyntaxError
              ? 'the signed body is not JSON'
              : 'the Stripe-Signature does not match this body and signing secret',
        );
      }
      const envelope = ZEventEnvelope.safeParse(event);
      if (!envelope.success) return refuse('the signed body is not a Stripe event');
      let state = null;
      if (isSubscriptionEvent(event.type)) {
        const shape = ZSubscriptionShape.safeParse(event.data.object);
        if (!shape.success) {
          await recordStripeFailure(db, params.siteId, 'a subscription event without a subscription', now);
          fail(400, 'the event does not carry a subscription as Stripe sends it', { issues: issuesOf(shape.error) });
        }
        state = subscriptionState(event, event.data.object as Stripe.Subscription, source.account);
      }
      let payment = null;
      if (isPaymentEvent(event.type)) {
        let found: ReturnType<typeof paymentOf>;
        try {
          found = paymentOf(event);
        } catch (error) {
          await recordStripeFailure(db, params.siteId, 'a payment event without its invoice or charge', now);
          fail(400, 'the event does not carry an invoice or charge as Stripe sends it', {
            issues: error instanceof z.ZodError ? issuesOf(error) : undefined,
          });
        }
        if (found) payment = { ...found, account: await accountOfCustomer(db, params.siteId, found.customer) };
      }
      const outcome = state || payment ? 'applied' : 'ignored';
      const first = await applyStripeEvent(
        db,
        params.siteId,
        { id: event.id, type: event.type, created: event.created * 1000, outcome },
        state,
        now,
        payment,
      );
      return c.json({ received: true as const, duplicate: !first, outcome });
    },
  ),
];
