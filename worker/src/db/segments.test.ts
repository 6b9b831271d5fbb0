import { env } from 'cloudflare:test';
import { DAY_MS as DAY, DEFAULT_SITE_SETTINGS } from '@heard/core';
import { describe, expect, it } from 'vitest';
import { call, collect, newSite, npsAnswer, read } from '../../test/helpers';
import { purgeSite } from './purge';
import { ROLLUP_BY_SEGMENT_SQL } from './segments';

const day = (ts: number) => new Date(ts).toISOString().slice(0, 10);

/** A mix of answers: the trait in traits, only in props, in neither; strings, numbers, booleans. */
function answers(now: number) {
  const out: Record<string, unknown>[] = [];
  const plans = ['free', 'pro', 'team'];
  for (let i = 0; i < 60; i++) {
    const ts = now - (i % 20) * DAY - 1000;
    const where = i % 4;
    const plan = plans[i % 3];
    out.push(
      npsAnswer(i % 11, {
        ts,
        userId: `u${i % 17}`,
        survey: i % 5 === 0 ? 'nps-onboarding' : 'nps-quarterly',
        ...(where === 0 ? { traits: { plan, country: 'DE' } } : {}),
        ...(where === 1 ? { props: { plan } } : {}),
        ...(where === 2 ? { traits: { plan: i % 8 === 2, seats: i % 3 }, props: { plan: 'ignored' } } : {}),
      }),
    );
  }
  return out;
}

/** The same report read through the segment rollup (UTC) and the raw answers (Etc/UTC, the same zone). */
async function bothWays(secretKey: string, query: string) {
  const rolled = (await (await read(`/v1/scores?${query}`, secretKey)).json()) as Record<string, unknown>;
  const raw = (await (await read(`/v1/scores?${query}&tz=Etc/UTC`, secretKey)).json()) as Record<string, unknown>;
  const strip = ({ tz: _, comparison, ...rest }: Record<string, unknown>) => ({
    ...rest,
    comparison: comparison && {
      ...(comparison as Record<string, unknown>),
      previous: { ...(comparison as { previous: Record<string, unknown> }).previous, tz: null },
    },
  });
  return { rolled: strip(rolled), raw: strip(raw), segments: rolled.segments as { value: string; n: number }[] };
}

describe('the segment rollup (migration 0009)', () => {
  it('gives by= on a segment trait exactly what reading every answer gives', async () => {
    const site = await newSite();
    const now = Date.now();
    const sent = answers(now);
    await collect({ site: site.publicKey, answers: sent });
    await collect({ site: site.publicKey, answers: sent.slice(0, 10) }); // re-sent: counted once
    const from = day(now - 12 * DAY);
    for (const query of [
      `metric=nps&by=plan&from=${from}&to=${day(now)}&interval=week&compare=previous`,
      `metric=nps&by=country&survey=nps-quarterly&from=${from}&to=${day(now)}`,
    ]) {
      const { rolled, raw, segments } = await bothWays(site.secretKey, query);
      expect(segments.length).toBeGreaterThan(1);
      expect(rolled).toEqual(raw);
    }
    const { segments } = await bothWays(site.secretKey, `metric=nps&by=plan&from=${day(now - 30 * DAY)}`);
    expect(Object.fromEntries(segments.map((s) => [s.value, s.n]))).toEqual({
      free: 10,
      pro: 10,
      team: 10,
      true: 8,
      false: 7,
      '(none)': 15,
    });
  });

  it('loses an erased answer, and keeps counting answers a retention purge removed', async () => {
    const site = await newSite();
    const now = Date.now();
    await collect({
      site: site.publicKey,
      answers: [
        npsAnswer(10, { userId: 'gone', traits: { plan: 'pro' }, ts: now - DAY }),
        npsAnswer(0, { userId: 'stays', traits: { plan: 'pro' }, ts: now - DAY }),
        npsAnswer(9, { userId: 'old', traits: { plan: 'free' }, ts: now - 40 * DAY }),
      ],
    });
    await call('/v1/users/gone', { method: 'DELETE', headers: { Authorization: `Bearer ${site.secretKey}` } });
    const query = `metric=nps&by=plan&from=${day(now - 60 * DAY)}&to=${day(now)}`;
    expect((await bothWays(site.secretKey, query)).rolled).toEqual((await bothWays(site.secretKey, query)).raw);
    await purgeSite(env.DB, site.id, now - 30 * DAY);
    const after = (await (await read(`/v1/scores?${query}`, site.secretKey)).json()) as {
      n: number;
      segments: { value: string; n: number }[];
    };
    expect(after.n).toBe(2);
    expect(after.segments.map((s) => [s.value, s.n]).sort()).toEqual([
      ['free', 1],
      ['pro', 1],
    ]);
  });

  it('follows the segments setting: a new name is counted at once, a dropped one is cleared', async () => {
    const site = await newSite();
    const now = Date.now();
    await collect({ site: site.publicKey, answers: answers(now) });
    const patch = await call('/v1/settings', {
      method: 'PATCH',
      headers: { Authorization: `Bearer ${site.secretKey}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ segments: ['seats'] }),
    });
    expect(await patch.json()).toMatchObject({ segments: ['seats'] });
    const names = await env.DB.prepare('SELECT DISTINCT name FROM segment_rollup WHERE site_id = ?')
      .bind(site.id)
      .all<{ name: string }>();
    expect(names.results.map((r) => r.name)).toEqual(['seats']);
    await collect({ site: site.publicKey, answers: answers(now + 1) }); // new ids, counted by the trigger
    const query = `metric=nps&by=seats&from=${day(now - 30 * DAY)}&to=${day(now)}`;
    const { rolled, raw, segments } = await bothWays(site.secretKey, query);
    expect(segments.map((s) => s.value).sort()).toEqual(['(none)', '0', '1', '2']);
    expect(rolled).toEqual(raw);
  });

  it('defaults to the names DEFAULT_SITE_SETTINGS gives, and reads by primary key', async () => {
    const migration = env.TEST_MIGRATIONS.find((m) => m.name.startsWith('0009'));
    const sql = migration?.queries.join('\n') ?? '';
    expect(sql).toContain(`'${JSON.stringify(DEFAULT_SITE_SETTINGS.segments)}'`);
    const { results } = await env.DB.prepare(`EXPLAIN QUERY PLAN ${ROLLUP_BY_SEGMENT_SQL}`)
      .bind('site', 'nps', 'plan', '2026-01-01', '2026-03-31', null)
      .all<{ detail: string }>();
    expect(results.map((r) => r.detail).join('\n')).toMatch(
      /SEARCH segment_rollup USING PRIMARY KEY \(site_id=\? AND kind=\? AND name=\? AND day>\? AND day<\?\)/,
    );
  });
});
