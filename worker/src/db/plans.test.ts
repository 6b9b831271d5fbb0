import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { exportPageSql } from './export';
import { RAW_BY_CHANNEL_SQL, RAW_BY_DAY_SQL, RAW_BY_SEGMENT_SQL, ROLLUP_BY_DAY_SQL } from './scores';
import { SURVEY_HAS_ANSWERS } from './surveys';

/** The steps SQLite plans for a statement, as EXPLAIN QUERY PLAN prints them. */
async function plan(sql: string, ...params: unknown[]): Promise<string[]> {
  const { results } = await env.DB.prepare(`EXPLAIN QUERY PLAN ${sql}`)
    .bind(...params)
    .all<{ detail: string }>();
  return results.map((r) => r.detail);
}

const noFullScanOfAnswers = (steps: string[]) => {
  for (const step of steps) expect(step, steps.join('\n')).not.toMatch(/^SCAN (a|answers)\b(?! USING)/);
};

describe('query plans: scores and export never scan all answers', () => {
  it('unsegmented UTC reports read the rollup by its primary key, not answers', async () => {
    const steps = await plan(ROLLUP_BY_DAY_SQL, 's', 'nps', '2026-01-01', '2026-03-31', null);
    expect(steps.join('\n')).toMatch(
      /SEARCH answer_rollup USING PRIMARY KEY \(site_id=\? AND kind=\? AND day>\? AND day<\?\)/,
    );
    expect(steps.join('\n')).not.toMatch(/answers/);
  });

  it('time-zone reports search answers by (site, kind, ts) once per local day', async () => {
    const days = JSON.stringify([['2026-01-01', 0, 86_400_000]]);
    const steps = await plan(RAW_BY_DAY_SQL, 's', 'nps', days, null, null);
    expect(steps.join('\n')).toMatch(
      /SEARCH a USING INDEX answers_site_kind_ts \(site_id=\? AND kind=\? AND ts>\? AND ts<\?\)/,
    );
    noFullScanOfAnswers(steps);
  });

  it('segmented reports search answers by (site, kind, ts)', async () => {
    const steps = await plan(RAW_BY_SEGMENT_SQL, 's', 'nps', 0, 1, '$."plan"', null, null);
    expect(steps.join('\n')).toMatch(
      /SEARCH answers USING INDEX answers_site_kind_ts \(site_id=\? AND kind=\? AND ts>\? AND ts<\?\)/,
    );
    noFullScanOfAnswers(steps);
  });

  it('reports split by channel search answers by (site, kind, ts)', async () => {
    const steps = await plan(RAW_BY_CHANNEL_SQL, 's', 'nps', 0, 1, null, null);
    expect(steps.join('\n')).toMatch(
      /SEARCH answers USING INDEX answers_site_kind_ts \(site_id=\? AND kind=\? AND ts>\? AND ts<\?\)/,
    );
    noFullScanOfAnswers(steps);
  });

  it('export pages seek by (ts, id) through an index, in index order (no sort step)', async () => {
    for (const [byKind, index] of [
      [true, 'answers_site_kind_ts'],
      [false, 'answers_site_ts'],
    ] as const) {
      const steps = await plan(exportPageSql(byKind), 's', byKind ? 'nps' : null, 0, 1e15, 5, 'id', null, 500);
      expect(steps.join('\n')).toMatch(new RegExp(`SEARCH answers USING INDEX ${index} \\(site_id=\\?`));
      expect(steps.join('\n')).not.toMatch(/TEMP B-TREE/);
      noFullScanOfAnswers(steps);
    }
  });
});

describe('query plans: what answers pay for', () => {
  it('asks whether a survey has answers of the rollup, so answers need no index by survey', async () => {
    const steps = await plan(SURVEY_HAS_ANSWERS, 's', 'ces-support');
    expect(steps.join('\n')).toMatch(/SEARCH answer_rollup USING PRIMARY KEY \(site_id=\?\)/);
    expect(steps.join('\n')).not.toMatch(/answers/);
    const index = await env.DB.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND name = ?")
      .bind('answers_site_survey')
      .first();
    expect(index).toBeNull();
  });
});
