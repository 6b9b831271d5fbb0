import { env } from 'cloudflare:test';
import { type Rejected, type SiteCreated, userHash } from '@heard/core';
import { describe, expect, it } from 'vitest';
import { DAY, event, HOUR, track } from './events';
import { batch, call, collect, newSite, npsAnswer, read } from './helpers';

/**
 * The forgeries of issue 17, each tried as an attacker would with nothing but a page's public
 * key, against a site with real data. Each is refused item by item, every report reads the
 * same afterwards, and the same items through the secret-key door land exactly once.
 */

const day = (ts: number) => new Date(ts).toISOString().slice(0, 10);
const NOW = Date.now();
// Every report reads two years up to yesterday, so two reads a moment apart compare equal
// (a report that ends now censors at the clock), and every forged item, back-dated, is inside.
const RANGE = `from=${day(NOW - 730 * DAY)}&to=${day(NOW - DAY)}`;

const REPORTS = [
  `/v1/revenue?${RANGE}`,
  `/v1/retention?${RANGE}`,
  `/v1/durations?${RANGE}`,
  `/v1/ttv?${RANGE}`,
  `/v1/scores?metric=nps&${RANGE}`,
  '/v1/health',
];

/**
 * Two reads of the same reports agree: equal, except that numbers may differ by what the clock
 * moved between the reads (health's recency decays continuously), which is far under 0.001.
 */
function expectSameReports(actual: unknown, expected: unknown, path = 'reports'): void {
  if (typeof expected === 'number' && typeof actual === 'number') {
    expect(Math.abs(actual - expected), path).toBeLessThan(1e-3);
  } else if (expected && typeof expected === 'object') {
    expect(actual && typeof actual === 'object', path).toBe(true);
    expect(Object.keys(actual as object).sort(), path).toEqual(Object.keys(expected).sort());
    for (const [key, value] of Object.entries(expected)) {
      expectSameReports((actual as Record<string, unknown>)[key], value, `${path}.${key}`);
    }
  } else expect(actual, path).toEqual(expected);
}

/** Every report of the site, as its team reads them. */
async function reports(site: SiteCreated) {
  const read1 = async (path: string) => {
    const response = await read(path, site.secretKey);
    expect(response.status, path).toBe(200);
    return response.json();
  };
  return Object.fromEntries(await Promise.all(REPORTS.map(async (path) => [path, await read1(path)])));
}

const patch = (site: SiteCreated, body: unknown) =>
  call('/v1/settings', {
    method: 'PATCH',
    headers: { Authorization: `Bearer ${site.secretKey}` },
    body: JSON.stringify(body),
  });

/** A site with real customers: two paying accounts, a churn, a ticket, signups and NPS, all from the server. */
async function realSite() {
  const site = await newSite();
  const t = NOW - 60 * DAY;
  await track(site.secretKey, [
    event('identify', 'alice', t, { props: { account: 'acme', plan: 'pro' } }),
    event('identify', 'bob', t, { props: { account: 'globex', plan: 'pro' } }),
    event('signed_up', 'alice', t),
    event('activated', 'alice', t + DAY),
    event('signed_up', 'bob', t + HOUR),
    event('activated', 'bob', t + HOUR + DAY),
    event('revenue', 'alice', t + 2 * DAY, { value: 100, props: { kind: 'new', account: 'acme' } }),
    event('revenue', 'bob', t + 2 * DAY, { value: 50, props: { kind: 'new', account: 'globex' } }),
    event('page_viewed', 'alice', NOW - 3 * DAY),
    event('page_viewed', 'bob', NOW - 3 * DAY),
    event('ticket_opened', 'bob', NOW - 10 * DAY, { entity: 'T-1' }),
  ]);
  const answered = await batch(site.secretKey, {
    answers: [
      npsAnswer(9, { userId: 'alice', anonymousId: undefined, ts: NOW - 5 * DAY, traits: { account: 'acme' } }),
      npsAnswer(3, { userId: 'bob', anonymousId: undefined, ts: NOW - 5 * DAY, traits: { account: 'globex' } }),
    ],
  });
  expect(answered.status).toBe(200);
  return site;
}

/** Sends a forgery through the public key: every item must be refused, with `message` in each refusal. */
async function forgeThroughPublicKey(site: SiteCreated, body: Record<string, unknown>, message: RegExp) {
  const response = await collect({ site: site.publicKey, ...body });
  expect(response.status).toBe(400);
  const { error } = (await response.json()) as { error: { rejected: Rejected[] } };
  const sent = Object.values(body).reduce((n: number, list) => n + (list as unknown[]).length, 0);
  expect(error.rejected).toHaveLength(sent);
  for (const rejected of error.rejected) expect(rejected.issues.map((i) => i.message).join(' ')).toMatch(message);
}

/** The same items through `/v1/batch` land once: all accepted, then all duplicates. */
async function landThroughTheDoor(site: SiteCreated, body: Record<string, unknown[]>) {
  const sent = Object.values(body).reduce((n, list) => n + list.length, 0);
  expect(await (await batch(site.secretKey, body)).json()).toEqual({ accepted: sent, duplicates: 0, rejected: [] });
  expect(await (await batch(site.secretKey, body)).json()).toEqual({ accepted: 0, duplicates: sent, rejected: [] });
}

/** Turns identity verification on, and returns the site's identity secret. */
async function requireIdentity(site: SiteCreated) {
  const issued = await call('/v1/identity/secret', {
    method: 'POST',
    headers: { Authorization: `Bearer ${site.secretKey}` },
  });
  expect(issued.status).toBe(201);
  expect((await patch(site, { identity: { required: true } })).status).toBe(200);
  return ((await issued.json()) as { identitySecret: string }).identitySecret;
}

describe('forgeries through the public key (issue 17)', () => {
  it('revenue for 500 made-up accounts: refused as server-only by trustedEvents (default), no report moves', async () => {
    const site = await realSite();
    const before = await reports(site);
    const forged = Array.from({ length: 500 }, (_, i) =>
      event('revenue', `fake-${i}`, NOW - 20 * DAY, { value: 1000, props: { kind: 'new', account: `fake-${i}` } }),
    );
    await forgeThroughPublicKey(site, { events: forged }, /revenue is a server-only event/);
    expectSameReports(await reports(site), before);
    await landThroughTheDoor(site, { events: forged });
    const after = (await reports(site))[`/v1/revenue?${RANGE}`] as Record<string, unknown>;
    expect(after).not.toEqual(before[`/v1/revenue?${RANGE}`]);
  });

  it('churned for two real users: refused as server-only by trustedEvents (default), churn stays 0', async () => {
    const site = await realSite();
    const before = await reports(site);
    const forged = [event('churned', 'alice', NOW - 4 * DAY), event('churned', 'bob', NOW - 4 * DAY)];
    await forgeThroughPublicKey(site, { events: forged }, /churned is a server-only event/);
    expectSameReports(await reports(site), before);
    await landThroughTheDoor(site, { events: forged });
  });

  it("ticket_resolved from another user: refused once the site trusts its helpdesk's end event, the ticket stays open", async () => {
    const site = await realSite();
    // Tickets live in the helpdesk: the site names the end event as server-only. (By default only
    // revenue and churn are, so a browser that resolves tickets keeps working until it does.)
    expect((await patch(site, { trustedEvents: ['revenue', 'churned', 'ticket_resolved'] })).status).toBe(200);
    const before = await reports(site);
    expect((before[`/v1/durations?${RANGE}`] as { open: number }).open).toBe(1);
    const forged = [
      event('ticket_resolved', 'mallory', NOW - 9 * DAY, { entity: 'T-1' }),
      { ...event('ticket_resolved', 'x', NOW - 9 * DAY, { entity: 'T-1' }), userId: undefined, anonymousId: 'a-1' },
    ];
    await forgeThroughPublicKey(site, { events: forged }, /ticket_resolved is a server-only event/);
    expectSameReports(await reports(site), before);
    await landThroughTheDoor(site, { events: forged.slice(0, 1) });
  });

  it('a back-dated signed_up for real users: refused by identity verification, TTV p50 stays 1 day', async () => {
    const site = await realSite();
    await requireIdentity(site);
    const before = await reports(site);
    expect((before[`/v1/ttv?${RANGE}`] as { reachedTimes: { p50: number } }).reachedTimes.p50).toBeLessThanOrEqual(
      DAY + HOUR,
    );
    const forged = [event('signed_up', 'alice', NOW - 390 * DAY), event('signed_up', 'bob', NOW - 390 * DAY)];
    await forgeThroughPublicKey(site, { events: forged }, /requires identity verification/);
    // A made-up hash is no better than none.
    await forgeThroughPublicKey(
      site,
      { events: forged.map((e) => ({ ...e, id: crypto.randomUUID(), userHash: 'a'.repeat(64) })) },
      /userHash does not match/,
    );
    expectSameReports(await reports(site), before);
    await landThroughTheDoor(site, { events: forged });
  });

  it('500 NPS answers as two real users moving them to another account: refused by identity verification', async () => {
    const site = await realSite();
    const secret = await requireIdentity(site);
    const before = await reports(site);
    const profiles = () =>
      env.DB.prepare('SELECT user_key, traits FROM user_profiles WHERE site_id = ? ORDER BY user_key')
        .bind(site.id)
        .all();
    const profilesBefore = (await profiles()).results;
    const forged = Array.from({ length: 500 }, (_, i) =>
      npsAnswer(0, {
        userId: i % 2 ? 'alice' : 'bob',
        anonymousId: undefined,
        ts: NOW - 2 * DAY,
        traits: { account: 'victim-corp' },
      }),
    );
    await forgeThroughPublicKey(site, { answers: forged }, /requires identity verification/);
    // Anonymous answers still flow, but may not carry the account trait when verification is on.
    const anonymous = forged
      .slice(0, 3)
      .map((a) => ({ ...a, id: crypto.randomUUID(), userId: undefined, anonymousId: 'v' }));
    await forgeThroughPublicKey(
      site,
      { answers: anonymous },
      /only a verified user or the server may set the account trait/,
    );
    expectSameReports(await reports(site), before);
    expect((await profiles()).results).toEqual(profilesBefore);

    // The real widget, with the hash its backend computed, is let in: verified traffic flows.
    const verified = await collect({
      site: site.publicKey,
      answers: [npsAnswer(10, { userId: 'alice', userHash: await userHash(secret, 'alice'), ts: NOW - 2 * DAY })],
      events: [{ ...event('page_viewed', 'x', NOW - 2 * DAY), userId: undefined, anonymousId: 'visitor' }],
    });
    expect(await verified.json()).toEqual({ accepted: 2, duplicates: 0, rejected: [] });
    await landThroughTheDoor(site, { answers: forged.slice(0, 2) });
  });
});
