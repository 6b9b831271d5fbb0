import { describe, expect, it } from 'vitest';
import { MRR_BANDS, mrrBand, Z95 } from './constants';
import { churnedMrrList, latestCommentByAccount, lostMrr, mrrAtRisk, npsByMrrBand } from './mrrFeedback';

const mrr = (entries: Record<string, number>) => new Map(Object.entries(entries));
const account = (name: string, score: number | null) => ({ account: name, nps: score === null ? null : { score } });

describe('mrrBand', () => {
  it('puts 0 in no MRR and each edge in the band above it', () => {
    expect([0, -5, 0.01, 99.99, 100, 999.99, 1000, 1_000_000].map(mrrBand)).toEqual([
      'none',
      'none',
      'under100',
      'under100',
      '100to1000',
      '100to1000',
      '1000plus',
      '1000plus',
    ]);
    expect(mrrBand(Number.NaN)).toBe('none');
    expect(MRR_BANDS.map((b) => b.band)).toEqual(['none', 'under100', '100to1000', '1000plus']);
  });
});

describe('npsByMrrBand', () => {
  it('lists every band with n 0 and no score when there are no accounts', () => {
    const bands = npsByMrrBand([], new Map());
    expect(bands.map((b) => [b.band, b.accounts, b.n, b.score, b.ci95, b.marginOfError])).toEqual([
      ['none', 0, 0, null, null, null],
      ['under100', 0, 0, null, null, null],
      ['100to1000', 0, 0, null, null, null],
      ['1000plus', 0, 0, null, null, null],
    ]);
  });

  it('gives one answer the NPS of its band, with a zero-width interval', () => {
    const [, , middle] = npsByMrrBand([account('a', 10)], mrr({ a: 100 }));
    expect(middle).toMatchObject({ band: '100to1000', accounts: 1, n: 1, score: 100, ci95: [100, 100] });
    expect(middle?.marginOfError).toBe(0);
  });

  it('counts a paying account without an answer in its band but not in n, and each account once', () => {
    const bands = npsByMrrBand(
      // b appears twice (two entries of one account): the first is kept.
      [account('a', 9), account('b', 0), account('b', 10), account('free', 7), account('c', null)],
      mrr({ a: 50, b: 50, stripeOnly: 20, big: 1000 }),
    );
    expect(bands.map((b) => [b.band, b.accounts, b.n, b.score])).toEqual([
      // free (7) and c (no answer): a passive alone is NPS 0.
      ['none', 2, 1, 0],
      // a (9) and b (0) answered, stripeOnly did not: (1 − 1) ÷ 2 = 0.
      ['under100', 3, 2, 0],
      ['100to1000', 0, 0, null],
      ['1000plus', 1, 0, null],
    ]);
    // p = d = ½, n = 2: margin Z95 · √((1 − 0) ÷ 2) · 100 → clipped to −100…100.
    const under = bands[1];
    expect(under?.marginOfError).toBeCloseTo(Z95 * Math.sqrt(0.5) * 100, 9);
    expect(under?.ci95).toEqual([-100, 100]);
    expect(under?.breakdown).toEqual({ promoters: 1, passives: 0, detractors: 1 });
  });
});

describe('the churned-MRR list', () => {
  const periods = [
    {
      period: '2026-01-01',
      movements: [
        { account: 'x', kind: 'new' as const, amount: 500 },
        { account: 'a', kind: 'contraction' as const, amount: 40 },
      ],
    },
    {
      period: '2026-02-01',
      movements: [
        { account: 'a', kind: 'churned' as const, amount: 60 },
        { account: 'b', kind: 'churned' as const, amount: 40 },
        { account: 'y', kind: 'expansion' as const, amount: 30 },
        { account: 'z', kind: 'reactivation' as const, amount: 30 },
      ],
    },
  ];

  it('keeps only churned and contraction movements, most lost first, then the later period, then the account', () => {
    expect(lostMrr(periods)).toEqual([
      { account: 'a', period: '2026-02-01', kind: 'churned', lost: 60 },
      { account: 'b', period: '2026-02-01', kind: 'churned', lost: 40 },
      { account: 'a', period: '2026-01-01', kind: 'contraction', lost: 40 },
    ]);
    expect(lostMrr([])).toEqual([]);
  });

  it("attaches each listed account's last NPS, CSAT and comment, nulls when it has none, and counts every entry", () => {
    const latest = new Map([['a', { nps: { score: 3, scale: [0, 10] as [number, number], at: 5 }, csat: null }]]);
    const comments = latestCommentByAccount([
      { account: 'a', text: 'older', kind: 'csat', score: 2, at: 1 },
      { account: 'a', text: 'newer', kind: 'nps', score: 3, at: 5 },
      { account: 'a', text: 'same time, given later', kind: 'nps', score: 3, at: 5 },
    ]);
    const list = churnedMrrList(lostMrr(periods), { latest, comments }, 2);
    expect(list.total).toBe(3);
    expect(list.lost).toBe(140);
    expect(list.accounts).toEqual([
      {
        account: 'a',
        period: '2026-02-01',
        kind: 'churned',
        lost: 60,
        nps: { score: 3, scale: [0, 10], at: 5 },
        csat: null,
        comment: { text: 'newer', kind: 'nps', score: 3, at: 5 },
      },
      // An account with MRR but no answer and no comment.
      { account: 'b', period: '2026-02-01', kind: 'churned', lost: 40, nps: null, csat: null, comment: null },
    ]);
    expect(churnedMrrList(lostMrr(periods), { latest, comments }, 0).accounts).toEqual([]);
    expect(churnedMrrList([], { latest, comments }, 10)).toEqual({ total: 0, lost: 0, accounts: [] });
    // 0.1 + 0.2 is 0.30000000000000004 in floats; cents add up to 0.3.
    const cents = [
      { account: 'p', period: '2026-01-01', kind: 'churned' as const, lost: 0.1 },
      { account: 'q', period: '2026-01-01', kind: 'churned' as const, lost: 0.2 },
    ];
    expect(churnedMrrList(cents, { latest, comments }, 0).lost).toBe(0.3);
  });
});

describe('mrrAtRisk', () => {
  it('sums the MRR of the at-risk accounts that pay', () => {
    expect(mrrAtRisk([{ account: 'a' }, { account: 'free' }, { account: 'b' }], mrr({ a: 40, b: 100, c: 7 }))).toEqual({
      accounts: 2,
      mrr: 140,
    });
    expect(mrrAtRisk([], mrr({ a: 1 }))).toEqual({ accounts: 0, mrr: 0 });
  });
});
