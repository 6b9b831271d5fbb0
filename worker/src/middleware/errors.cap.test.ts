import { describe, expect, it } from 'vitest';
import { collect, newSite, npsAnswer } from '../../test/helpers';

describe('what an error repeats is capped', () => {
  it('answers a 1.5 KB batch of 500 empty answers with every index but a bounded body', async () => {
    const site = await newSite();
    const body = JSON.stringify({ site: site.publicKey, answers: Array(500).fill({}) });
    expect(body.length).toBeLessThan(1600);
    const response = await collect(body);
    expect(response.status).toBe(400);
    const text = await response.text();
    expect(text.length).toBeLessThan(64 * 1024);
    const { error } = JSON.parse(text) as { error: { rejected: { index: number; issues: unknown[] }[] } };
    expect(error.rejected.map((r) => r.index)).toEqual([...Array(500).keys()]);
    expect(error.rejected.every((r) => r.issues.length >= 1)).toBe(true);
  });

  it('caps the rejected list of a batch that is partly valid too, and long input in messages', async () => {
    const site = await newSite();
    const response = await collect({
      site: site.publicKey,
      answers: [npsAnswer(9), ...Array(499).fill({ kind: 'x'.repeat(400) })],
    });
    expect(response.status).toBe(200);
    const text = await response.text();
    expect(text.length).toBeLessThan(64 * 1024);
    expect((JSON.parse(text) as { rejected: unknown[] }).rejected).toHaveLength(499);
    const origin = `https://${'a'.repeat(6000)}.example`;
    const refused = await collect({ site: site.publicKey, answers: [npsAnswer(9)] }, { Origin: origin });
    expect(refused.status).toBe(403);
    expect((await refused.text()).length).toBeLessThan(1024);
  });
});
