import type { AccountHealth, HealthPartName } from './accountHealth';
import type { DurationsReport } from './durations';
import type { RetentionReport } from './retention';
import type { RevenueReport } from './revenue';
import type { TimeToValueReport } from './timeToValue';

/** The body of `GET /v1/ttv`: the report, the event names used and the window (ISO times). */
export interface TtvResponse extends TimeToValueReport {
  start: string;
  value: string;
  from: string;
  to: string;
  by: string | null;
}

/** The body of `GET /v1/durations`. Times in ms. */
export interface DurationsResponse extends DurationsReport {
  start: string;
  end: string;
  from: string;
  to: string;
  by: string | null;
}

/** The body of `GET /v1/retention`. */
export interface RetentionResponse extends RetentionReport {
  churnEvent: string;
  inactivityDays: number;
}

/** The body of `GET /v1/revenue`: the report with its window as ISO times and the churn rate CLV used. */
export interface RevenueResponse extends Omit<RevenueReport, 'from' | 'to'> {
  event: string;
  from: string;
  to: string;
  monthlyChurn: number | null;
}

/** The body of `GET /v1/health`: every account worst first, and those under the threshold. */
export interface HealthResponse {
  weights: Record<HealthPartName, number>;
  threshold: number;
  total: number;
  openTickets: number;
  accounts: AccountHealth[];
  atRisk: AccountHealth[];
  /**
   * MRR from Stripe (`/v1/sources/stripe`) as each account's weight, in the currency most accounts
   * bill in; absent when the site has no subscription history.
   */
  mrr?: {
    currency: string;
    /** MRR of every paying account now. */
    total: number;
    /** MRR of every account under the at-risk threshold (not only the listed ones). */
    atRisk: number;
    atRiskAccounts: number;
    /** MRR now of each account listed in `accounts` or `atRisk` that pays. */
    byAccount: Record<string, number>;
  };
}
