import { env } from 'cloudflare:test';
import type { DurationRollup, Event } from '@heard/core';
import { DAY_MS as DAY, durationRollupOf } from '@heard/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Items, storeBatch } from './collect';
import { ensureDurationRollup } from './durationRollup';
import { durationEntities } from './durations';
import { createSite } from './sites';

const now = Date.now();
const START = 'ticket_opened';
const END = 'ticket_resolved';

/** Events of a few tickets at any time in the last 30 days, so starts and ends collide and reorder. */
const eventOf = fc.record({
  entity: fc.constantFrom('t1', 't2', 't3', 't4'),
  name: fc.constantFrom(START, END, END, 'page_viewed'),
  age: fc.integer({ min: 0, max: 30 * DAY }),
});
const plan = fc.array(fc.record({ events: fc.array(eventOf, { minLength: 1, maxLength: 10 }), resend: fc.boolean() }), {
  minLength: 1,
  maxLength: 5,
});

async function kept(siteId: string): Promise<DurationRollup> {
  const ended = await env.DB.prepare(
    'SELECT day, bin, n FROM duration_days WHERE site_id = ? AND n <> 0 ORDER BY day, bin',
  )
    .bind(siteId)
    .all<{ day: number; bin: number; n: number }>();
  const open = await env.DB.prepare('SELECT hour, n FROM duration_open WHERE site_id = ? AND n <> 0 ORDER BY hour')
    .bind(siteId)
    .all<{ hour: number; n: number }>();
  return { ended: ended.results, open: open.results };
}

/** The rollup recomputed from the raw events with the exact report's own query. */
async function recomputed(siteId: string): Promise<DurationRollup> {
  const entities = await durationEntities(env.DB, { siteId, start: START, end: END, from: 0, to: now + DAY });
  const rollup = durationRollupOf(entities);
  return {
    ended: rollup.ended.sort((a, b) => a.day - b.day || a.bin - b.bin),
    open: rollup.open.sort((a, b) => a.hour - b.hour),
  };
}

describe('the resolution-time rollup under any arrival order and re-sends', () => {
  it('equals the rollup recomputed from the raw events, kept live or built afterwards', async () => {
    await fc.assert(
      fc.asyncProperty(plan, async (steps) => {
        const live = await createSite(env.DB, { name: 'live', origins: [] });
        const later = await createSite(env.DB, { name: 'later', origins: [] });
        await ensureDurationRollup(env.DB, live.id, START, END);
        const sent: Event[] = [];
        for (const step of steps) {
          const events: Event[] = step.events.map((e) => ({
            id: crypto.randomUUID(),
            name: e.name,
            userId: 'u1',
            entity: e.entity,
            ts: now - e.age,
          }));
          const items: Items = { answers: [], displays: [], events: step.resend ? [...events, ...sent] : events };
          sent.push(...events);
          for (const site of [live, later]) await storeBatch(env.DB, site.id, items, now);
          expect(await kept(live.id)).toEqual(await recomputed(live.id));
        }
        await ensureDurationRollup(env.DB, later.id, START, END);
        expect(await kept(later.id)).toEqual(await recomputed(later.id));
        expect(await kept(later.id)).toEqual(await kept(live.id));
      }),
      { numRuns: 12 },
    );
  }, 120_000);
});
