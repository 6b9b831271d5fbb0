import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { LATEST_COMMENTS } from './mrrFeedback';

describe("the churned list's comment lookup", () => {
  it("reads answers through the (site, user, ts) index, never the site's whole table", async () => {
    const { results } = await env.DB.prepare(`EXPLAIN QUERY PLAN ${LATEST_COMMENTS}`)
      .bind('site', JSON.stringify(['u1', 'u2']))
      .all<{ detail: string }>();
    const steps = results.map((r) => r.detail);
    expect(
      steps.some((s) => /SEARCH answers USING INDEX answers_site_user \(site_id=\? AND user_id=\?\)/.test(s)),
      steps.join('\n'),
    ).toBe(true);
    expect(
      steps.some((s) => /SCAN answers\b/.test(s)),
      steps.join('\n'),
    ).toBe(false);
  });
});
