import { env } from 'cloudflare:test';
import { DAY_MS, ZEventsDaily, ZSiteSettings } from '@heard/core';
import { describe, expect, it } from 'vitest';
import { batch, bodyOf, call, collect, newSite, read, storeAllEvents } from '../../test/helpers';
import { purgeSite } from '../db/purge';

const dayOf = (ts: number) => new Date(ts).toISOString().slice(0, 10);
const event = (name: string, userId: string, ts = Date.now() - 1000) => ({ id: crypto.randomUUID(), name, userId, ts });

/** What a site keeps of its events, straight from D1. */
async function kept(siteId: string) {
  const one = async <T>(sql: string) => (await env.DB.prepare(sql).bind(siteId).all<T>()).results;
  return {
    raw: (await one<{ name: string }>('SELECT name FROM events WHERE site_id = ? ORDER BY name')).map((r) => r.name),
    ids: (await one<{ n: number }>('SELECT COUNT(*) AS n FROM event_ids WHERE site_id = ?'))[0]?.n,
    counts: await one<{ day: string; name: string; n: number }>(
      'SELECT day, name, n FROM event_counts WHERE site_id = ? ORDER BY day, name',
    ),
    profiles: await one<{ user_key: string; first_ts: number; last_ts: number }>(
      'SELECT user_key, first_ts, last_ts FROM user_profiles WHERE site_id = ? ORDER BY user_key',
    ),
  };
}

async function daily(secretKey: string, query = '') {
  const response = await read(`/v1/events/daily${query}`, secretKey);
  expect(response.status).toBe(200);
  return bodyOf(ZEventsDaily, response);
}

describe("settings.events.store: 'metrics' (new sites)", () => {
  it('is the default of a new site, and PATCH /v1/settings changes it', async () => {
    const site = await newSite();
    const settings = await bodyOf(ZSiteSettings, await read('/v1/settings', site.secretKey));
    expect(settings.events).toEqual({ store: 'metrics' });
    await storeAllEvents(site.secretKey);
    expect((await bodyOf(ZSiteSettings, await read('/v1/settings', site.secretKey))).events).toEqual({ store: 'all' });
    const bad = await call('/v1/settings', {
      method: 'PATCH',
      headers: { Authorization: `Bearer ${site.secretKey}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ events: { store: 'some' } }),
    });
    expect(bad.status).toBe(400);
  });

  it('stores raw only the events a metric or setting reads; the rest touch the profile and the day count', async () => {
    const site = await newSite();
    const yesterday = Date.now() - DAY_MS;
    const first = event('page_viewed', 'u1', yesterday);
    const sent = [
      event('signed_up', 'u1', yesterday - 1000),
      first,
      event('page_viewed', 'u1'),
      event('page_viewed', 'u2'),
      event('activated', 'u1'),
      event('identify', 'u2'),
    ];
    const response = await collect({ site: site.publicKey, events: sent });
    expect(await response.json()).toEqual({ accepted: 6, duplicates: 0, rejected: [] });
    const state = await kept(site.id);
    expect(state.raw).toEqual(['activated', 'identify', 'signed_up']);
    expect(state.ids).toBe(3);
    expect(state.counts).toEqual(
      [
        { day: dayOf(yesterday - 1000), name: 'signed_up', n: 1 },
        { day: dayOf(yesterday), name: 'page_viewed', n: 1 },
        { day: dayOf(Date.now() - 1000), name: 'activated', n: 1 },
        { day: dayOf(Date.now() - 1000), name: 'identify', n: 1 },
        { day: dayOf(Date.now() - 1000), name: 'page_viewed', n: 2 },
      ].sort((a, b) => a.day.localeCompare(b.day) || a.name.localeCompare(b.name)),
    );
    // u2's only events are a counted page view and a raw identify: last active is the later of them.
    const u2 = state.profiles.find((p) => p.user_key === 'u2');
    expect(u2?.last_ts).toBe(Math.max(sent[3]?.ts as number, sent[5]?.ts as number));
    const u1 = state.profiles.find((p) => p.user_key === 'u1');
    expect(u1).toEqual({ user_key: 'u1', first_ts: sent[0]?.ts, last_ts: sent[4]?.ts });
  });

  it('counts a re-sent id once, through collect and batch, and within one request', async () => {
    const site = await newSite();
    const viewed = event('page_viewed', 'u1');
    const other = event('button_clicked', 'u1');
    const first = await collect({ site: site.publicKey, events: [viewed, viewed, other] });
    expect(await first.json()).toEqual({ accepted: 2, duplicates: 1, rejected: [] });
    const again = await collect({ site: site.publicKey, events: [viewed, other] });
    expect(await again.json()).toEqual({ accepted: 0, duplicates: 2, rejected: [] });
    const server = await batch(site.secretKey, { events: [viewed, other, event('page_viewed', 'u3')] });
    expect(await server.json()).toEqual({ accepted: 1, duplicates: 2, rejected: [] });
    const today = dayOf(Date.now() - 1000);
    expect((await kept(site.id)).counts).toEqual([
      { day: today, name: 'button_clicked', n: 1 },
      { day: today, name: 'page_viewed', n: 2 },
    ]);
  });

  it('never counts an id twice across the two kinds of storage when the setting changes', async () => {
    const site = await newSite();
    const viewed = event('page_viewed', 'u1');
    await collect({ site: site.publicKey, events: [viewed] });
    await storeAllEvents(site.secretKey);
    const again = await collect({ site: site.publicKey, events: [viewed, event('page_viewed', 'u2')] });
    expect(await again.json()).toEqual({ accepted: 1, duplicates: 1, rejected: [] });
    const state = await kept(site.id);
    expect(state.raw).toEqual(['page_viewed']);
    expect(state.counts).toEqual([{ day: dayOf(Date.now() - 1000), name: 'page_viewed', n: 2 }]);
  });

  it("with store: 'all' stores every event raw and counts it", async () => {
    const site = await newSite();
    await storeAllEvents(site.secretKey);
    await collect({ site: site.publicKey, events: [event('page_viewed', 'u1'), event('page_viewed', 'u1')] });
    const state = await kept(site.id);
    expect(state.raw).toEqual(['page_viewed', 'page_viewed']);
    expect(state.ids).toBe(0);
    expect(state.counts).toEqual([{ day: dayOf(Date.now() - 1000), name: 'page_viewed', n: 2 }]);
  });

  it('stores a renamed TTV event raw once the settings name it', async () => {
    const site = await newSite();
    await collect({ site: site.publicKey, events: [event('project_created', 'u1')] });
    const patched = await call('/v1/settings', {
      method: 'PATCH',
      headers: { Authorization: `Bearer ${site.secretKey}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ ttv: { value: 'project_created' } }),
    });
    expect(patched.status).toBe(200);
    await collect({ site: site.publicKey, events: [event('project_created', 'u2')] });
    expect((await kept(site.id)).raw).toEqual(['project_created']);
  });

  it('keeps the counts and drops old counted ids when retention purges', async () => {
    const site = await newSite();
    const old = Date.now() - 40 * DAY_MS;
    await batch(site.secretKey, { events: [event('page_viewed', 'u1', old), event('page_viewed', 'u1')] });
    await purgeSite(env.DB, site.id, Date.now() - 30 * DAY_MS);
    const state = await kept(site.id);
    expect(state.ids).toBe(1);
    expect(state.counts.reduce((n, c) => n + c.n, 0)).toBe(2);
  });
});

describe('GET /v1/events/daily', () => {
  it('answers events per day with zeros, and per name with whether it is stored raw', async () => {
    const site = await newSite();
    const now = Date.now() - 1000;
    await batch(site.secretKey, {
      events: [
        event('page_viewed', 'u1', now - 2 * DAY_MS),
        event('page_viewed', 'u1', now),
        event('page_viewed', 'u2', now),
        event('activated', 'u1', now),
      ],
    });
    const from = dayOf(now - 3 * DAY_MS);
    const to = dayOf(now);
    const report = await daily(site.secretKey, `?from=${from}&to=${to}`);
    expect(report).toEqual({
      from,
      to,
      total: 4,
      days: [
        { day: from, n: 0 },
        { day: dayOf(now - 2 * DAY_MS), n: 1 },
        { day: dayOf(now - DAY_MS), n: 0 },
        { day: to, n: 3 },
      ],
      names: [
        { name: 'page_viewed', n: 3, stored: false },
        { name: 'activated', n: 1, stored: true },
      ],
    });
    const one = await daily(site.secretKey, `?from=${to}&to=${to}&name=activated`);
    expect(one.total).toBe(1);
    expect(one.names).toEqual([{ name: 'activated', n: 1, stored: true }]);
  });

  it('defaults to the last 30 days, answers an empty site with zeros, and refuses a bad range', async () => {
    const site = await newSite();
    const report = await daily(site.secretKey);
    expect(report.days).toHaveLength(30);
    expect(report.total).toBe(0);
    expect(report.names).toEqual([]);
    expect((await read('/v1/events/daily?from=2026-02-01&to=2026-01-01', site.secretKey)).status).toBe(400);
    expect((await call('/v1/events/daily')).status).toBe(401);
  });

  it("shows only the site's own counts", async () => {
    const [a, b] = [await newSite(), await newSite()];
    await batch(a.secretKey, { events: [event('page_viewed', 'u1')] });
    expect((await daily(b.secretKey)).total).toBe(0);
    expect((await daily(a.secretKey)).total).toBe(1);
  });
});

describe('migration 0071 on sites made before it', () => {
  it("gives existing sites store: 'all' and leaves a site that chose alone", async () => {
    const old = await newSite();
    const chose = await newSite();
    await env.DB.prepare("UPDATE sites SET settings = '{}' WHERE id = ?").bind(old.id).run();
    await env.DB.prepare(`UPDATE sites SET settings = '{"events":{"store":"metrics"}}' WHERE id = ?`)
      .bind(chose.id)
      .run();
    const migration = env.TEST_MIGRATIONS.find((m) => m.name.startsWith('0071'));
    const update = migration?.queries.find((q) => q.includes('UPDATE sites SET settings'));
    expect(update).toBeDefined();
    await env.DB.prepare(update as string).run();
    const store = async (id: string) =>
      (
        await env.DB.prepare("SELECT settings ->> '$.events.store' AS s FROM sites WHERE id = ?")
          .bind(id)
          .first<{ s: string }>()
      )?.s;
    expect(await store(old.id)).toBe('all');
    expect(await store(chose.id)).toBe('metrics');
  });
});
