// The rules every part shares: question kinds, their scales and directions, score bands, the
// collector's limits, time constants and locale matching. Zod-free, so the widget imports it
// without pulling zod into the browser; the protocol's schemas are built from these.

/** One day in milliseconds. */
export const DAY_MS = 86_400_000;

/**
 * How soon a low answer should hear back from the team: the close-the-loop figures count a
 * response as contacted in time when its first contact came at most this long (48 h,
 * inclusive) after Heard received the answer.
 */
export const CONTACT_WITHIN_MS = 2 * DAY_MS;

/** Limits every collector enforces; the widget uses the same numbers to stay inside them. */
export const LIMITS = {
  itemsPerBatch: 500,
  bodyBytes: 256 * 1024,
  commentChars: 5000,
  idChars: 200,
  nameChars: 100,
  stringChars: 500,
  urlChars: 2000,
  propsKeys: 50,
  /**
   * Largest magnitude of an event's `value` (revenue in the currency's major unit): a trillion.
   * Sums of values stay exact to the cent well past a billion events, and can never overflow.
   */
  valueAbs: 1e12,
  /** Largest magnitude of a number in props and traits: integers stay exact, sums stay finite. */
  numberAbs: 1e15,
  pastMs: 400 * DAY_MS,
  futureMs: 5 * 60 * 1000,
} as const;

/**
 * Limits of `POST /v1/batch`, the secret-key door for backends and imports: bigger batches
 * and bodies, and history up to five years old. Every other field limit is {@link LIMITS}'.
 */
export const SERVER_LIMITS = {
  itemsPerBatch: 1000,
  bodyBytes: 1024 * 1024,
  pastMs: 5 * 365 * DAY_MS,
} as const;

/** z of a two-sided 95% interval, Φ⁻¹(0.975): every interval and test of Heard uses this one. */
export const Z95 = 1.959963984540054;

/** Below this many answers a figure is flagged `lowSample`, and a change is never called significant. */
export const LOW_SAMPLE_N = 30;

/** Significance level of every test Heard reports: two-sided, 95%. */
export const ALPHA = 0.05;

/** What `GET /v1/themes` finds and tests (sdk-core/src/themes.ts; docs/themes-digest.md explains each). */
export const THEMES = {
  /** A word or phrase becomes a theme when at least this many comments mention it. */
  minSupport: 5,
  /** The automatic themes tested, most mentioned first: bounds the Benjamini–Hochberg family. */
  maxAuto: 25,
  /** Example comments a theme carries. */
  examples: 3,
  /** A word whose comments a phrase containing it covers at least this share of folds into the phrase. */
  phraseCover: 0.8,
  /** Two themes whose comments overlap this much (Jaccard index) are one: the more mentioned one keeps the other's words. */
  sameComments: 0.9,
  /**
   * Commented answers read per report, newest first; past it the report says it sampled. The
   * themes of 20,000 fifteen-word comments took 3.2 s in Node 22 (most of it in
   * Intl.Segmenter), of 10,000 2.3 s on a shared 2-core machine (docs/themes-digest.md).
   */
  maxAnswers: 10_000,
  /** Team-defined themes a site may keep, and keywords per theme. */
  maxDefined: 50,
  maxKeywords: 20,
} as const;

/** The question kinds Heard asks. */
export const KINDS = ['nps', 'csat', 'ces'] as const;
export type Kind = (typeof KINDS)[number];

/** Where an answer is given: in the app, on a link's page, or from an email's score link. */
export const CHANNELS = ['web', 'link', 'email'] as const;

/** The `by` of `GET /v1/scores` that splits by the answers' channel rather than a trait or prop. */
export const BY_CHANNEL = 'channel';

/** The way a scale reads: whether its higher end is the good one. */
export const DIRECTIONS = ['higher-better', 'lower-better'] as const;
export type Direction = (typeof DIRECTIONS)[number];

/** A scale's lowest and highest point, both inclusive: `[1, 5]`. */
export type Scale = readonly [number, number];

/** Scales each kind may use; the first is the kind's default. Everything else is refused. */
export const SCALES: Record<Kind, readonly Scale[]> = {
  nps: [[0, 10]],
  csat: [
    [1, 5],
    [1, 3],
    [1, 7],
  ],
  ces: [
    [1, 7],
    [1, 5],
  ],
};

/** The scale a kind uses when a survey or `ask()` does not say. */
export const DEFAULT_SCALE: Record<Kind, Scale> = { nps: [0, 10], csat: [1, 5], ces: [1, 7] };

/** Whether a scale is one of a kind's. */
export function scaleFits(kind: Kind, scale: Scale): boolean {
  return SCALES[kind].some(([lo, hi]) => lo === scale[0] && hi === scale[1]);
}

/** The direction a kind's scale reads in when the answer does not say: only CES 1–5 (effort) is lower-better. */
export function defaultDirection(kind: Kind, scale: Scale): Direction {
  return kind === 'ces' && scale[1] === 5 ? 'lower-better' : 'higher-better';
}

/**
 * The direction a kind's score reads in, given its scale's (null: no answers, read as the
 * default): NPS and CSAT % count people at the good end, so higher is better whatever the
 * scale; a CES score is a mean on its own scale.
 * @example scoreDirection('ces', 'lower-better') // 'lower-better': less effort is better
 */
export function scoreDirection(kind: Kind, direction: Direction | null): Direction {
  return kind === 'ces' && direction === 'lower-better' ? direction : 'higher-better';
}

/**
 * Where an answer sits on its scale, read in the scale's direction: `low` is the bad end
 * (NPS detractors, CSAT unsatisfied, CES hard), `high` the good end (promoters, satisfied,
 * easy), `middle` what lies between (passives; neutral).
 */
export type Band = 'low' | 'middle' | 'high';

/** The bands from the bad end to the good end. */
export const BANDS = ['low', 'middle', 'high'] as const satisfies readonly Band[];

/** What each kind calls its bands, for people reading a report. */
export const BAND_NAMES: Record<Kind, Record<Band, string>> = {
  nps: { low: 'Detractors', middle: 'Passives', high: 'Promoters' },
  csat: { low: 'Unsatisfied', middle: 'Neutral', high: 'Satisfied' },
  ces: { low: 'Hard', middle: 'Neutral', high: 'Easy' },
};

/**
 * The scores of one band on one scale, as `[min, max]` (inclusive), or null when the band is
 * empty on that scale (CSAT 1–3 has no middle). NPS: detractors 0–6, passives 7–8, promoters
 * 9–10. Other kinds read in the scale's direction: CSAT's top two points are satisfied
 * (4–5 on 1–5), CES's best ⌊points/2⌋ are easy (5–7 on 1–7, 1–2 on the 1–5 effort scale);
 * `low` is the worst two points (the worst one on a 3-point scale), the answers worth a
 * human's attention; `middle` is the rest.
 * @example bandRange('ces', 'low', [1, 5], 'lower-better') // [4, 5]
 */
export function bandRange(kind: Kind, which: Band, scale: Scale, direction: Direction): [number, number] | null {
  const [lo, hi] = scale;
  if (kind === 'nps') return which === 'low' ? [lo, 6] : which === 'middle' ? [7, 8] : [9, hi];
  const points = hi - lo + 1;
  const good = kind === 'csat' ? 2 : Math.floor(points / 2);
  const bad = points <= 3 ? 1 : 2;
  // Counted from the good end: the first `good` points are high, the last `bad` points are low.
  const [from, to] =
    which === 'high' ? [0, good - 1] : which === 'low' ? [points - bad, points - 1] : [good, points - bad - 1];
  if (from > to) return null;
  return direction === 'higher-better' ? [hi - to, hi - from] : [lo + from, lo + to];
}

/**
 * The band of one answer, read on its own scale in its own direction.
 * @example band('ces', 1, [1, 5], 'lower-better') // 'high': least effort is the good end
 */
export function band(kind: Kind, score: number, scale: Scale, direction: Direction): Band {
  for (const which of BANDS) {
    const range = bandRange(kind, which, scale, direction);
    if (range && score >= range[0] && score <= range[1]) return which;
  }
  return 'middle';
}

/** One row of {@link bandTable}: a band's scores on one kind, scale and direction. */
export type BandRow = [kind: Kind, scaleMin: number, scaleMax: number, direction: Direction, from: number, to: number];

/**
 * Every (kind, scale, direction) a band spans, with its score range: what a query binds to find
 * a band's answers on every scale at once, with the rule kept here.
 * @example bandTable('low', ['nps']) // [['nps', 0, 10, 'higher-better', 0, 6], ['nps', 0, 10, 'lower-better', 0, 6]]
 */
export function bandTable(which: Band, kinds: readonly Kind[] = KINDS): BandRow[] {
  return kinds.flatMap((kind) =>
    SCALES[kind].flatMap((scale) =>
      DIRECTIONS.flatMap((direction): BandRow[] => {
        const range = bandRange(kind, which, scale, direction);
        return range ? [[kind, scale[0], scale[1], direction, range[0], range[1]]] : [];
      }),
    ),
  );
}

/** Whether a locale is one of a survey's (`en` matches `en-GB`); an empty list matches every locale. */
export function matchLocale(locales: readonly string[], locale: string | undefined): boolean {
  if (locales.length === 0) return true;
  const mine = locale?.toLowerCase();
  if (!mine) return false;
  return locales.some((l) => {
    const theirs = l.toLowerCase();
    return mine === theirs || mine.startsWith(`${theirs}-`);
  });
}

/**
 * The best of the offered locales for a wanted one: the exact locale, then its language
 * (`pt` for `pt-BR`), case-insensitively; undefined when neither is offered.
 * @example pickLocale(['en', 'pt'], 'pt-BR') // 'pt'
 */
export function pickLocale<L extends string>(offered: readonly L[], wanted: string | undefined): L | undefined {
  const mine = wanted?.toLowerCase();
  if (!mine) return undefined;
  const language = mine.split('-')[0];
  return offered.find((l) => l.toLowerCase() === mine) ?? offered.find((l) => l.toLowerCase() === language);
}

/** One hour in milliseconds. */
export const HOUR_MS = 3_600_000;

/**
 * Rollup-based reports (time to value, resolution time): durations are counted in log-spaced
 * bins whose upper edge is at most `ratio` × their lower edge, so a bin's geometric middle is
 * within √ratio − 1 < 1 % of every duration in it. `exactBelow`: a report over fewer subjects
 * (users who started, entities opened) is computed exactly from first occurrences instead.
 */
export const ROLLUP = {
  ratio: 1.02,
  exactBelow: 2000,
  /** Durations past this (about 40 years) share the last, open bin. */
  maxMs: 40 * 365 * DAY_MS,
} as const;

/**
 * A site's move in steps (`POST /v1/sites/{id}/move/start`): each step copies, checks or deletes
 * at most `rowsPerStep` rows (default, and the bounds a caller may pick), so one step stays far
 * inside a Worker invocation's CPU and subrequest limits however large the site is. A step holds
 * its lease for `leaseMs`: a step that crashed is run again once that has passed.
 */
export const MOVE_STEPS = {
  rowsPerStep: 5000,
  minRowsPerStep: 10,
  maxRowsPerStep: 50_000,
  leaseMs: 60_000,
} as const;

/**
 * The MRR bands of "NPS by MRR band" (`GET /v1/mrr`), in the report currency's major unit:
 * fixed edges a customer-success lead can quote ("our ≥ 1,000 accounts"), stable from one
 * month to the next, unlike quantiles that move as customers come and go. `min` is inclusive,
 * `below` exclusive; `none` holds the accounts paying nothing (free, trial, churned) and
 * `under100` starts just above 0.
 */
export const MRR_BANDS = [
  { band: 'none', label: 'No MRR', min: 0, below: 0 },
  { band: 'under100', label: '< 100', min: 0, below: 100 },
  { band: '100to1000', label: '100 – 1,000', min: 100, below: 1000 },
  { band: '1000plus', label: '≥ 1,000', min: 1000, below: null },
] as const;

/** The name of an MRR band. */
export type MrrBandName = (typeof MRR_BANDS)[number]['band'];

/**
 * The band of an account's MRR (major unit): `none` at 0 (or less), else the band whose
 * `[min, below)` holds it; an edge belongs to the band above it.
 * @example [mrrBand(0), mrrBand(99.99), mrrBand(100), mrrBand(1000)] // ['none', 'under100', '100to1000', '1000plus']
 */
export function mrrBand(mrr: number): MrrBandName {
  if (!(mrr > 0)) return 'none';
  for (const b of MRR_BANDS) {
    if (b.band !== 'none' && mrr >= b.min && (b.below === null || mrr < b.below)) return b.band;
  }
  return '1000plus';
}
