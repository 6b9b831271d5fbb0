// MRR tied to feedback: what none of the billing tools can show. NPS per MRR band, and the
// accounts that churned or contracted with their last NPS, CSAT and comment.
import { type Kind, MRR_BANDS, type MrrBandName, mrrBand } from './constants';
import type { MrrPeriod } from './mrr';
import { type NpsBreakdown, nps } from './nps';

/** One account's latest answer of a kind (the one `/v1/health` reads) with when it was given. */
export interface DatedAnswer {
  score: number;
  scale: [number, number];
  /** epoch ms */
  at: number;
}

/** NPS of the accounts in one MRR band. */
export interface MrrBandNps {
  band: MrrBandName;
  label: string;
  /** Lower edge, inclusive (major unit). */
  min: number;
  /** Upper edge, exclusive; null for the top band. */
  below: number | null;
  /** Accounts in the band, answered or not. */
  accounts: number;
  /** Accounts in the band with an NPS answer: the NPS is over these, one answer each. */
  n: number;
  score: number | null;
  ci95: [number, number] | null;
  marginOfError: number | null;
  breakdown: NpsBreakdown;
}

/**
 * NPS per MRR band ({@link MRR_BANDS}): each account counts once, in the band of its MRR
 * (major unit, 0 when absent from `mrr`), with its latest NPS answer; the score and its 95%
 * interval are {@link nps}'s over those answers. Every band is listed, empty ones with n 0.
 * Accounts in `mrr` but not in `accounts` (paying, never seen by Heard) count in `accounts`
 * with no answer.
 * @example npsByMrrBand([{ account: 'a', nps: { score: 10 } }], new Map([['a', 150]]))[2] // { band: '100to1000', accounts: 1, n: 1, score: 100, … }
 */
export function npsByMrrBand(
  accounts: readonly { account: string; nps: { score: number } | null }[],
  mrr: ReadonlyMap<string, number>,
): MrrBandNps[] {
  const members = new Map<MrrBandName, { accounts: number; scores: Record<number, number> }>(
    MRR_BANDS.map((b) => [b.band, { accounts: 0, scores: {} }]),
  );
  const seen = new Set<string>();
  const add = (account: string, answer: { score: number } | null) => {
    if (seen.has(account)) return;
    seen.add(account);
    const band = members.get(mrrBand(mrr.get(account) ?? 0));
    if (!band) return;
    band.accounts += 1;
    if (answer) band.scores[answer.score] = (band.scores[answer.score] ?? 0) + 1;
  };
  for (const a of accounts) add(a.account, a.nps);
  for (const account of mrr.keys()) add(account, null);
  return MRR_BANDS.map((b) => {
    const band = members.get(b.band) as { accounts: number; scores: Record<number, number> };
    const r = nps(band.scores);
    return {
      band: b.band,
      label: b.label,
      min: b.min,
      below: b.below,
      accounts: band.accounts,
      n: r.n,
      score: r.score,
      ci95: r.ci95,
      marginOfError: r.marginOfError,
      breakdown: r.breakdown,
    };
  });
}

/** A commented answer: the comment's text, the answer's kind and score, when it was given. */
export interface DatedComment {
  text: string;
  kind: Kind;
  score: number;
  at: number;
}

/**
 * Each account's latest commented answer from its users' ones (each user's latest, or all);
 * ties go to the first given.
 */
export function latestCommentByAccount(
  comments: readonly (DatedComment & { account: string })[],
): Map<string, DatedComment> {
  const out = new Map<string, DatedComment>();
  for (const { account, ...comment } of comments) {
    const kept = out.get(account);
    if (!kept || comment.at > kept.at) out.set(account, comment);
  }
  return out;
}

/** MRR an account lost in one period: all of it (churned) or part (contraction), in the major unit. */
export interface LostMrr {
  account: string;
  period: string;
  kind: 'churned' | 'contraction';
  lost: number;
}

/** An entry of the churned-MRR list: the MRR lost, with the account's last NPS, CSAT and comment. */
export interface ChurnedAccount extends LostMrr {
  nps: DatedAnswer | null;
  csat: DatedAnswer | null;
  comment: DatedComment | null;
}

/**
 * Every churned and contraction movement of the periods, most MRR lost first (then the later
 * period, then the account): an account that contracted in one period and churned in the next
 * is listed once per period.
 */
export function lostMrr(periods: readonly Pick<MrrPeriod, 'period' | 'movements'>[]): LostMrr[] {
  const out: LostMrr[] = [];
  for (const p of periods) {
    for (const m of p.movements) {
      if (m.kind === 'churned' || m.kind === 'contraction')
        out.push({ account: m.account, period: p.period, kind: m.kind, lost: m.amount });
    }
  }
  return out.sort((a, b) => b.lost - a.lost || b.period.localeCompare(a.period) || a.account.localeCompare(b.account));
}

/**
 * The churned-MRR list: {@link lostMrr}'s entries, the first `limit` of them with each
 * account's latest NPS and CSAT answer and latest comment (null when it has none); `total`
 * and `lost` cover every entry, listed or not.
 */
export function churnedMrrList(
  lost: readonly LostMrr[],
  feedback: {
    latest: ReadonlyMap<string, { nps: DatedAnswer | null; csat: DatedAnswer | null }>;
    comments: ReadonlyMap<string, DatedComment>;
  },
  limit: number,
): { total: number; lost: number; accounts: ChurnedAccount[] } {
  return {
    total: lost.length,
    // Amounts are whole minor units (at most three decimals): rounding to them undoes the float sum's drift.
    lost: Math.round(lost.reduce((sum, l) => sum + l.lost, 0) * 1000) / 1000,
    accounts: lost.slice(0, Math.max(0, limit)).map((l) => {
      const latest = feedback.latest.get(l.account);
      return {
        ...l,
        nps: latest?.nps ?? null,
        csat: latest?.csat ?? null,
        comment: feedback.comments.get(l.account) ?? null,
      };
    }),
  };
}

/** The MRR of the at-risk accounts: how many of them pay, and how much, in the major unit. */
export function mrrAtRisk(
  risky: readonly { account: string }[],
  mrr: ReadonlyMap<string, number>,
): { accounts: number; mrr: number } {
  let accounts = 0;
  let total = 0;
  for (const a of risky) {
    const value = mrr.get(a.account);
    if (value === undefined || value <= 0) continue;
    accounts += 1;
    total += value;
  }
  return { accounts, mrr: total };
}
