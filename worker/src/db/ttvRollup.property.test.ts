import { env } from 'cloudflare:test';
import type { Event, TtvRollup } from '@heard/core';
import { DAY_MS as DAY, periodStart, TIME_BIN_EDGES, ttvReportFromRollup, ttvRollupOf } from '@heard/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Items, storeBatch } from './collect';
import { createSite } from './sites';
import { ensureTtvRollup, readTtvRollup } from './ttvRollup';

const now = Date.now();
const START = 'signed_up';
const VALUE = 'activated';

/** An event of a small pool of users and names at any time in the last 60 days, so they collide. */
const eventOf = fc.record({
  user: fc.constantFrom('u1', 'u2', 'u3', 'u4', 'u5'),
  name: fc.constantFrom(START, START, VALUE, VALUE, 'page_viewed'),
  age: fc.integer({ min: 0, max: 60 * DAY }),
});
const plan = fc.array(
  fc.record({
    events: fc.array(eventOf, { minLength: 1, maxLength: 12 }),
    resend: fc.boolean(),
    erase: fc.option(fc.constantFrom('u1', 'u2', 'u3'), { freq: 4 }),
  }),
  { minLength: 1, maxLength: 5 },
);

/** The rollup the triggers kept, every non-empty cell, in a fixed order. */
async function kept(siteId: string): Promise<TtvRollup> {
  const days = await env.DB.prepare('SELECT day, bin, n FROM ttv_days WHERE site_id = ? AND n <> 0 ORDER BY day, bin')
    .bind(siteId)
    .all<{ day: number; bin: number; n: number }>();
  const waiting = await env.DB.prepare('SELECT hour, n FROM ttv_waiting WHERE site_id = ? AND n <> 0 ORDER BY hour')
    .bind(siteId)
    .all<{ hour: number; n: number }>();
  return {
    reached: days.results.filter((r) => r.bin >= 0),
    waiting: waiting.results,
    valueBeforeStart: days.results.filter((r) => r.bin < 0).map(({ day, n }) => ({ day, n })),
  };
}

/** The rollup recomputed from the first occurrences stored, as the reference builds it. */
async function recomputed(siteId: string): Promise<TtvRollup> {
  const { results } = await env.DB.prepare(
    `SELECT s.ts AS start, v.ts AS value FROM milestones s
     LEFT JOIN milestones v ON v.site_id = s.site_id AND v.name = ?3 AND v.user_key = s.user_key
     WHERE s.site_id = ?1 AND s.name = ?2`,
  )
    .bind(siteId, START, VALUE)
    .all<{ start: number; value: number | null }>();
  const rollup = ttvRollupOf(results);
  return {
    reached: rollup.reached.sort((a, b) => a.day - b.day || a.bin - b.bin),
    waiting: rollup.waiting.sort((a, b) => a.hour - b.hour),
    valueBeforeStart: rollup.valueBeforeStart.sort((a, b) => a.day - b.day),
  };
}

/** Bins per row of ttv_cells (0100): bin b is slot b + 1 of chunk (b + 1) / 64. */
const SLOTS = 64;

/**
 * The day, week and month sums the triggers of 0100 kept in ttv_cells, one row per non-zero
 * (span, first day, bin), and the same summed from the day cells.
 */
async function cells(siteId: string) {
  const rows = await env.DB.prepare(
    'SELECT span, first_day, chunk, counts FROM ttv_cells WHERE site_id = ? ORDER BY span, first_day, chunk',
  )
    .bind(siteId)
    .all<{ span: string; first_day: number; chunk: number; counts: string }>();
  const kept: { span: string; first_day: number; bin: number; n: number }[] = [];
  for (const row of rows.results) {
    const counts = JSON.parse(row.counts) as number[];
    expect(counts).toHaveLength(SLOTS);
    counts.forEach((n, i) => {
      if (n !== 0) kept.push({ span: row.span, first_day: row.first_day, bin: row.chunk * SLOTS + i - 1, n });
    });
  }
  const summed = await env.DB.prepare(
    `SELECT span, first_day, bin, n FROM (
       SELECT 'day' AS span, day AS first_day, bin, sum(n) AS n FROM ttv_days WHERE site_id = ?1 GROUP BY 2, 3
       UNION ALL
       SELECT 'week', day - ((day + 3) % 7), bin, sum(n) FROM ttv_days WHERE site_id = ?1 GROUP BY 2, 3
       UNION ALL
       SELECT 'month', CAST(julianday(date(day * 86400, 'unixepoch', 'start of month')) - 2440587.5 AS INTEGER),
              bin, sum(n) FROM ttv_days WHERE site_id = ?1 GROUP BY 2, 3)
     WHERE n <> 0 ORDER BY span, first_day, bin`,
  )
    .bind(siteId)
    .all();
  return { kept, summed: summed.results };
}

describe('the time-to-value rollup under any arrival order, re-sends and erasures', () => {
  it('equals the rollup recomputed from first occurrences, kept live or built afterwards', async () => {
    await fc.assert(
      fc.asyncProperty(plan, async (steps) => {
        const live = await createSite(env.DB, { name: 'live', origins: [] });
        const later = await createSite(env.DB, { name: 'later', origins: [] });
        await ensureTtvRollup(env.DB, live.id, START, VALUE);
        const sent: Event[] = [];
        for (const step of steps) {
          const events: Event[] = step.events.map((e) => ({
            id: crypto.randomUUID(),
            name: e.name,
            userId: e.user,
            ts: now - e.age,
          }));
          // A re-send repeats earlier items: stored once, counted once.
          const items: Items = { answers: [], displays: [], events: step.resend ? [...events, ...sent] : events };
          sent.push(...events);
          for (const site of [live, later]) await storeBatch(env.DB, site.id, items, now);
          if (step.erase) {
            for (const site of [live, later]) {
              await env.DB.prepare('DELETE FROM milestones WHERE site_id = ? AND user_key = ?')
                .bind(site.id, step.erase)
                .run();
            }
          }
          expect(await kept(live.id)).toEqual(await recomputed(live.id));
          const { kept: spans, summed } = await cells(live.id);
          expect(spans).toEqual(summed);
        }
        await ensureTtvRollup(env.DB, later.id, START, VALUE);
        expect(await kept(later.id)).toEqual(await recomputed(later.id));
        expect(await kept(later.id)).toEqual(await kept(live.id));
        const built = await cells(later.id);
        expect(built.kept).toEqual(built.summed);
        // Migration 0100's backfill (existing sites' day cells into ttv_cells) gives what the triggers keep.
        const backfill = env.TEST_MIGRATIONS.find((m) => m.name.startsWith('0100_'))?.queries.at(-1);
        expect(backfill).toMatch(/INSERT INTO ttv_cells[\s\S]*FROM ttv_days/);
        const triggered = [(await cells(live.id)).kept, (await cells(later.id)).kept];
        await env.DB.prepare('DELETE FROM ttv_cells').run();
        await env.DB.prepare(backfill as string).run();
        expect([(await cells(live.id)).kept, (await cells(later.id)).kept]).toEqual(triggered);
      }),
      { numRuns: 12 },
    );
  }, 120_000);

  it('uses the bins of @heard/core, edge for edge', async () => {
    const { results } = await env.DB.prepare('SELECT lo, bin FROM time_bins ORDER BY bin').all<{
      lo: number;
      bin: number;
    }>();
    expect(results.map((r) => r.lo)).toEqual(TIME_BIN_EDGES);
    expect(results.map((r) => r.bin)).toEqual(TIME_BIN_EDGES.map((_, i) => i));
  });

  it('reads, for any window and cohort, the rollup of the users who started in it, per cohort', async () => {
    // Users over 150 days (several months, so windows start mid-week and mid-month), times to
    // value from milliseconds to weeks, some before their start, some never.
    const user = fc.record({
      age: fc.integer({ min: DAY, max: 150 * DAY }),
      ttv: fc.option(fc.integer({ min: -3 * DAY, max: 20 * DAY }), { freq: 3 }),
      scale: fc.integer({ min: 0, max: 6 }),
    });
    await fc.assert(
      fc.asyncProperty(
        fc.array(user, { minLength: 0, maxLength: 60 }),
        fc.array(fc.tuple(fc.integer({ min: 0, max: 160 }), fc.constantFrom('week' as const, 'month' as const)), {
          minLength: 1,
          maxLength: 4,
        }),
        async (users, windows) => {
          const site = await createSite(env.DB, { name: 'windows', origins: [] });
          await ensureTtvRollup(env.DB, site.id, START, VALUE);
          const events: Event[] = users.flatMap((u, i) => {
            const start = now - u.age;
            // Small times to value too: divided by 10^scale, so bins from 1 ms up are hit.
            const ttv = u.ttv === null ? null : Math.trunc(u.ttv / 10 ** u.scale);
            const id = () => crypto.randomUUID();
            return [
              { id: id(), name: START, userId: `w${i}`, ts: start },
              ...(ttv === null || start + ttv >= now
                ? []
                : [{ id: id(), name: VALUE, userId: `w${i}`, ts: start + ttv }]),
            ];
          });
          await storeBatch(env.DB, site.id, { answers: [], displays: [], events }, now);
          const { results: everyone } = await env.DB.prepare(
            `SELECT s.ts AS start, v.ts AS value FROM milestones s
             LEFT JOIN milestones v ON v.site_id = s.site_id AND v.name = ?3 AND v.user_key = s.user_key
             WHERE s.site_id = ?1 AND s.name = ?2`,
          )
            .bind(site.id, START, VALUE)
            .all<{ start: number; value: number | null }>();
          for (const [daysBack, cohort] of windows) {
            const from = (Math.floor(now / DAY) - daysBack) * DAY;
            const to = now + 1;
            const read = await readTtvRollup(env.DB, { siteId: site.id, start: START, value: VALUE, from, to, cohort });
            // The exact reference: the users who started in the window, each day keyed by its cohort.
            const exact = ttvRollupOf(everyone.filter((s) => s.start >= from && s.start < to));
            const cohortDay = (day: number) => Date.parse(periodStart(day * DAY, cohort)) / DAY;
            const summed = new Map<string, { day: number; bin: number; n: number }>();
            for (const r of exact.reached) {
              const key = `${cohortDay(r.day)}:${r.bin}`;
              const row = summed.get(key) ?? { day: cohortDay(r.day), bin: r.bin, n: 0 };
              row.n += r.n;
              summed.set(key, row);
            }
            const before = new Map<number, number>();
            for (const r of exact.valueBeforeStart)
              before.set(cohortDay(r.day), (before.get(cohortDay(r.day)) ?? 0) + r.n);
            const byDayBin = (a: { day: number; bin: number }, b: { day: number; bin: number }) =>
              a.day - b.day || a.bin - b.bin;
            expect([...read.reached].sort(byDayBin)).toEqual([...summed.values()].sort(byDayBin));
            expect([...read.valueBeforeStart].sort((a, b) => a.day - b.day)).toEqual(
              [...before].map(([day, n]) => ({ day, n })).sort((a, b) => a.day - b.day),
            );
            expect([...read.waiting].sort((a, b) => a.hour - b.hour)).toEqual(
              [...exact.waiting].sort((a, b) => a.hour - b.hour),
            );
            // And so the report: the same as from the exact rollup, cohort for cohort.
            expect(ttvReportFromRollup(read, { until: to, cohort })).toEqual(
              ttvReportFromRollup(exact, { until: to, cohort }),
            );
          }
        },
      ),
      { numRuns: 25 },
    );
  }, 120_000);
});
