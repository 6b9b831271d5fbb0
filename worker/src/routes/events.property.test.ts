import { env } from 'cloudflare:test';
import { DAY_MS } from '@heard/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { batch, collect, newSite } from '../../test/helpers';

const NAMES = ['activated', 'signed_up', 'page_viewed', 'button_clicked'];
const READ = new Set(['activated', 'signed_up']);
const dayOf = (ts: number) => new Date(ts).toISOString().slice(0, 10);

describe("event counts under events.store 'metrics' (property)", () => {
  it('equal the distinct ids sent per day and name, whatever the repeats and the door; raw rows only for read names', async () => {
    const now = Date.now() - 60_000;
    const pool = Array.from({ length: 12 }, (_, i) => ({
      id: crypto.randomUUID(),
      name: NAMES[i % NAMES.length] as string,
      userId: `u${i % 3}`,
      ts: now - (i % 3) * DAY_MS,
    }));
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.tuple(
            fc.array(fc.integer({ min: 0, max: pool.length - 1 }), { minLength: 1, maxLength: 8 }),
            fc.boolean(),
          ),
          {
            minLength: 1,
            maxLength: 5,
          },
        ),
        async (requests) => {
          const site = await newSite();
          const sent = new Map<string, (typeof pool)[number]>();
          for (const [picks, viaBatch] of requests) {
            const events = picks.map((i) => pool[i] as (typeof pool)[number]);
            for (const e of events) sent.set(e.id, e);
            const response = viaBatch
              ? await batch(site.secretKey, { events })
              : await collect({ site: site.publicKey, events });
            expect(response.status).toBe(200);
          }
          const expected = new Map<string, number>();
          for (const e of sent.values()) {
            const key = `${dayOf(e.ts)} ${e.name}`;
            expected.set(key, (expected.get(key) ?? 0) + 1);
          }
          const { results } = await env.DB.prepare('SELECT day, name, n FROM event_counts WHERE site_id = ?')
            .bind(site.id)
            .all<{ day: string; name: string; n: number }>();
          expect(new Map(results.map((r) => [`${r.day} ${r.name}`, r.n]))).toEqual(expected);
          const raw = await env.DB.prepare('SELECT COUNT(*) AS n FROM events WHERE site_id = ?')
            .bind(site.id)
            .first<{ n: number }>();
          expect(raw?.n).toBe([...sent.values()].filter((e) => READ.has(e.name)).length);
        },
      ),
      { numRuns: 15, seed: 20261201 },
    );
  }, 120_000);
});
