import { ZDurationsResponse } from '@heard/core';
import { describe, expect, it } from 'vitest';
import { DAY, event, HOUR, track } from '../../test/events';
import { bodyOf, newSite, read } from '../../test/helpers';

/** Within 1 % of the exact figure: the stated resolution of a rollup report. */
const near = (value: number | null | undefined, exact: number) => {
  expect(value).not.toBeNull();
  expect(Math.abs((value as number) - exact)).toBeLessThanOrEqual(exact * 0.01);
};

describe('GET /v1/durations from the rollup', () => {
  it('gives the hand-computed figures of durations.test.ts within 1 %, counts exact', async () => {
    const site = await newSite();
    const t0 = Date.now() - 5 * DAY;
    await track(site.publicKey, [
      event('ticket_opened', 'u1', t0, { entity: 't1' }),
      event('ticket_resolved', 'u1', t0 + 2 * HOUR, { entity: 't1' }),
      event('ticket_resolved', 'u1', t0 + 9 * HOUR, { entity: 't1' }),
      event('ticket_opened', 'u2', t0, { entity: 't2' }),
      event('ticket_resolved', 'u2', t0 + 6 * HOUR, { entity: 't2' }),
      event('ticket_opened', 'u3', t0, { entity: 't3' }),
      event('ticket_resolved', 'u3', t0 + 4 * HOUR, { entity: 't3' }),
      event('ticket_opened', 'u3', t0 + DAY, { entity: 't4' }),
      event('ticket_resolved', 'u9', t0, { entity: 'other' }),
    ]);
    const exact = await bodyOf(ZDurationsResponse, await read('/v1/durations', site.secretKey));
    expect(exact.exact).toBe(true);
    const rolled = await bodyOf(ZDurationsResponse, await read('/v1/durations?exact=false', site.secretKey));
    expect(rolled).toMatchObject({ exact: false, n: 3, open: 1 });
    // 2 h, 6 h, 4 h → mean 4 h, p50 4 h, p90 5.6 h, each within the 1 % of its bin.
    near(rolled.mean, 4 * HOUR);
    near(rolled.p50, 4 * HOUR);
    near(rolled.p90, 5.6 * HOUR);
    // t4 is 4 days old: its age counts from the middle of its start hour, within 30 minutes.
    expect(Math.abs((rolled.openAgeP50 as number) - (exact.openAgeP50 as number))).toBeLessThanOrEqual(HOUR / 2);
  });

  it('follows ingest: a late, earlier resolve replaces the later one; a re-send counts once', async () => {
    const site = await newSite();
    const t0 = Date.now() - 3 * DAY;
    await track(site.publicKey, [event('ticket_opened', 'u', t0, { entity: 'x' })]);
    expect(await bodyOf(ZDurationsResponse, await read('/v1/durations?exact=false', site.secretKey))).toMatchObject({
      n: 0,
      open: 1,
    });
    const late = event('ticket_resolved', 'u', t0 + 5 * HOUR, { entity: 'x' });
    await track(site.publicKey, [late]);
    await track(site.publicKey, [late, event('ticket_resolved', 'u', t0 + 3 * HOUR, { entity: 'x' })]);
    const body = await bodyOf(ZDurationsResponse, await read('/v1/durations?exact=false', site.secretKey));
    expect(body).toMatchObject({ n: 1, open: 0 });
    near(body.p50, 3 * HOUR);
  });
});
