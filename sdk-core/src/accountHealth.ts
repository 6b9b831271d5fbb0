import { DAY_MS, type Direction, type Kind } from './constants';

/** The latest answer of a kind, with the scale it was given on. */
export interface LatestAnswer {
  score: number;
  scale: readonly [number, number];
  direction: Direction;
}

/** What the health score of one account is computed from (`A`: the answers as given, e.g. with their time). */
export interface AccountSignals<A extends LatestAnswer = LatestAnswer> {
  account: string;
  nps: A | null;
  csat: A | null;
  ces: A | null;
  /** Last activity (any event), epoch ms, or null. */
  lastActive: number | null;
  /** Whether any of the account's users reached value; null when none started. */
  ttvReached: boolean | null;
  openTickets: number;
}

export type HealthPartName = Kind | 'recency' | 'ttv' | 'tickets';

/** One part of a health score: its 0–100 value (null when unknown) and its weight. */
export interface HealthPart {
  value: number | null;
  weight: number;
}

/** An account's 0–100 health with each part shown. */
export interface AccountHealth {
  account: string;
  /** Weighted mean of the known parts; null when no part is known or all weights are 0. */
  score: number | null;
  /** The account's last activity (epoch ms), or null: what recency is computed from. */
  lastActive: number | null;
  parts: Record<HealthPartName, HealthPart>;
}

/**
 * An answer on a 0–100 scale where 100 is best: its position on its scale, flipped for
 * lower-is-better scales (CES 1–5 effort).
 * @example answerPoints({ score: 8, scale: [0, 10], direction: 'higher-better' }) // 80
 */
export function answerPoints(answer: LatestAnswer): number {
  const [lo, hi] = answer.scale;
  const position = (answer.score - lo) / (hi - lo);
  return (answer.direction === 'lower-better' ? 1 - position : position) * 100;
}

/** Points of the tickets part each open ticket takes. */
export const TICKET_POINTS = 25;
/**
 * Open tickets from which the tickets part is 0: accounts with this many or more score alike,
 * so the health cells (migration 0154) count tickets up to it.
 */
export const TICKETS_TO_ZERO = Math.ceil(100 / TICKET_POINTS);

/**
 * Health 0–100 of an account. Parts: latest NPS, CSAT and CES on their scales; recency =
 * 100 at activity now, falling linearly to 0 at `inactivityDays`; TTV = 100 when reached,
 * 0 when not; tickets = 100 − 25 per open ticket (at least 0). Unknown parts are left out
 * and the weights of the known ones renormalised.
 */
export function accountHealth(
  signals: AccountSignals,
  options: { weights: Record<HealthPartName, number>; now: number; inactivityDays: number },
): AccountHealth {
  const { weights, now, inactivityDays } = options;
  const recency =
    signals.lastActive === null
      ? null
      : Math.max(0, Math.min(100, 100 * (1 - (now - signals.lastActive) / (inactivityDays * DAY_MS))));
  const values: Record<HealthPartName, number | null> = {
    nps: signals.nps ? answerPoints(signals.nps) : null,
    csat: signals.csat ? answerPoints(signals.csat) : null,
    ces: signals.ces ? answerPoints(signals.ces) : null,
    recency,
    ttv: signals.ttvReached === null ? null : signals.ttvReached ? 100 : 0,
    tickets: Math.max(0, 100 - TICKET_POINTS * signals.openTickets),
  };
  let total = 0;
  let weightSum = 0;
  const parts = {} as Record<HealthPartName, HealthPart>;
  for (const name of Object.keys(values) as HealthPartName[]) {
    const value = values[name];
    parts[name] = { value, weight: weights[name] };
    if (value !== null) {
      total += value * weights[name];
      weightSum += weights[name];
    }
  }
  return {
    account: signals.account,
    score: weightSum > 0 ? total / weightSum : null,
    lastActive: signals.lastActive,
    parts,
  };
}

/** Orders strings by Unicode code point, as SQLite's BINARY collation orders UTF-8 text. */
export function byCodePoint(a: string, b: string): number {
  if (a === b) return 0;
  for (let i = 0, j = 0; i < a.length && j < b.length; ) {
    const x = a.codePointAt(i) as number;
    const y = b.codePointAt(j) as number;
    if (x !== y) return x - y;
    i += x > 0xffff ? 2 : 1;
    j += y > 0xffff ? 2 : 1;
  }
  return a.length - b.length;
}

/**
 * Worst first: by score (no score last), then the longest idle (no activity first), then the
 * account by code point. Within accounts sharing every other part, a lower score never comes with
 * a later activity, so this is also the order of an index on (parts, last activity, account).
 */
export function worstFirst(
  a: Pick<AccountHealth, 'account' | 'score' | 'lastActive'>,
  b: Pick<AccountHealth, 'account' | 'score' | 'lastActive'>,
): number {
  return (
    (a.score ?? Number.POSITIVE_INFINITY) - (b.score ?? Number.POSITIVE_INFINITY) ||
    (a.lastActive ?? Number.NEGATIVE_INFINITY) - (b.lastActive ?? Number.NEGATIVE_INFINITY) ||
    byCodePoint(a.account, b.account)
  );
}

/**
 * The at-risk list: accounts scoring under `threshold`, worst first ({@link worstFirst}).
 */
export function atRisk(accounts: readonly AccountHealth[], threshold: number): AccountHealth[] {
  return accounts.filter((a) => a.score !== null && a.score < threshold).sort(worstFirst);
}

/**
 * Accounts that share the points of their latest NPS, CSAT and CES answer (0–100, null when
 * unknown), their TTV state, their open tickets (up to {@link TICKETS_TO_ZERO}) and the UTC day
 * of their last activity (days since the epoch, null for no activity): a cell of the health
 * rollup (migrations 0151, 0154).
 */
export interface HealthCell {
  nps: number | null;
  csat: number | null;
  ces: number | null;
  ttvReached: boolean | null;
  openTickets: number;
  lastDay: number | null;
}

/**
 * The lowest and highest score an account of the cell can have: with its last activity at the
 * first and the last millisecond of its day (recency only grows with it).
 * No score counts as +∞, as {@link worstFirst} orders it.
 */
export function cellScoreRange(
  cell: HealthCell,
  options: { weights: Record<HealthPartName, number>; now: number; inactivityDays: number },
): { lo: number; hi: number } {
  const answer = (points: number | null): LatestAnswer | null =>
    points === null ? null : { score: points, scale: [0, 100], direction: 'higher-better' };
  const at = (lastActive: number | null) =>
    accountHealth(
      {
        account: '',
        nps: answer(cell.nps),
        csat: answer(cell.csat),
        ces: answer(cell.ces),
        lastActive,
        ttvReached: cell.ttvReached,
        openTickets: cell.openTickets,
      },
      options,
    ).score ?? Number.POSITIVE_INFINITY;
  if (cell.lastDay === null) {
    const score = at(null);
    return { lo: score, hi: score };
  }
  return { lo: at(cell.lastDay * DAY_MS), hi: at((cell.lastDay + 1) * DAY_MS - 1) };
}

/**
 * Gathers each account's signals from per-user facts: the latest answer of each kind across
 * its users, their latest activity, whether any reached value (null if none started), and
 * its open tickets.
 */
export function accountSignals<A extends LatestAnswer = LatestAnswer>(input: {
  users: readonly { userKey: string; account: string; lastActive: number | null }[];
  answers: readonly { userKey: string; kind: Kind; ts: number; answer: A }[];
  started: ReadonlySet<string>;
  reached: ReadonlySet<string>;
  openTickets: readonly { userKey: string; account: string | null }[];
}): AccountSignals<A>[] {
  const accountOf = new Map(input.users.map((u) => [u.userKey, u.account]));
  const accounts = new Map<string, AccountSignals<A> & { answeredAt: Record<string, number> }>();
  const entry = (account: string) => {
    let signals = accounts.get(account);
    if (!signals) {
      signals = {
        account,
        nps: null,
        csat: null,
        ces: null,
        lastActive: null,
        ttvReached: null,
        openTickets: 0,
        answeredAt: {},
      };
      accounts.set(account, signals);
    }
    return signals;
  };
  for (const user of input.users) {
    const signals = entry(user.account);
    if (user.lastActive !== null) signals.lastActive = Math.max(signals.lastActive ?? 0, user.lastActive);
    if (input.reached.has(user.userKey)) signals.ttvReached = true;
    else if (input.started.has(user.userKey) && signals.ttvReached === null) signals.ttvReached = false;
  }
  for (const a of input.answers) {
    const account = accountOf.get(a.userKey);
    if (account === undefined) continue;
    const signals = entry(account);
    if ((signals.answeredAt[a.kind] ?? -1) < a.ts) {
      signals.answeredAt[a.kind] = a.ts;
      signals[a.kind] = a.answer;
    }
  }
  for (const ticket of input.openTickets) {
    const account = ticket.account ?? accountOf.get(ticket.userKey);
    if (account !== undefined) entry(account).openTickets += 1;
  }
  return [...accounts.values()].map(({ answeredAt: _, ...signals }) => signals);
}
