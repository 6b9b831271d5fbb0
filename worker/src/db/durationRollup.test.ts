import { env } from 'cloudflare:test';
import { DAY_MS as DAY } from '@heard/core';
import { describe, expect, it } from 'vitest';
import { ensureDurationRollup } from './durationRollup';
import { createSite } from './sites';

const now = Date.now();

describe('the resolution rollup trigger', () => {
  it("reads a ticket's own entity by key, not every entity of the site", async () => {
    const site = await createSite(env.DB, { name: 'd', origins: [] });
    await ensureDurationRollup(env.DB, site.id, 'ticket_opened', 'ticket_resolved');
    await env.DB.prepare(
      `WITH RECURSIVE u(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM u WHERE i < 1999)
       INSERT INTO events (site_id, id, name, user_id, entity, ts, received_at)
       SELECT ?1, 'e-' || i, 'ticket_opened', 'u-' || i, 't-' || i, ?2 - i * 1000, ?2 FROM u`,
    )
      .bind(site.id, now - DAY)
      .run();
    const open = await env.DB.prepare('SELECT sum(n) AS n FROM duration_open WHERE site_id = ?1')
      .bind(site.id)
      .first('n');
    expect(open).toBe(2000);
    // A start and an end of one more ticket: a few dozen rows read each, not the 2,000 entities.
    for (const [id, name, ts] of [
      ['x-start', 'ticket_opened', now - 1000],
      ['x-end', 'ticket_resolved', now],
    ] as const) {
      const { meta } = await env.DB.prepare(
        `INSERT INTO events (site_id, id, name, user_id, entity, ts, received_at) VALUES (?1, ?2, ?3, 'u-x', 't-x', ?4, ?4)`,
      )
        .bind(site.id, id, name, ts)
        .run();
      expect(meta.rows_read, name).toBeLessThan(200);
    }
    const ended = await env.DB.prepare('SELECT sum(n) AS n FROM duration_days WHERE site_id = ?1')
      .bind(site.id)
      .first('n');
    expect(ended).toBe(1);
  });
});
