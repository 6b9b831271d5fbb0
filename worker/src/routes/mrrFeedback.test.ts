import { Z95, ZHealthResponse } from '@heard/core';
import { describe, expect, it } from 'vitest';
import { DAY, track, event as trackEvent } from '../../test/events';
import { bodyOf, call, collect, newSite, npsAnswer, read } from '../../test/helpers';
import { deliver, event, mrr, put, SECRET, subscription } from '../../test/stripe';

const answer = (kind: 'nps' | 'csat', score: number, userId: string, ts: number, comment?: string) => ({
  ...npsAnswer(score, { userId, ts }),
  kind,
  scale: kind === 'nps' ? [0, 10] : [1, 5],
  anonymousId: undefined,
  ...(comment === undefined ? {} : { comment }),
});

/**
 * A quarter of Stripe events and the answers of the same accounts. MRR now: acme 1,000 (exactly
 * the top band's edge), globex 300 → 100 on Feb 15 (exactly the middle band's edge), umbrella 50,
 * ghost 20 (Stripe only: no user in Heard), hooli 40 until Feb 20, initech 250 until Mar 3,
 * eurco 90 in euros; freeco never pays.
 */
async function quarter() {
  const site = await newSite();
  // Health from the latest NPS alone, so the at-risk list is readable: an account is at risk under 50, i.e. NPS ≤ 4.
  const settings = await call('/v1/settings', {
    method: 'PATCH',
    headers: { Authorization: `Bearer ${site.secretKey}` },
    body: JSON.stringify({ health: { weights: { csat: 0, ces: 0, recency: 0, tickets: 0, ttv: 0 }, atRisk: 50 } }),
  });
  expect(settings.status).toBe(200);
  expect((await put(site.secretKey, { signingSecret: SECRET, account: 'metadata.account' })).status).toBe(200);
  const now = Date.now();
  const users = { a1: 'acme', a2: 'acme', g1: 'globex', u1: 'umbrella', h1: 'hooli', i1: 'initech', f1: 'freeco' };
  await track(
    site.publicKey,
    Object.entries(users).map(([user, account]) =>
      trackEvent('identify', user, now - 30 * DAY, { props: { account } }),
    ),
  );
  const t = (daysAgo: number) => now - daysAgo * DAY;
  const answers = [
    // acme: a2's detractor is older than a1's promoter: the account's latest NPS is 10.
    answer('nps', 3, 'a2', t(20)),
    answer('nps', 10, 'a1', t(5)),
    // globex: a CSAT with a comment, then a newer NPS with one: the NPS comment is the last.
    answer('csat', 2, 'g1', t(12), 'Support took a week'),
    answer('nps', 4, 'g1', t(6), 'Too expensive for the seats we use'),
    answer('nps', 9, 'u1', t(4)),
    answer('nps', 0, 'h1', t(8), '<b>Moving</b> to a competitor & cheaper'),
    answer('csat', 1, 'h1', t(9)),
    answer('csat', 4, 'i1', t(3)),
    answer('nps', 8, 'f1', t(2)),
  ];
  const collected = await collect({ site: site.publicKey, answers });
  expect(collected.status).toBe(200);
  const subs = {
    acme: { id: 'sub_acme', customer: 'cus_acme', account: 'acme', unitAmount: 100_000 },
    globex: { id: 'sub_globex', customer: 'cus_globex', account: 'globex', unitAmount: 10_000 },
    umbrella: { id: 'sub_umbrella', customer: 'cus_umbrella', account: 'umbrella', unitAmount: 5_000 },
    ghost: { id: 'sub_ghost', customer: 'cus_ghost', account: 'ghost', unitAmount: 2_000 },
    hooli: { id: 'sub_hooli', customer: 'cus_hooli', account: 'hooli', unitAmount: 4_000 },
    initech: { id: 'sub_initech', customer: 'cus_initech', account: 'initech', unitAmount: 25_000 },
    eurco: { id: 'sub_eurco', customer: 'cus_eurco', account: 'eurco', unitAmount: 9_000, currency: 'eur' },
  };
  const events = [
    event('customer.subscription.created', '2026-01-05T09:00:00Z', subscription(subs.acme)),
    event('customer.subscription.created', '2026-01-10T09:00:00Z', subscription({ ...subs.globex, quantity: 3 })),
    event('customer.subscription.updated', '2026-02-15T09:00:00Z', subscription({ ...subs.globex, quantity: 1 })),
    event('customer.subscription.created', '2026-01-03T09:00:00Z', subscription(subs.umbrella)),
    event('customer.subscription.created', '2026-01-04T09:00:00Z', subscription(subs.ghost)),
    event('customer.subscription.created', '2026-01-08T09:00:00Z', subscription(subs.hooli)),
    event('customer.subscription.deleted', '2026-02-20T09:00:00Z', subscription({ ...subs.hooli, status: 'canceled' })),
    event('customer.subscription.created', '2026-01-12T09:00:00Z', subscription(subs.initech)),
    event(
      'customer.subscription.deleted',
      '2026-03-03T09:00:00Z',
      subscription({ ...subs.initech, status: 'canceled' }),
    ),
    event('customer.subscription.created', '2026-01-06T09:00:00Z', subscription(subs.eurco)),
  ];
  // Delivered newest first: the report reads each event's `created`, not its arrival.
  for (const e of events.reverse()) expect((await deliver(site.id, e)).status).toBe(200);
  return { site, t, now };
}

describe('GET /v1/mrr ties MRR to feedback', () => {
  it('gives NPS by MRR band, the churned-MRR list with last answers and comments, and the MRR at risk', async () => {
    const { site, t } = await quarter();
    const report = await mrr(site.secretKey, 'from=2026-01-01&to=2026-03-31');
    expect(report.periods.map((p) => [p.period, p.contraction, p.churned])).toEqual([
      ['2026-01-01', 0, 0],
      ['2026-02-01', 200, 40],
      ['2026-03-01', 0, 250],
    ]);

    // Bands now, one answer per account (its latest):
    // none: hooli (0), initech (no NPS), freeco (8) → 2 answers, 1 detractor, 1 passive: −50.
    // < 100: umbrella (9) and ghost (paying, never answered) → 1 answer, a promoter: 100.
    // 100 – 1,000: globex at exactly 100 (4) → −100. ≥ 1,000: acme at exactly 1,000 (10, not a2's 3) → 100.
    // eurco bills only in euros: in no band of the dollar report.
    const bands = report.npsByMrrBand.map((b) => [b.band, b.accounts, b.n, b.score, b.breakdown]);
    expect(bands).toEqual([
      ['none', 3, 2, -50, { promoters: 0, passives: 1, detractors: 1 }],
      ['under100', 2, 1, 100, { promoters: 1, passives: 0, detractors: 0 }],
      ['100to1000', 1, 1, -100, { promoters: 0, passives: 0, detractors: 1 }],
      ['1000plus', 1, 1, 100, { promoters: 1, passives: 0, detractors: 0 }],
    ]);
    // p = 0, d = ½, n = 2: margin Z95 · √((½ − ¼) ÷ 2) · 100, clipped at −100.
    const margin = Z95 * Math.sqrt(0.125) * 100;
    expect(report.npsByMrrBand[0]?.marginOfError).toBeCloseTo(margin, 9);
    expect(report.npsByMrrBand[0]?.ci95?.[0]).toBe(-100);
    expect(report.npsByMrrBand[0]?.ci95?.[1]).toBeCloseTo(-50 + margin, 9);
    // One answer, no spread: the interval is the point.
    expect(report.npsByMrrBand[1]?.ci95).toEqual([100, 100]);
    expect(report.npsByMrrBand.map((b) => [b.label, b.min, b.below])).toEqual([
      ['No MRR', 0, 0],
      ['< 100', 0, 100],
      ['100 – 1,000', 100, 1000],
      ['≥ 1,000', 1000, null],
    ]);

    // Most MRR lost first: initech's churn (250, Mar), globex's contraction (200, Feb), hooli's churn (40, Feb).
    expect(report.churned.total).toBe(3);
    expect(report.churned.lost).toBe(490);
    expect(report.churned.accounts).toEqual([
      {
        account: 'initech',
        period: '2026-03-01',
        kind: 'churned',
        lost: 250,
        nps: null,
        csat: { score: 4, scale: [1, 5], at: t(3) },
        comment: null,
      },
      {
        account: 'globex',
        period: '2026-02-01',
        kind: 'contraction',
        lost: 200,
        nps: { score: 4, scale: [0, 10], at: t(6) },
        csat: { score: 2, scale: [1, 5], at: t(12) },
        comment: { text: 'Too expensive for the seats we use', kind: 'nps', score: 4, at: t(6) },
      },
      {
        account: 'hooli',
        period: '2026-02-01',
        kind: 'churned',
        lost: 40,
        nps: { score: 0, scale: [0, 10], at: t(8) },
        csat: { score: 1, scale: [1, 5], at: t(9) },
        comment: { text: '<b>Moving</b> to a competitor & cheaper', kind: 'nps', score: 0, at: t(8) },
      },
    ]);

    // At risk (health under 50 = NPS ≤ 4): globex (100 MRR) and hooli (no MRR any more): 1 paying account, 100.
    expect(report.atRisk).toEqual({ threshold: 50, accounts: 1, mrr: 100 });
    const health = await bodyOf(ZHealthResponse, await read('/v1/health', site.secretKey));
    expect(health.atRisk.map((a) => a.account)).toEqual(['hooli', 'globex']);
    expect([health.mrr?.atRisk, health.mrr?.atRiskAccounts]).toEqual([100, 1]);
  });

  it('gives the periods per value of an account trait with by=, summing to the whole', async () => {
    const { site, now } = await quarter();
    // acme's users disagree: a1 (active yesterday) says enterprise, a2 (last active 20 days ago)
    // starter: the most recently active user's value is the account's. initech and ghost (Stripe
    // only) have no plan: null. eurco bills in euros: in no segment of the dollar report.
    const plans: [string, string, string, number][] = [
      ['a1', 'acme', 'enterprise', now - DAY],
      ['a2', 'acme', 'starter', now - 25 * DAY],
      ['g1', 'globex', 'team', now - 10 * DAY],
      ['u1', 'umbrella', 'team', now - 10 * DAY],
      ['h1', 'hooli', 'team', now - 10 * DAY],
    ];
    await track(
      site.publicKey,
      plans.map(([user, account, plan, ts]) => trackEvent('identify', user, ts, { props: { account, plan } })),
    );
    const report = await mrr(site.secretKey, 'from=2026-01-01&to=2026-03-31&by=plan');
    expect(report.by).toBe('plan');
    const table = (report.segments ?? []).map((s) => [
      s.value,
      s.accounts,
      s.periods.map((p) => [p.start, p.new, p.contraction, p.churned, p.end]),
    ]);
    // team: globex 300 → 100 (Feb 15), umbrella 50, hooli 40 until Feb 20.
    // null: ghost 20, initech 250 until Mar 3. enterprise: acme 1,000.
    expect(table).toEqual([
      [
        'team',
        3,
        [
          [0, 390, 0, 0, 390],
          [390, 0, 200, 40, 150],
          [150, 0, 0, 0, 150],
        ],
      ],
      [
        null,
        2,
        [
          [0, 270, 0, 0, 270],
          [270, 0, 0, 0, 270],
          [270, 0, 0, 250, 20],
        ],
      ],
      [
        'enterprise',
        1,
        [
          [0, 1000, 0, 0, 1000],
          [1000, 0, 0, 0, 1000],
          [1000, 0, 0, 0, 1000],
        ],
      ],
    ]);
    expect(report.periods.map((p) => p.end)).toEqual([1660, 1420, 1170]);
    // Without by=, no segments; a bad trait name is a 400.
    const plain = await mrr(site.secretKey, 'from=2026-01-01&to=2026-03-31');
    expect([plain.by, plain.segments]).toEqual([null, undefined]);
    expect((await read('/v1/mrr?by=pl%20an', site.secretKey)).status).toBe(400);
  });

  it('caps the churned list at churnedLimit but counts every entry, and refuses a bad limit', async () => {
    const { site } = await quarter();
    const capped = await mrr(site.secretKey, 'from=2026-01-01&to=2026-03-31&churnedLimit=1');
    expect(capped.churned.accounts.map((a) => a.account)).toEqual(['initech']);
    expect([capped.churned.total, capped.churned.lost]).toEqual([3, 490]);
    const none = await mrr(site.secretKey, 'from=2026-01-01&to=2026-03-31&churnedLimit=0');
    expect([none.churned.accounts, none.churned.total]).toEqual([[], 3]);
    // The window holds only January: nothing churned, so the list is empty.
    const january = await mrr(site.secretKey, 'from=2026-01-01&to=2026-01-31');
    expect(january.churned).toEqual({ total: 0, lost: 0, accounts: [] });
    for (const bad of ['-1', '501', 'many']) {
      expect((await read(`/v1/mrr?churnedLimit=${bad}`, site.secretKey)).status, bad).toBe(400);
    }
  });

  it('gives every band with n 0 and no score, and nothing at risk, on a site without answers or subscriptions', async () => {
    const site = await newSite();
    const report = await mrr(site.secretKey, 'from=2026-01-01&to=2026-01-31');
    expect(report.npsByMrrBand.map((b) => [b.band, b.accounts, b.n, b.score, b.ci95])).toEqual([
      ['none', 0, 0, null, null],
      ['under100', 0, 0, null, null],
      ['100to1000', 0, 0, null, null],
      ['1000plus', 0, 0, null, null],
    ]);
    expect(report.atRisk).toEqual({ threshold: 50, accounts: 0, mrr: 0 });
    expect(report.churned).toEqual({ total: 0, lost: 0, accounts: [] });
  });
});
