import { DAY_MS } from './constants';
import { periodStart } from './timeToValue';

/** A customer's life: first activity and, once lost, when. */
export interface CustomerLife {
  first: number;
  /** When the customer was lost (churned event, or inactivity ran out), null while a customer. */
  lost: number | null;
  /** How many customers share this life (a rollup cell); 1 when left out. */
  n?: number;
}

/**
 * When a customer counts as lost: at their first `churned` event if any; otherwise, once
 * `inactivityMs` has passed since their last activity, at last activity + `inactivityMs`.
 * @example customerLost({ last: 0, churned: null, now: 40, inactivityMs: 30 }) // 30
 */
export function customerLost(input: {
  last: number;
  churned: number | null;
  now: number;
  inactivityMs: number;
}): number | null {
  if (input.churned !== null) return input.churned;
  const expires = input.last + input.inactivityMs;
  return expires <= input.now ? expires : null;
}

/** One period of the retention report. */
export interface RetentionPeriod {
  period: string;
  /** Customers at the start of the period. */
  start: number;
  new: number;
  lost: number;
  /** Customers at the end: start + new − lost. */
  end: number;
  /** lost ÷ start, null when the period starts with no customers. */
  churnRate: number | null;
  /** (end − new) ÷ start, null when the period starts with no customers. */
  retention: number | null;
}

/** A row of the cohort table: customers first active in `cohort`, and the share active after k periods. */
export interface RetentionCohort {
  cohort: string;
  size: number;
  /** retained[k] = share of the cohort still customers at the end of period cohort + k (the last one ends at `to`). */
  retained: number[];
}

/** The report of `GET /v1/retention`. */
export interface RetentionReport {
  interval: 'month' | 'week';
  periods: RetentionPeriod[];
  cohorts: RetentionCohort[];
  /** Σ lost ÷ Σ start over all periods: the pooled churn rate per period. */
  churnRate: number | null;
}

/** The boundaries (epoch ms) of the periods that overlap `[from, to)`. */
export function periodBounds(from: number, to: number, interval: 'month' | 'week'): number[] {
  const bounds = [Date.parse(periodStart(from, interval))];
  for (;;) {
    const last = bounds[bounds.length - 1] as number;
    if (last >= to) break;
    const d = new Date(last);
    bounds.push(interval === 'week' ? last + 7 * DAY_MS : Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1));
  }
  return bounds;
}

const count = (lives: readonly CustomerLife[]) => lives.reduce((total, c) => total + (c.n ?? 1), 0);

const activeAt = (c: CustomerLife, t: number) => c.first < t && (c.lost === null || c.lost >= t);

/**
 * Customers at start, new, lost, churn rate (lost ÷ start) and retention ((end − new) ÷ start)
 * per period in `[from, to)`, and a cohort table by period of first activity. `to` ends the
 * window for everything: the last period stops there (not at its calendar end), so a report
 * of a past window does not change as time passes. A life with `n` counts as `n` customers.
 */
export function retentionReport(
  customers: readonly CustomerLife[],
  options: { from: number; to: number; interval: 'month' | 'week' },
): RetentionReport {
  const bounds = periodBounds(options.from, options.to, options.interval);
  const periods: RetentionPeriod[] = [];
  let started = 0;
  let lostTotal = 0;
  for (let i = 0; i + 1 < bounds.length; i += 1) {
    const ps = bounds[i] as number;
    const pe = Math.min(bounds[i + 1] as number, options.to);
    let start = 0;
    let added = 0;
    let lost = 0;
    for (const c of customers) {
      const n = c.n ?? 1;
      if (activeAt(c, ps)) start += n;
      if (c.first >= ps && c.first < pe) added += n;
      if (c.lost !== null && c.lost >= ps && c.lost < pe && c.first < pe) lost += n;
    }
    const end = start + added - lost;
    started += start;
    lostTotal += lost;
    periods.push({
      period: new Date(ps).toISOString().slice(0, 10),
      start,
      new: added,
      lost,
      end,
      churnRate: start ? lost / start : null,
      retention: start ? (end - added) / start : null,
    });
  }
  const cohorts: RetentionCohort[] = [];
  for (let i = 0; i + 1 < bounds.length; i += 1) {
    const ps = bounds[i] as number;
    const members = customers.filter((c) => c.first >= ps && c.first < Math.min(bounds[i + 1] as number, options.to));
    const size = count(members);
    if (size === 0) continue;
    const retained: number[] = [];
    for (let k = i + 1; k < bounds.length; k += 1) {
      const t = Math.min(bounds[k] as number, options.to);
      retained.push(count(members.filter((c) => c.lost === null || c.lost >= t)) / size);
    }
    cohorts.push({ cohort: new Date(ps).toISOString().slice(0, 10), size, retained });
  }
  return { interval: options.interval, periods, cohorts, churnRate: started ? lostTotal / started : null };
}

/**
 * Customer lives per account from its users' activity: an account starts at its first user's
 * first activity and is lost only when every user is lost (at the last such time).
 */
export function accountLives(
  users: readonly { account: string; first: number; last: number; churned: number | null }[],
  options: { now: number; inactivityMs: number },
): CustomerLife[] {
  const accounts = new Map<string, { first: number; lost: number | null; open: boolean }>();
  for (const user of users) {
    const lost = customerLost({ ...user, ...options });
    const entry = accounts.get(user.account);
    if (!entry) {
      accounts.set(user.account, { first: user.first, lost, open: lost === null });
      continue;
    }
    entry.first = Math.min(entry.first, user.first);
    entry.open ||= lost === null;
    if (lost !== null) entry.lost = entry.lost === null ? lost : Math.max(entry.lost, lost);
  }
  return [...accounts.values()].map((a) => ({ first: a.first, lost: a.open ? null : a.lost }));
}

/**
 * Counted lives folded into as few as the periods allow: each time from `bounds[0]` up to `cut`
 * (at most the window's end) moved to the last period bound at or before it, lives that then
 * share their times summed. {@link retentionReport} compares a life's times only with period
 * bounds and the window's end, which the fold keeps on the same side, so its report is the same
 * from O(periods²) lives as from the rollup's O(days²) day cells.
 */
export function foldLives(
  cells: readonly { first: number; lost: number; n: number }[],
  bounds: readonly number[],
  cut: number,
): { first: number; lost: number; n: number }[] {
  const fold = (t: number) => {
    if (t >= cut || t < (bounds[0] as number)) return t;
    let lo = 0;
    let hi = bounds.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((bounds[mid] as number) <= t) lo = mid;
      else hi = mid - 1;
    }
    return bounds[lo] as number;
  };
  const folded = new Map<string, { first: number; lost: number; n: number }>();
  for (const cell of cells) {
    if (cell.n <= 0) continue;
    const first = fold(cell.first);
    const lost = fold(cell.lost);
    const key = `${first}:${lost}`;
    const into = folded.get(key);
    if (into) into.n += cell.n;
    else folded.set(key, { first, lost, n: cell.n });
  }
  return [...folded.values()];
}
