import { DAY_MS as DAY } from '@heard/core';
import { describe, expect, inject, it } from 'vitest';
import { batches, history, seed } from '../../demo/seed.mjs';
import { createSite } from '../../scripts/stack.mjs';

const now = Date.UTC(2026, 10, 22, 12);

describe('demo/seed.mjs', () => {
  const year = history({ now });

  it('makes a year of tens of thousands of answers and events, with comments and plan/country segments', () => {
    expect(year.answers.length).toBeGreaterThan(10_000);
    expect(year.events.length).toBeGreaterThan(50_000);
    expect(year.answers.filter((a) => a.comment).length / year.answers.length).toBeGreaterThan(0.3);
    const plans = new Set(year.answers.map((a) => a.traits.plan));
    const countries = new Set(year.answers.map((a) => a.traits.country));
    expect([...plans].sort()).toEqual(['enterprise', 'free', 'pro']);
    expect(countries.size).toBeGreaterThanOrEqual(5);
    const names = new Set(year.events.map((e) => e.name));
    for (const name of ['signed_up', 'activated', 'ticket_opened', 'ticket_resolved', 'revenue', 'churned']) {
      expect(names, name).toContain(name);
    }
    const revenueKinds = new Set(year.events.filter((e) => e.name === 'revenue').map((e) => e.props.kind));
    expect([...revenueKinds].sort()).toEqual(['contraction', 'expansion', 'new']);
    expect(year.events.filter((e) => e.name.startsWith('ticket_')).every((e) => e.entity)).toBe(true);
  });

  it('keeps every timestamp inside the collector window and every batch at 500 items or fewer', () => {
    const times = [...year.answers, ...year.events, ...year.displays].map((item) => item.ts);
    expect(Math.max(...times)).toBeLessThanOrEqual(now);
    expect(Math.min(...times)).toBeGreaterThan(now - 366 * DAY);
    const all = batches(year);
    const sizes = all.map((b) => b.answers.length + b.events.length + b.displays.length);
    expect(Math.max(...sizes)).toBe(500);
    expect(all.reduce((n, b) => n + b.answers.length + b.events.length + b.displays.length, 0)).toBe(
      year.answers.length + year.events.length + year.displays.length,
    );
  });

  it('has a trend: NPS in the last quarter is well above the first', () => {
    const nps = (from: number, to: number) => {
      const rows = year.answers.filter((a) => a.kind === 'nps' && a.ts >= from && a.ts < to);
      const p = rows.filter((a) => a.score >= 9).length;
      const d = rows.filter((a) => a.score <= 6).length;
      return ((p - d) / rows.length) * 100;
    };
    expect(nps(now - 91 * DAY, now) - nps(now - 365 * DAY, now - 182 * DAY)).toBeGreaterThan(15);
  });

  it('is reproducible: the same seed and clock make the same ids, so seeding twice stores nothing new', async () => {
    const again = history({ now });
    expect(again.answers.map((a) => a.id)).toEqual(year.answers.map((a) => a.id));
    const { collector, adminToken } = inject('stack');
    const site = await createSite(collector, adminToken, 'seed twice', []);
    const first = await seed({ collector, publicKey: site.publicKey, secretKey: site.secretKey, users: 60, seed: 3 });
    expect(first.rejected).toBe(0);
    expect(first.accepted).toBe(first.answers + first.events + first.displays);
    const second = await seed({
      collector,
      publicKey: site.publicKey,
      secretKey: site.secretKey,
      users: 60,
      seed: 3,
      now: Date.now(),
    });
    expect(second).toMatchObject({ accepted: 0, duplicates: first.accepted, rejected: 0 });
  });
});
