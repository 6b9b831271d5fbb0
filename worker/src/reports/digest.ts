import {
  addDays,
  bandRange,
  DIRECTIONS,
  type Digest,
  type DigestPeriod,
  digestWindow,
  KINDS,
  type Kind,
  SCALES,
  type SiteSettings,
  startOfDay,
} from '@heard/core';
import { lowAnswersIn, previousDigest } from '../db/digests';
import type { D1Reader } from '../db/reader';
import { accountsAtRisk } from '../routes/accountHealth';
import { compareOnMain, type Period, period } from '../routes/scores';
import { themesReport } from './themes';

const HOUR_MS = 3_600_000;

/** The `digest_posts.what` of a digest of this period. */
export const digestKind = (p: DigestPeriod) => `digest:${p}`;

/** The low band of a kind as score ranges, one per scale and direction: `[min, max, direction, from, to]`. */
export function lowRanges(kind: Kind): [number, number, string, number, number][] {
  return SCALES[kind].flatMap((scale) =>
    DIRECTIONS.flatMap((direction) => {
      const range = bandRange(kind, 'low', scale, direction);
      return range
        ? [[scale[0], scale[1], direction, range[0], range[1]] as [number, number, string, number, number]]
        : [];
    }),
  );
}

/** One metric's score this period and the period before, as `GET /v1/scores?compare=previous` reports them. */
export async function scoreChange(
  db: D1Reader,
  siteId: string,
  metric: Kind,
  window: { from: string; to: string; previous: { from: string; to: string } },
  tz: string,
): Promise<{ current: Period; previous: Period; change: ReturnType<typeof compareOnMain> }> {
  const q = { metric } as Parameters<typeof period>[2];
  const current = await period(db, siteId, q, window.from, window.to, tz, []);
  const previous = await period(db, siteId, q, window.previous.from, window.previous.to, tz, []);
  return { current, previous, change: compareOnMain(metric, current, previous) };
}

const summary = (p: Period) => ({
  n: p.n,
  score: p.score,
  ci95: p.ci95,
  lowSample: p.lowSample,
  breakdown: p.breakdown,
  mean: p.mean,
});

/**
 * The digest of a site's last complete period at `now`, in its time zone: for each metric with
 * answers in either period its score and change (the test of `GET /v1/scores?compare=previous`),
 * response rate, significant themes (`GET /v1/themes` of the period) with their share the period
 * before, and the period's low answers; and the accounts at risk now (`GET /v1/health`) that the
 * previous digest's record did not list.
 */
export async function buildDigest(
  db: D1Database,
  siteId: string,
  settings: SiteSettings,
  periodName: DigestPeriod,
  now: number,
): Promise<Digest & { atRiskNow: string[] }> {
  const tz = settings.timeZone;
  const window = digestWindow(periodName, now, tz);
  const scores: Digest['scores'] = [];
  for (const metric of KINDS) {
    const { current, previous, change } = await scoreChange(db, siteId, metric, window, tz);
    if (current.n === 0 && previous.n === 0) continue;
    const themeInput = { siteId, metric, tz, definitions: settings.themes };
    const themes = await themesReport(db, { ...themeInput, from: window.from, to: window.to });
    const moved = themes.themes.filter((t) => t.significant);
    const before = moved.length
      ? await themesReport(db, { ...themeInput, from: window.previous.from, to: window.previous.to })
      : null;
    const low = await lowAnswersIn(
      db,
      {
        siteId,
        kind: metric,
        startMs: startOfDay(window.from, tz),
        endMs: startOfDay(addDays(window.to, 1), tz),
      },
      lowRanges(metric),
    );
    scores.push({
      metric,
      current: summary(current),
      previous: summary(previous),
      change,
      responseRate: current.responseRate,
      themes: moved.map((t) => {
        const earlier = before?.themes.find((b) => b.name === t.name && b.source === t.source);
        return { ...t, previousShare: earlier ? earlier.share : before && before.n > 0 ? 0 : null };
      }),
      low: { n: low.n, oldestTs: low.oldest, waitedHours: low.oldest === null ? null : (now - low.oldest) / HOUR_MS },
    });
  }
  const risky = await accountsAtRisk(db, siteId, settings, now);
  const last = await previousDigest(db, siteId, digestKind(periodName), window.key);
  const known = new Set(last?.atRisk ?? []);
  const newly = risky.filter((a) => !known.has(a.account)).map((a) => ({ account: a.account, score: a.score }));
  return {
    period: periodName,
    key: window.key,
    from: window.from,
    to: window.to,
    tz,
    previous: window.previous,
    scores,
    atRisk: { total: risky.length, newly, since: last?.period ?? null },
    quiet: scores.every((s) => s.current.n === 0) && newly.length === 0,
    atRiskNow: risky.map((a) => a.account),
  };
}
