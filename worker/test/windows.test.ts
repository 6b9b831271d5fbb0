import { MAX_REPORT_DAYS } from '@heard/core';
import { describe, expect, it } from 'vitest';
import { newSite, read } from './helpers';

/** Every report that takes a from…to window, with what else it needs. */
const REPORTS = [
  '/v1/scores?metric=nps&',
  '/v1/comments?',
  '/v1/export?',
  '/v1/ttv?',
  '/v1/durations?',
  '/v1/retention?',
  '/v1/revenue?',
];

const issuesOf = async (response: Response) =>
  ((await response.json()) as { error: { issues?: { path: string; message: string }[] } }).error.issues ?? [];

describe('report windows (one check for every report)', () => {
  it('refuses from after to, with the same 400 on every report', async () => {
    const site = await newSite();
    for (const report of REPORTS) {
      const response = await read(`${report}from=2026-09-20&to=2026-09-15`, site.secretKey);
      expect(response.status, report).toBe(400);
      expect(await issuesOf(response), report).toEqual([{ path: 'from', message: 'from must not be after to' }]);
    }
  });

  it('refuses dates outside 1970…2999 and windows longer than the cap', async () => {
    const site = await newSite();
    for (const report of REPORTS) {
      expect((await read(`${report}from=0000-01-01&to=2026-01-01`, site.secretKey)).status, report).toBe(400);
      expect((await read(`${report}to=3000-01-01`, site.secretKey)).status, report).toBe(400);
      const long = await read(`${report}from=1970-01-01`, site.secretKey);
      expect(long.status, report).toBe(400);
      expect(await issuesOf(long), report).toEqual([
        { path: 'from', message: `from…to may span at most ${MAX_REPORT_DAYS} days` },
      ]);
      expect((await read(`${report}from=2026-01-01&to=2026-01-01`, site.secretKey)).status, report).toBe(200);
    }
  });
});
