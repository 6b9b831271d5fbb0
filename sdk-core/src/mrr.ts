import { DEFAULT_TOP_SEGMENTS, OTHER_VALUE } from './report';
import { periodBounds } from './retention';

/** How often a price bills, as Stripe's `recurring.interval` spells it. */
export type BillingInterval = 'day' | 'week' | 'month' | 'year';

/** One subscription item: a recurring price (in the currency's minor unit) times a quantity. */
export interface PriceLine {
  /** Minor units per billing interval (cents for USD, yen for JPY). */
  unitAmount: number;
  quantity: number;
  interval: BillingInterval;
  /** Bills every `intervalCount` intervals (Stripe's `interval_count`, 1 unless set). */
  intervalCount: number;
}

/** What a subscription is worth per month depends on: its status, items and lasting discounts. */
export interface SubscriptionTerms {
  /** Stripe's status: only `active` and `past_due` are recurring revenue; a trial counts 0 until it converts. */
  status: string;
  lines: readonly PriceLine[];
  /** A lasting (forever or repeating) percent-off discount, 0–100. */
  percentOff?: number | null;
  /** A lasting amount-off discount in minor units, off each invoice (one billing interval of the first line). */
  amountOff?: number | null;
  /** Collection paused (Stripe's `pause_collection`): no revenue while paused. */
  paused?: boolean;
}

/** Billing intervals per month: 52 weeks and 365 days a year make 52 ÷ 12 weeks and 365 ÷ 12 days a month. */
const PER_MONTH: Record<BillingInterval, number> = {
  day: 365 / 12,
  week: 52 / 12,
  month: 1,
  year: 1 / 12,
};

/** Statuses whose subscription is recurring revenue. */
export const REVENUE_STATUSES: readonly string[] = ['active', 'past_due'];

/**
 * Currencies Stripe charges in whole units (no minor unit) and in thousandths; every other
 * currency has 100 minor units per major unit. From Stripe's "zero-decimal" and
 * "three-decimal" currency lists.
 */
const ZERO_DECIMAL = new Set([
  'bif',
  'clp',
  'djf',
  'gnf',
  'jpy',
  'kmf',
  'krw',
  'mga',
  'pyg',
  'rwf',
  'ugx',
  'vnd',
  'vuv',
  'xaf',
  'xof',
  'xpf',
]);
const THREE_DECIMAL = new Set(['bhd', 'jod', 'kwd', 'omr', 'tnd']);

/** Minor units per major unit of a currency: 1 (JPY), 1000 (KWD) or 100 (USD, EUR, …). */
export function minorPerMajor(currency: string): number {
  const c = currency.toLowerCase();
  return ZERO_DECIMAL.has(c) ? 1 : THREE_DECIMAL.has(c) ? 1000 : 100;
}

/**
 * A price line per month in minor units: unit amount × quantity ÷ interval count, scaled to
 * a month (a year is 12 months, a week 52 ÷ 12 per month, a day 365 ÷ 12 per month).
 * @example monthlyMinor({ unitAmount: 120_000, quantity: 1, interval: 'year', intervalCount: 1 }) // 10_000
 */
export function monthlyMinor(line: PriceLine): number {
  const count = line.intervalCount > 0 ? line.intervalCount : 1;
  return (line.unitAmount * line.quantity * PER_MONTH[line.interval]) / count;
}

/**
 * A subscription's MRR in minor units per month, rounded to a whole minor unit: its lines
 * normalised to a month, less a lasting percent-off or amount-off discount (never below 0);
 * 0 unless its status is active or past_due, and 0 while collection is paused.
 * @example subscriptionMrrMinor({ status: 'active', lines: [{ unitAmount: 5000, quantity: 3, interval: 'month', intervalCount: 1 }], percentOff: 20 }) // 12_000
 */
export function subscriptionMrrMinor(terms: SubscriptionTerms): number {
  if (!REVENUE_STATUSES.includes(terms.status) || terms.paused) return 0;
  let total = 0;
  for (const line of terms.lines) total += monthlyMinor(line);
  const first = terms.lines[0];
  if (terms.amountOff && first) {
    const count = first.intervalCount > 0 ? first.intervalCount : 1;
    total -= (terms.amountOff * PER_MONTH[first.interval]) / count;
  }
  if (terms.percentOff) total *= 1 - Math.min(100, Math.max(0, terms.percentOff)) / 100;
  return Math.max(0, Math.round(total));
}

/**
 * A subscription's state from one moment on, as one Stripe event showed it: what it is worth
 * per month from `at`, and, when it is set to cancel, when that value stops.
 */
export interface SubscriptionState {
  subscription: string;
  account: string;
  currency: string;
  /** When the state began (the Stripe event's `created`, epoch ms). */
  at: number;
  /** Minor units per month (see {@link subscriptionMrrMinor}). */
  mrrMinor: number;
  /** When a cancellation (at period end, or `cancel_at`) takes the value to 0, epoch ms; null if none. */
  endsAt: number | null;
}

/** The kinds of MRR movement; each account has at most one per period. */
export type MovementKind = 'new' | 'expansion' | 'contraction' | 'churned' | 'reactivation';

/** One account's movement in one period, in major units (always positive; its kind gives its sign). */
export interface Movement {
  account: string;
  kind: MovementKind;
  amount: number;
}

/** One period of the MRR report, amounts in the currency's major unit. */
export interface MrrPeriod {
  /** The period's first day, `2026-11-01` (month) or the Monday of the week. */
  period: string;
  start: number;
  new: number;
  expansion: number;
  contraction: number;
  churned: number;
  reactivation: number;
  /** start + new + expansion − contraction − churned + reactivation. */
  end: number;
  /** end − start. */
  net: number;
  /** Accounts paying at the start and at the end. */
  customers: { start: number; end: number };
  /** Accounts that churned ÷ customers at the start; null when none at the start. */
  logoChurnRate: number | null;
  /** (churned + contraction) ÷ start MRR; null when start is 0. */
  revenueChurnRate: number | null;
  /** (start + expansion − contraction − churned) ÷ start; null when start is 0. */
  nrr: number | null;
  /** (start − contraction − churned) ÷ start; null when start is 0. */
  grr: number | null;
  /** end ÷ customers at the end; null when none. */
  arpa: number | null;
  /** Each account's movement, largest first. */
  movements: Movement[];
}

/** Customer lifetime value from MRR: ARPA ÷ monthly revenue churn. */
export interface MrrLifetimeValue {
  /** ARPA at the end of the last period. */
  arpa: number | null;
  /** Σ (churned + contraction) ÷ Σ start MRR over the periods, as a monthly rate (weekly rates compounded to a month). */
  monthlyRevenueChurn: number | null;
  /** arpa ÷ monthlyRevenueChurn; null when either is unknown or churn is 0 (see `reason`). */
  value: number | null;
  reason: string | null;
}

/** The MRR report of one currency. */
export interface MrrReport {
  currency: string;
  interval: 'month' | 'week';
  periods: MrrPeriod[];
  clv: MrrLifetimeValue;
}

/** CLV from the periods: the last ARPA over the pooled revenue churn rate. */
function lifetimeValue(periods: readonly MrrPeriod[], interval: 'month' | 'week'): MrrLifetimeValue {
  let lost = 0;
  let started = 0;
  for (const p of periods) {
    lost += p.churned + p.contraction;
    started += p.start;
  }
  const arpa = periods.at(-1)?.arpa ?? null;
  if (started === 0)
    return { arpa, monthlyRevenueChurn: null, value: null, reason: 'no MRR at the start of any period' };
  const rate = lost / started;
  const monthlyRevenueChurn = interval === 'month' ? rate : 1 - (1 - rate) ** (52 / 12);
  if (monthlyRevenueChurn === 0)
    return { arpa, monthlyRevenueChurn, value: null, reason: 'no MRR was lost: churn is 0' };
  if (arpa === null) return { arpa, monthlyRevenueChurn, value: null, reason: 'no paying account at the end' };
  return { arpa, monthlyRevenueChurn, value: arpa / monthlyRevenueChurn, reason: null };
}

/** Groups states by subscription, each subscription's states in time order (ties keep input order). */
function bySubscription(states: readonly SubscriptionState[]) {
  const subs = new Map<string, SubscriptionState[]>();
  for (const state of states) {
    const list = subs.get(state.subscription);
    if (list) list.push(state);
    else subs.set(state.subscription, [state]);
  }
  for (const list of subs.values()) list.sort((a, b) => a.at - b.at);
  return subs;
}

/** A subscription's MRR at instant t: its latest state begun before t, 0 once that state's end has passed. */
function valueAt(states: readonly SubscriptionState[], t: number): number {
  let current: SubscriptionState | undefined;
  for (const state of states) {
    if (state.at < t) current = state;
    else break;
  }
  if (!current) return 0;
  if (current.endsAt !== null && current.endsAt < t) return 0;
  return current.mrrMinor;
}

/** When a subscription first had a value above 0 (it is paying from the instant after), or null. */
function firstPaid(states: readonly SubscriptionState[]): number | null {
  for (const state of states) {
    if (state.mrrMinor > 0 && (state.endsAt === null || state.endsAt > state.at)) return state.at;
  }
  return null;
}

const ratio = (a: number, b: number) => (b === 0 ? null : a / b);

/**
 * MRR movements per calendar month or ISO week overlapping `[from, to)`, in one currency
 * (states in others are left out: currencies are never converted or summed). Each account is
 * compared at the period's start and end (the end is `to` for a period still running):
 * 0 → more is new, or reactivation if the account had paid before; more → 0 is churned;
 * up is expansion, down contraction. So movements sum to end − start, and an account that
 * comes and goes inside one period moves nothing. Amounts are summed in minor units, then
 * given in major units.
 * @example mrrReport(states, { from: Date.parse('2026-01-01'), to: Date.parse('2026-04-01'), interval: 'month', currency: 'usd' })
 */
export function mrrReport(
  states: readonly SubscriptionState[],
  options: { from: number; to: number; interval: 'month' | 'week'; currency: string },
): MrrReport {
  const currency = options.currency.toLowerCase();
  const unit = minorPerMajor(currency);
  const major = (minor: number) => minor / unit;
  const accounts = new Map<string, SubscriptionState[][]>();
  for (const [, list] of bySubscription(states.filter((s) => s.currency.toLowerCase() === currency))) {
    const account = list[list.length - 1]?.account as string;
    const subs = accounts.get(account);
    if (subs) subs.push(list);
    else accounts.set(account, [list]);
  }
  const firstPaidOf = new Map<string, number | null>();
  for (const [account, subs] of accounts) {
    const firsts = subs.map(firstPaid).filter((t): t is number => t !== null);
    firstPaidOf.set(account, firsts.length ? Math.min(...firsts) : null);
  }
  const mrrAt = (subs: SubscriptionState[][], t: number) => subs.reduce((sum, s) => sum + valueAt(s, t), 0);

  const bounds = options.from < options.to ? periodBounds(options.from, options.to, options.interval) : [];
  const periods: MrrPeriod[] = [];
  for (let i = 0; i + 1 < bounds.length; i += 1) {
    const ps = bounds[i] as number;
    const pe = Math.min(bounds[i + 1] as number, options.to);
    const sums = { start: 0, new: 0, expansion: 0, contraction: 0, churned: 0, reactivation: 0, end: 0 };
    const customers = { start: 0, end: 0 };
    let churnedAccounts = 0;
    const movements: Movement[] = [];
    for (const [account, subs] of accounts) {
      const before = mrrAt(subs, ps);
      const after = mrrAt(subs, pe);
      sums.start += before;
      sums.end += after;
      if (before > 0) customers.start += 1;
      if (after > 0) customers.end += 1;
      if (before === after) continue;
      let kind: MovementKind;
      if (before === 0) {
        const first = firstPaidOf.get(account);
        kind = first !== null && first !== undefined && first < ps ? 'reactivation' : 'new';
      } else if (after === 0) {
        kind = 'churned';
        churnedAccounts += 1;
      } else kind = after > before ? 'expansion' : 'contraction';
      const amount = Math.abs(after - before);
      sums[kind] += amount;
      movements.push({ account, kind, amount: major(amount) });
    }
    movements.sort((a, b) => b.amount - a.amount || a.account.localeCompare(b.account));
    const kept = sums.start - sums.contraction - sums.churned;
    periods.push({
      period: new Date(ps).toISOString().slice(0, 10),
      start: major(sums.start),
      new: major(sums.new),
      expansion: major(sums.expansion),
      contraction: major(sums.contraction),
      churned: major(sums.churned),
      reactivation: major(sums.reactivation),
      end: major(sums.end),
      net: major(sums.end - sums.start),
      customers,
      logoChurnRate: ratio(churnedAccounts, customers.start),
      revenueChurnRate: ratio(sums.churned + sums.contraction, sums.start),
      nrr: ratio(kept + sums.expansion, sums.start),
      grr: ratio(kept, sums.start),
      arpa: customers.end ? major(sums.end) / customers.end : null,
      movements,
    });
  }
  return { currency, interval: options.interval, periods, clv: lifetimeValue(periods, options.interval) };
}

/**
 * Each paying account's MRR at instant `at`, in one currency's major unit (accounts at 0 left
 * out): the weight of an account in health and at-risk lists.
 * @example mrrByAccount(states, Date.now(), 'usd').get('acme') // 150
 */
export function mrrByAccount(states: readonly SubscriptionState[], at: number, currency: string): Map<string, number> {
  const c = currency.toLowerCase();
  const unit = minorPerMajor(c);
  const minor = new Map<string, number>();
  for (const [, list] of bySubscription(states.filter((s) => s.currency.toLowerCase() === c))) {
    const value = valueAt(list, at);
    if (value === 0) continue;
    const account = list[list.length - 1]?.account as string;
    minor.set(account, (minor.get(account) ?? 0) + value);
  }
  return new Map([...minor].map(([account, value]) => [account, value / unit]));
}

/**
 * The currencies of a site's subscriptions with how many accounts bill in each, most first
 * (ties by code): the first is the report's default currency.
 */
export function currenciesOf(states: readonly SubscriptionState[]): { currency: string; accounts: number }[] {
  const accounts = new Map<string, Set<string>>();
  for (const state of states) {
    const c = state.currency.toLowerCase();
    const set = accounts.get(c) ?? new Set<string>();
    set.add(state.account);
    accounts.set(c, set);
  }
  return [...accounts]
    .map(([currency, set]) => ({ currency, accounts: set.size }))
    .sort((a, b) => b.accounts - a.accounts || a.currency.localeCompare(b.currency));
}

/** One segment of the MRR report (`by=`): its accounts and its periods, without per-account movements. */
export interface MrrSegment {
  /** The trait's value; null for accounts without it; `(other)` folds every value past the top `k`. */
  value: string | null;
  /** Accounts with a subscription in the report currency. */
  accounts: number;
  periods: Omit<MrrPeriod, 'movements'>[];
}

/**
 * The MRR report per segment of accounts (`GET /v1/mrr?by=plan`): each account billed in the
 * currency goes in the segment `segmentOf` gives it (null when none), the `k` segments with the
 * most accounts are listed (ties by value), the rest folded into `(other)`, and each segment's
 * periods are {@link mrrReport} of its accounts alone. An account is in one segment, so each
 * movement, start and end of the whole report is the sum of the segments'.
 * @example mrrSegments(states, options, new Map([['acme', 'pro']]))[0] // { value: 'pro', accounts: 1, periods: […] }
 */
export function mrrSegments(
  states: readonly SubscriptionState[],
  options: { from: number; to: number; interval: 'month' | 'week'; currency: string },
  segmentOf: ReadonlyMap<string, string | null>,
  k = DEFAULT_TOP_SEGMENTS,
): MrrSegment[] {
  const currency = options.currency.toLowerCase();
  const groups = new Map<string | null, { accounts: Set<string>; states: SubscriptionState[] }>();
  for (const state of states) {
    if (state.currency.toLowerCase() !== currency) continue;
    const value = segmentOf.get(state.account) ?? null;
    const group = groups.get(value) ?? { accounts: new Set<string>(), states: [] };
    group.accounts.add(state.account);
    group.states.push(state);
    groups.set(value, group);
  }
  const ranked = [...groups].sort(
    ([va, a], [vb, b]) => b.accounts.size - a.accounts.size || String(va ?? '').localeCompare(String(vb ?? '')),
  );
  const listed = ranked.slice(0, k);
  const rest = ranked.slice(k);
  if (rest.length) {
    const other = { accounts: new Set<string>(), states: [] as SubscriptionState[] };
    for (const [, g] of rest) {
      for (const a of g.accounts) other.accounts.add(a);
      other.states.push(...g.states);
    }
    listed.push([OTHER_VALUE, other]);
  }
  return listed.map(([value, g]) => ({
    value,
    accounts: g.accounts.size,
    periods: mrrReport(g.states, options).periods.map(({ movements: _, ...p }) => p),
  }));
}
