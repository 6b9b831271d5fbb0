import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { LATEST_ANSWERS, MILESTONE_USERS, PROFILES } from './accountHealth';
import { DURATION_ENTITIES } from './durations';
import { HEALTH_SQL, HEALTH_TICKETS } from './healthRollup';
import { CUSTOMERS } from './retention';
import { REVENUE_EVENTS } from './revenue';
import { TTV_SUBJECTS } from './ttv';
import { NPS_RESPONDENTS, ttvCellsQuery } from './ttvRollup';

/** The query plan's lines, e.g. `SEARCH s USING INDEX milestones_site_name_ts (site_id=? AND name=? AND ts>? AND ts<?)`. */
async function plan(sql: string, ...params: unknown[]): Promise<string[]> {
  const { results } = await env.DB.prepare(`EXPLAIN QUERY PLAN ${sql}`)
    .bind(...params)
    .all<{ detail: string }>();
  return results.map((r) => r.detail);
}

/**
 * Lines that read a whole table: only the CTE of first starts, the JSON list of names and a
 * subquery's own rows may be scanned.
 */
const fullScans = (lines: string[]) =>
  lines.filter(
    (line) =>
      line.startsWith('SCAN ') &&
      !/^SCAN (s|CONSTANT ROW|json_each VIRTUAL TABLE INDEX \d+:?|\(subquery-\d+\))$/.test(line),
  );

const queries: [string, string, unknown[], RegExp[]][] = [
  [
    'time to value: sign-ups by date from first occurrences, value and traits by key',
    TTV_SUBJECTS,
    ['site', 'signed_up', 'activated', 0, 1, '$."plan"'],
    [
      /SEARCH s USING (COVERING )?INDEX milestones_site_name_ts/,
      /SEARCH v USING PRIMARY KEY/,
      /SEARCH p USING PRIMARY KEY/,
      // The latest NPS of each subject, not a scan of every NPS answer.
      /SEARCH a USING INDEX answers_site_user \(site_id=\? AND user_id=\? AND ts<\?\)/,
      /SEARCH a USING INDEX answers_site_anon \(site_id=\? AND anonymous_id=\?\)/,
    ],
  ],
  [
    'durations: first start and end per entity',
    DURATION_ENTITIES,
    ['site', 'ticket_opened', 'ticket_resolved', 0, 1, null, null],
    [
      /SEARCH events USING (COVERING )?INDEX events_site_name_entity_ts/,
      /SEARCH e USING COVERING INDEX events_site_name_entity_ts/,
    ],
  ],
  [
    'retention: customers and their churn milestones',
    CUSTOMERS,
    ['site', 1, 'churned', '$."account"'],
    [/SEARCH p USING (INDEX user_profiles_site_first|PRIMARY KEY)/, /SEARCH m USING PRIMARY KEY/],
  ],
  [
    'revenue: revenue events in a window',
    REVENUE_EVENTS,
    ['site', 'revenue', 0, 1, '$."account"'],
    [/SEARCH e USING INDEX events_site_name_ts/, /SEARCH p USING PRIMARY KEY/],
  ],
  [
    'health: latest answers, one row per person and kind, never the answers table',
    LATEST_ANSWERS,
    ['site'],
    [/SEARCH latest_answers USING PRIMARY KEY \(site_id=\?\)/],
  ],
  [
    'health: who started and reached value',
    MILESTONE_USERS,
    ['site', '["a","b"]'],
    [/SEARCH milestones USING (PRIMARY KEY|COVERING INDEX milestones_site_name_ts) \(site_id=\? AND name=\?/],
  ],
  ['health: profiles', PROFILES, ['site', '$."account"'], [/SEARCH user_profiles USING PRIMARY KEY/]],
  [
    'health rollup built: the open tickets from the resolution rollup, each start event and profile by key',
    HEALTH_TICKETS,
    ['site', '$."account"'],
    [
      /SEARCH d USING INDEX duration_entities_open \(site_id=\?\)/,
      /SEARCH e USING INDEX events_site_name_entity_ts \(site_id=\? AND name=\? AND entity=\? AND ts=\?\)/,
      /SEARCH p USING PRIMARY KEY \(site_id=\? AND user_key=\?\)/,
    ],
  ],
  [
    'health from cells: the cells',
    HEALTH_SQL.CELLS,
    ['site'],
    [/SEARCH health_cells USING PRIMARY KEY \(site_id=\?\)/],
  ],
  [
    'health from cells: the worst of a cell, in index order (no sort)',
    HEALTH_SQL.CELL_WORST,
    ['site', 50, -1, -1, 1, 2, 20000, 100],
    [
      /SEARCH health_accounts USING (COVERING )?INDEX health_accounts_cell \(site_id=\? AND nps_pts=\? AND csat_pts=\? AND ces_pts=\? AND ttv_state=\? AND tickets_key=\? AND last_day=\?\)/,
    ],
  ],
  [
    'health from cells: the worst of the idle days of a combination, in index order (no sort)',
    HEALTH_SQL.CELLS_IDLE,
    ['site', 50, -1, -1, 1, 2, 20000, 100],
    [
      /SEARCH health_accounts USING (COVERING )?INDEX health_accounts_cell \(site_id=\? AND nps_pts=\? AND csat_pts=\? AND ces_pts=\? AND ttv_state=\? AND tickets_key=\? AND last_day>\? AND last_day<\?\)/,
    ],
  ],
  [
    'health from cells: named accounts by key',
    HEALTH_SQL.NAMED,
    ['site', '["a"]'],
    [/SEARCH health_accounts USING PRIMARY KEY \(site_id=\? AND account=\?\)/],
  ],
  ...(['week', 'month'] as const).map((cohort): [string, string, unknown[], RegExp[]] => [
    `time to value from the rollup: whole ${cohort}s and edge days, by ranges of the cells' key`,
    ttvCellsQuery(cohort),
    ['site', 'signed_up', 'activated', cohort, 4, 100, 0, 4, 100, 120],
    [
      /SEARCH ttv_cells USING PRIMARY KEY \(site_id=\? AND start_name=\? AND value_name=\? AND span=\? AND first_day>\? AND first_day<\?\)/,
    ],
  ]),
  [
    'time to value: NPS respondents from latest answers, their first occurrences by key (not every starter)',
    NPS_RESPONDENTS,
    ['site', 'signed_up', 'activated', 0, 1],
    [
      /SEARCH a USING PRIMARY KEY \(site_id=\?\)/,
      /SEARCH s USING PRIMARY KEY \(site_id=\? AND name=\? AND user_key=\?\)/,
      /SEARCH v USING PRIMARY KEY \(site_id=\? AND name=\? AND user_key=\?\)/,
    ],
  ],
];

describe('report queries', () => {
  for (const [what, sql, params, expected] of queries) {
    it(`${what} use indexes and never scan a table`, async () => {
      const lines = await plan(sql, ...params);
      for (const pattern of expected)
        expect(
          lines.some((line) => pattern.test(line)),
          `${pattern} in\n${lines.join('\n')}`,
        ).toBe(true);
      expect(fullScans(lines)).toEqual([]);
    });
  }
  it('reads the worst accounts of a cell in index order, so LIMIT stops the read', async () => {
    for (const sql of [HEALTH_SQL.CELL_WORST, HEALTH_SQL.CELLS_IDLE]) {
      const lines = await plan(sql, 'site', 50, -1, -1, 1, 2, 20000, 100);
      expect(
        lines.filter((line) => line.includes('TEMP B-TREE')),
        lines.join('\n'),
      ).toEqual([]);
    }
  });
});
