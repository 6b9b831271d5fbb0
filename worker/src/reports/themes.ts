import {
  addDays,
  findThemes,
  type Kind,
  type Scale,
  startOfDay,
  THEMES,
  type ThemeDefinition,
  type ThemesReport,
} from '@heard/core';
import type { D1Reader } from '../db/reader';
import { commentedAnswers } from '../db/themes';

/**
 * The themes report of one window: the newest commented answers of the metric (at most
 * THEMES.maxAnswers), on the scale most of them use, through `findThemes`. `GET /v1/themes` and
 * the digest both read it here, so the digest's themes are the report's.
 */
export async function themesReport(
  db: D1Reader,
  input: {
    siteId: string;
    metric: Kind;
    survey?: string | undefined;
    from: string;
    to: string;
    tz: string;
    definitions: readonly ThemeDefinition[];
  },
): Promise<ThemesReport> {
  const rows = await commentedAnswers(
    db,
    {
      siteId: input.siteId,
      kind: input.metric,
      survey: input.survey,
      startMs: startOfDay(input.from, input.tz),
      endMs: startOfDay(addDays(input.to, 1), input.tz),
    },
    THEMES.maxAnswers + 1,
  );
  const sampled = rows.length > THEMES.maxAnswers;
  const read = rows.slice(0, THEMES.maxAnswers);
  const scales = new Map<string, { scale: Scale; direction: (typeof read)[number]['direction']; n: number }>();
  for (const row of read) {
    const key = `${row.scale_min}:${row.scale_max}:${row.direction}`;
    const entry = scales.get(key) ?? { scale: [row.scale_min, row.scale_max], direction: row.direction, n: 0 };
    entry.n += 1;
    scales.set(key, entry);
  }
  const main = [...scales.values()].sort((a, b) => b.n - a.n || a.scale[1] - b.scale[1])[0];
  const base = { metric: input.metric, from: input.from, to: input.to, tz: input.tz, sampled };
  if (!main) return { ...base, scale: null, direction: null, n: 0, tested: 0, themes: [] };
  const onMain = read.filter(
    (r) => r.scale_min === main.scale[0] && r.scale_max === main.scale[1] && r.direction === main.direction,
  );
  const result = findThemes(
    onMain.map((r) => ({ id: r.id, score: r.score, comment: r.comment, locale: r.locale })),
    { metric: input.metric, scale: main.scale, direction: main.direction, definitions: input.definitions },
  );
  return { ...base, scale: [main.scale[0], main.scale[1]], direction: main.direction, ...result };
}
