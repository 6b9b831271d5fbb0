import { z } from 'zod';
import { windowed, ZReportDay } from './window';

/** Where a subscription's account comes from: the Stripe customer, or a key of the subscription's metadata. */
export const ZStripeAccount = z
  .string()
  .regex(/^(customer|metadata\.[A-Za-z0-9_-]{1,40})$/, "'customer' or 'metadata.<key>' (letters, digits, _ and -)")
  .describe(
    'The account of a subscription: its Stripe customer, or `metadata.<key>` of the subscription (falling back to the customer when the key is absent)',
  );

/** The body of `PUT /v1/sources/stripe`. */
export const ZStripeSourcePut = z.object({
  signingSecret: z
    .string()
    .regex(/^whsec_[A-Za-z0-9_+/=-]{8,200}$/, "the endpoint's signing secret from Stripe, whsec_…")
    .describe("The webhook endpoint's signing secret Stripe shows (`whsec_…`)"),
  account: ZStripeAccount.default('customer'),
});
export type StripeSourcePut = z.infer<typeof ZStripeSourcePut>;

/** What `PUT /v1/sources/stripe` answers: the URL to paste into Stripe's webhook settings. */
export const ZStripeSourceSet = z.object({
  url: z.string().describe("The endpoint to add in Stripe's Dashboard → Developers → Webhooks"),
  account: ZStripeAccount,
  createdAt: z.number().int(),
});
export type StripeSourceSet = z.infer<typeof ZStripeSourceSet>;

/** One Stripe event as Heard received it. */
export const ZStripeDelivery = z.object({
  eventId: z.string(),
  type: z.string(),
  /** When Stripe created the event, epoch ms. */
  created: z.number().int(),
  receivedAt: z.number().int(),
  outcome: z
    .enum(['applied', 'ignored'])
    .describe('`applied` changed a subscription; `ignored` is a type Heard does not use'),
});
export type StripeDelivery = z.infer<typeof ZStripeDelivery>;

/** `GET /v1/sources/stripe`: the source without its secret, its last deliveries and refused ones. */
export const ZStripeSource = ZStripeSourceSet.extend({
  deliveries: z.array(ZStripeDelivery).describe('The last 20 events received, newest first'),
  failures: z
    .object({
      count: z.number().int(),
      lastAt: z.number().int().nullable(),
      lastMessage: z.string().nullable(),
    })
    .describe('Deliveries refused (bad or old signature, unreadable body) since the source was set'),
});
export type StripeSource = z.infer<typeof ZStripeSource>;

/** What Heard answers Stripe. */
export const ZStripeReceipt = z.object({
  received: z.literal(true),
  /** The event id was already applied: nothing changed. */
  duplicate: z.boolean(),
  outcome: z.enum(['applied', 'ignored']),
});
export type StripeReceipt = z.infer<typeof ZStripeReceipt>;

/** Query of `GET /v1/mrr`. */
export const ZMrrQuery = windowed(
  z.object({
    interval: z.enum(['month', 'week']).default('month'),
    from: ZReportDay.optional(),
    to: ZReportDay.optional(),
    currency: z
      .string()
      .regex(/^[A-Za-z]{3}$/, 'a three-letter ISO currency code')
      .transform((c) => c.toLowerCase())
      .optional()
      .describe("The one currency reported; default: the currency most of the site's accounts bill in"),
  }),
);
export type MrrQuery = z.infer<typeof ZMrrQuery>;

const rate = z.number().nullable();

/** One period of `GET /v1/mrr`, amounts in the currency's major unit. */
export const ZMrrPeriod = z.object({
  period: z.string().describe('First day of the calendar month or ISO week'),
  start: z.number(),
  new: z.number(),
  expansion: z.number(),
  contraction: z.number(),
  churned: z.number(),
  reactivation: z.number(),
  end: z.number(),
  net: z.number().describe('end − start'),
  customers: z.object({ start: z.number().int(), end: z.number().int() }),
  logoChurnRate: rate.describe('accounts churned ÷ paying accounts at the start'),
  revenueChurnRate: rate.describe('(churned + contraction) ÷ start MRR'),
  nrr: rate.describe('(start + expansion − contraction − churned) ÷ start'),
  grr: rate.describe('(start − contraction − churned) ÷ start'),
  arpa: rate.describe('end MRR ÷ paying accounts at the end'),
  movements: z
    .array(
      z.object({
        account: z.string(),
        kind: z.enum(['new', 'expansion', 'contraction', 'churned', 'reactivation']),
        amount: z.number(),
      }),
    )
    .describe("Each account's one movement in the period, largest first"),
  payments: z
    .object({
      collected: z.number().describe('invoices paid (`invoice.paid`, amount paid)'),
      failed: z.number().describe('payment attempts that failed (`invoice.payment_failed`, amount due), each attempt'),
      refunded: z.number().describe('charges refunded (`charge.refunded`, the newly refunded amount)'),
      failedAccounts: z.number().int().describe('accounts with a failed payment in the period'),
    })
    .describe('Money that moved, beside MRR (none of it moves MRR), in the same currency'),
});

/** `GET /v1/mrr`: MRR movements from Stripe per period, in one currency. */
export const ZMrrResponse = z.object({
  currency: z.string().nullable().describe('The currency reported, null when the site has no subscriptions'),
  interval: z.enum(['month', 'week']),
  from: z.string(),
  to: z.string(),
  periods: z.array(ZMrrPeriod),
  clv: z
    .object({
      arpa: rate,
      monthlyRevenueChurn: rate.describe('Σ (churned + contraction) ÷ Σ start MRR over the periods, per month'),
      value: rate.describe('ARPA ÷ monthly revenue churn: the MRR-based CLV, beside /v1/revenue’s purchase-based one'),
      reason: z.string().nullable().describe('Why value is null, when it is'),
    })
    .describe('Customer lifetime value from MRR'),
  currencies: z
    .array(z.object({ currency: z.string(), accounts: z.number().int() }))
    .describe('Every currency the site bills in, with its accounts: never converted or summed'),
});
export type MrrResponse = z.infer<typeof ZMrrResponse>;
