import { DAY_MS } from './constants';
/** A `track('revenue', { kind }, { value })` event, attributed to an account. */
export interface RevenueEvent {
  account: string;
  ts: number;
  /** `new`, `expansion` or `contraction`; anything else counts as a plain purchase. */
  kind: string | null;
  value: number;
}

/** Customer lifetime value and the three figures it is the product of. */
export interface LifetimeValue {
  /** Net revenue ÷ revenue events in the window: every event is a purchase, a contraction a negative one. */
  averagePurchase: number | null;
  /** Revenue events per paying account per year, over the window. */
  purchasesPerYear: number | null;
  /** 1 ÷ annual churn rate, the annual rate being 12 × the monthly churn rate. */
  lifespanYears: number | null;
  /** averagePurchase × purchasesPerYear × lifespanYears; null when any factor is unknown. */
  value: number | null;
}

/** The report of `GET /v1/revenue`, for the window `[from, to)`. */
export interface RevenueReport {
  from: number;
  to: number;
  newRevenue: number;
  expansion: number;
  contraction: number;
  /** new + expansion + other purchases − contraction. */
  net: number;
  payingAccounts: number;
  /** net ÷ paying accounts in the window. */
  arpa: number | null;
  /**
   * Net revenue retention: what the accounts that paid in the previous window of equal length
   * brought in this window (expansion, contraction and churn included) ÷ what they brought then.
   */
  nrr: number | null;
  clv: LifetimeValue;
}

const YEAR = 365.25 * DAY_MS;

/** The signed amount of a revenue event: contraction subtracts, everything else adds. */
export function signedRevenue(event: Pick<RevenueEvent, 'kind' | 'value'>): number {
  return event.kind === 'contraction' ? -Math.abs(event.value) : event.value;
}

/**
 * CLV = average purchase value × purchases per year × lifespan in years; the lifespan is
 * 1 ÷ (12 × monthly churn), unknown (so CLV null) when the monthly churn rate is null or 0.
 * @example lifetimeValue({ averagePurchase: 100, purchasesPerYear: 12, monthlyChurn: 0.05 }).value // 2000
 */
export function lifetimeValue(input: {
  averagePurchase: number | null;
  purchasesPerYear: number | null;
  monthlyChurn: number | null;
}): LifetimeValue {
  const lifespanYears = input.monthlyChurn ? 1 / (12 * input.monthlyChurn) : null;
  const { averagePurchase, purchasesPerYear } = input;
  const value =
    averagePurchase !== null && purchasesPerYear !== null && lifespanYears !== null
      ? averagePurchase * purchasesPerYear * lifespanYears
      : null;
  return { averagePurchase, purchasesPerYear, lifespanYears, value };
}

/**
 * Expansion, contraction, ARPA, net revenue retention and CLV from revenue events in
 * `[from − (to − from), to)`; the earlier half is only used as NRR's baseline.
 */
export function revenueReport(
  events: readonly RevenueEvent[],
  options: { from: number; to: number; monthlyChurn: number | null },
): RevenueReport {
  const { from, to } = options;
  const length = to - from;
  let newRevenue = 0;
  let expansion = 0;
  let contraction = 0;
  let net = 0;
  let purchases = 0;
  const paying = new Set<string>();
  const before = new Map<string, number>();
  const now = new Map<string, number>();
  for (const e of events) {
    const amount = signedRevenue(e);
    if (e.ts >= from - length && e.ts < from) before.set(e.account, (before.get(e.account) ?? 0) + amount);
    if (e.ts < from || e.ts >= to) continue;
    now.set(e.account, (now.get(e.account) ?? 0) + amount);
    net += amount;
    paying.add(e.account);
    if (e.kind === 'new') newRevenue += e.value;
    else if (e.kind === 'expansion') expansion += e.value;
    else if (e.kind === 'contraction') contraction += Math.abs(e.value);
    purchases += 1;
  }
  let base = 0;
  let kept = 0;
  for (const [account, amount] of before) {
    base += amount;
    kept += now.get(account) ?? 0;
  }
  const years = length / YEAR;
  // A base of a fraction of a cent can make the ratio overflow: no retention figure then.
  const nrr = base > 0 ? kept / base : null;
  return {
    from,
    to,
    newRevenue,
    expansion,
    contraction,
    net,
    payingAccounts: paying.size,
    arpa: paying.size ? net / paying.size : null,
    nrr: nrr !== null && Number.isFinite(nrr) ? nrr : null,
    clv: lifetimeValue({
      // The same net as ARPA's, so CLV = ARPA per year × lifespan: contractions count against it.
      averagePurchase: purchases ? net / purchases : null,
      purchasesPerYear: paying.size && years > 0 ? purchases / paying.size / years : null,
      monthlyChurn: options.monthlyChurn,
    }),
  };
}
