// Themes in comments and what they do to the score: the math of GET /v1/themes
// (docs/themes-digest.md gives the method with its formulas).
import { ALPHA, type Direction, type Kind, LOW_SAMPLE_N, pickLocale, type Scale, THEMES, Z95 } from './constants';
import { type Counts, compareCounts, type Summary, summarize } from './report';
import { npsVariance } from './significance';
import { moments, wilson } from './stats';
import { STOP_WORDS, THEME_LANGUAGES, type ThemeLanguage } from './stopWords';

export { STOP_WORDS, THEME_LANGUAGES, type ThemeLanguage } from './stopWords';

/** The language whose stop words and stemmer read a comment: its locale's, else English. */
export function themeLanguage(locale: string | null | undefined): ThemeLanguage {
  return pickLocale(THEME_LANGUAGES, locale ?? undefined) ?? 'en';
}

const segmenters = new Map<string, Intl.Segmenter>();
const ELISION = /^(?:l|d|j|qu|n|s|c|m|t)['’]/;

/**
 * A comment's words: `Intl.Segmenter` word segments of the language (so Japanese, which has no
 * spaces, is cut into words too), NFKC-normalised and lowercased; French elisions (l’, d’, qu’…)
 * are taken off, and numbers dropped.
 * @example tokenize('Der Export ist langsam', 'de') // ['der', 'export', 'ist', 'langsam']
 */
export function tokenize(text: string, language: ThemeLanguage): string[] {
  return words(text, language).words;
}

/** {@link tokenize}'s words, and before each whether punctuation parts it from the one before (no phrase spans it). */
function words(text: string, language: ThemeLanguage): { words: string[]; breaks: boolean[] } {
  let segmenter = segmenters.get(language);
  if (!segmenter) {
    segmenter = new Intl.Segmenter(language, { granularity: 'word' });
    segmenters.set(language, segmenter);
  }
  const out: string[] = [];
  const breaks: boolean[] = [];
  let parted = false;
  for (const part of segmenter.segment(text.normalize('NFKC'))) {
    if (!part.isWordLike) {
      if (/[^\s]/u.test(part.segment)) parted = true;
      continue;
    }
    let word = part.segment.toLocaleLowerCase(language).replace(/’/g, "'");
    if (language === 'fr') word = word.replace(ELISION, '');
    if (word === '' || /^[\p{N}.,]+$/u.test(word)) {
      parted = true;
      continue;
    }
    out.push(word);
    breaks.push(parted);
    parted = false;
  }
  return { words: out, breaks };
}

/** Whether a word is one of its language's stop words, or too short to name a topic. */
export function isStopWord(word: string, language: ThemeLanguage): boolean {
  return STOP_WORDS[language].has(word) || (language !== 'ja' && [...word].length < 2);
}

type Rule = readonly [suffix: string, replacement: string, minStem: number];

// Suffix rules, tried in order; the first that matches and leaves a stem of at least `minStem`
// characters applies. Plural and the commonest inflections only: a light stemmer merges
// "crash", "crashes" and "crashed" without merging words of different meaning.
const RULES: Partial<Record<ThemeLanguage, readonly Rule[]>> = {
  // After Lucene's GermanMinimalStemmer: plural and case endings.
  de: [
    ['nen', '', 3],
    ['ern', '', 3],
    ['em', '', 3],
    ['en', '', 3],
    ['er', '', 3],
    ['es', '', 3],
    ['e', '', 3],
    ['n', '', 3],
    ['s', '', 3],
  ],
  // After Lucene's FrenchMinimalStemmer: plural -s/-x (-aux → -al), feminine -e, participle -é.
  fr: [
    ['aux', 'al', 3],
    ['x', '', 4],
    ['es', '', 4],
    ['és', '', 4],
    ['s', '', 4],
    ['ée', '', 4],
    ['é', '', 4],
    ['e', '', 4],
  ],
  // After Lucene's SpanishLightStemmer: plurals (-ces → -z, -es, -s) and gender (-o, -a).
  es: [
    ['ces', 'z', 2],
    ['es', '', 4],
    ['os', '', 3],
    ['as', '', 3],
    ['s', '', 3],
    ['o', '', 3],
    ['a', '', 3],
    ['e', '', 4],
  ],
  // After Lucene's PortugueseMinimalStemmer (plurals): -ões/-ães → -ão, -ais → -al, -éis → -el, -ns → -m.
  pt: [
    ['ões', 'ão', 2],
    ['ães', 'ão', 2],
    ['ais', 'al', 2],
    ['éis', 'el', 2],
    ['óis', 'ol', 2],
    ['ns', 'm', 2],
    ['res', 'r', 2],
    ['zes', 'z', 2],
    ['ses', 's', 2],
    ['os', '', 3],
    ['as', '', 3],
    ['s', '', 3],
    ['o', '', 3],
    ['a', '', 3],
  ],
};

/**
 * English, after the first step of Porter's stemmer: plurals (-ies → -y; -es after s, x, z, ch,
 * sh; -s but not -ss or -us), -ing and -ed with a doubled final consonant undone, then a final
 * -e dropped, so "invoice" and "invoices", "charge" and "charged" meet.
 */
function stemEnglish(word: string): string {
  let w = word;
  if (w.length <= 3) return w;
  if (w.endsWith('ies') && w.length > 4) w = `${w.slice(0, -3)}y`;
  else if (/(?:ss|sh|ch|x|z)es$/.test(w)) w = w.slice(0, -2);
  else if (w.endsWith('ing') && w.length >= 6) w = w.slice(0, -3);
  else if (w.endsWith('ed') && w.length >= 5) w = w.slice(0, -2);
  else if (/[^su]s$/.test(w)) w = w.slice(0, -1);
  if (/([b-df-hj-np-tv-z])\1$/.test(w) && !/(?:ll|ss|zz)$/.test(w) && w !== word) w = w.slice(0, -1);
  if (w.endsWith('e') && w.length > 4) w = w.slice(0, -1);
  return w;
}

/**
 * A word's light stem in its language (see RULES); Japanese, Arabic and Hebrew words are kept
 * as they are.
 * @example stem('crashes', 'en') // 'crash'
 */
export function stem(word: string, language: ThemeLanguage): string {
  if (language === 'en') return stemEnglish(word);
  const rules = RULES[language];
  if (!rules) return word;
  for (const [suffix, replacement, minStem] of rules) {
    if (word.endsWith(suffix) && [...word].length - [...suffix].length >= minStem) {
      return word.slice(0, word.length - suffix.length) + replacement;
    }
  }
  return word;
}

/**
 * Benjamini–Hochberg adjusted p-values (q-values) of a family of tests: with the m non-null
 * p-values ranked p₍₁₎ ≤ … ≤ p₍ₘ₎, q₍ₖ₎ = min over j ≥ k of m·p₍ⱼ₎/j, capped at 1. Calling a
 * test significant when q < α keeps the expected share of false discoveries at most α. Nulls
 * (tests that could not be run) stay null and do not count in m.
 * @example benjaminiHochberg([0.01, 0.04, 0.03]) // [0.03, 0.04, 0.04]
 */
export function benjaminiHochberg(p: readonly (number | null)[]): (number | null)[] {
  const ranked = p
    .map((value, index) => ({ value, index }))
    .filter((x): x is { value: number; index: number } => x.value !== null)
    .sort((a, b) => a.value - b.value || a.index - b.index);
  const m = ranked.length;
  const q: (number | null)[] = p.map(() => null);
  let running = 1;
  for (let k = m - 1; k >= 0; k--) {
    const entry = ranked[k] as { value: number; index: number };
    running = Math.min(running, (entry.value * m) / (k + 1));
    q[entry.index] = running;
  }
  return q;
}

/**
 * The difference of two independent scores on one scale (a − b, in the metric's unit) and its
 * 95% interval. NPS: ±Z95·√(Var_a + Var_b), each variance (p + d − (p − d)²)/n·100² from its
 * trinomial (as the NPS interval), clipped to ±200. CSAT: Newcombe's hybrid score interval from
 * the two Wilson intervals, in percentage points. CES: ±Z95·√(s_a²/n_a + s_b²/n_b). The
 * interval is null when a side is empty or has no spread to estimate (one answer; all alike).
 * @example differenceInterval('nps', { 10: 60, 0: 40 }, { 10: 40, 0: 60 }, [0, 10], 'higher-better')
 */
export function differenceInterval(
  metric: Kind,
  a: Counts,
  b: Counts,
  scale: Scale,
  direction: Direction,
): { difference: number; ci95: [number, number] | null } | null {
  const sa = summarize(metric, a, scale, direction);
  const sb = summarize(metric, b, scale, direction);
  if (sa.score === null || sb.score === null) return null;
  const difference = sa.score - sb.score;
  if (metric === 'csat') {
    const [x1, x2] = [sa.breakdown.satisfied ?? 0, sb.breakdown.satisfied ?? 0];
    const [w1, w2] = [wilson(x1, sa.n), wilson(x2, sb.n)] as [[number, number], [number, number]];
    const [p1, p2] = [x1 / sa.n, x2 / sb.n];
    const lo = p1 - p2 - Math.sqrt((p1 - w1[0]) ** 2 + (w2[1] - p2) ** 2);
    const hi = p1 - p2 + Math.sqrt((w1[1] - p1) ** 2 + (p2 - w2[0]) ** 2);
    return { difference, ci95: [lo * 100, hi * 100] };
  }
  let se: number;
  if (metric === 'nps') {
    se = Math.sqrt(npsVariance(sa.breakdown as never) + npsVariance(sb.breakdown as never));
  } else {
    const [ma, mb] = [moments(a), moments(b)];
    if (ma.sd === null || mb.sd === null) return { difference, ci95: null };
    se = Math.sqrt(ma.sd ** 2 / ma.n + mb.sd ** 2 / mb.n);
  }
  if (!(se > 0)) return { difference, ci95: null };
  const half = Z95 * se;
  const bound = metric === 'nps' ? 200 : scale[1] - scale[0];
  return { difference, ci95: [Math.max(-bound, difference - half), Math.min(bound, difference + half)] };
}

/** A commented answer as themes read it. */
export interface ThemeAnswer {
  id: string;
  score: number;
  comment: string;
  locale?: string | null;
}

/** A theme the team defines in settings: a comment mentions it when it contains any of its keywords or phrases. */
export interface ThemeDefinition {
  name: string;
  keywords: readonly string[];
}

/** One theme and what answers mentioning it score against those that do not. */
export interface Theme {
  name: string;
  source: 'auto' | 'team';
  /** The words or phrases seen for it, most frequent first (its stems merge them). */
  terms: string[];
  /** Commented answers that mention it. */
  n: number;
  /** n ÷ all commented answers. */
  share: number;
  /** The score of the answers mentioning it. */
  with: Summary;
  /** The score of the commented answers that do not. */
  without: Summary;
  /** with − without, in the metric's unit; null when a side is empty. */
  difference: number | null;
  ci95: [number, number] | null;
  /** Two-sided p-value of the difference (the test of `GET /v1/scores?compare=`). */
  p: number | null;
  /** p corrected by Benjamini–Hochberg over every theme tested. */
  q: number | null;
  /** q < 0.05 and both sides have at least LOW_SAMPLE_N answers. */
  significant: boolean;
  /** Either side has fewer than LOW_SAMPLE_N answers. */
  lowSample: boolean;
  reason?: string;
  /** difference × share: how many points of the overall score the theme moves. */
  impact: number | null;
  examples: { id: string; score: number; comment: string }[];
}

/** What `findThemes` reports. */
export interface ThemesResult {
  /** Commented answers read. */
  n: number;
  /** Themes that had a test to run (the Benjamini–Hochberg family size m). */
  tested: number;
  themes: Theme[];
}

interface Reading {
  stems: string[];
  surfaces: string[];
  stop: boolean[];
  breaks: boolean[];
}

function read(answer: ThemeAnswer): Reading & { language: ThemeLanguage } {
  const language = themeLanguage(answer.locale);
  const { words: surfaces, breaks } = words(answer.comment, language);
  return {
    language,
    surfaces,
    breaks,
    stems: surfaces.map((w) => stem(w, language)),
    stop: surfaces.map((w) => isStopWord(w, language)),
  };
}

/** Each auto term a comment mentions (once), with the surface form it used. */
function termsOf(reading: Reading): Map<string, string> {
  const terms = new Map<string, string>();
  const { stems, surfaces, stop, breaks } = reading;
  for (let i = 0; i < stems.length; i++) {
    if (stop[i]) continue;
    if (!terms.has(stems[i] as string)) terms.set(stems[i] as string, surfaces[i] as string);
    if (i + 1 < stems.length && !stop[i + 1] && !breaks[i + 1]) {
      const key = `${stems[i]} ${stems[i + 1]}`;
      if (!terms.has(key)) terms.set(key, `${surfaces[i]} ${surfaces[i + 1]}`);
    }
  }
  return terms;
}

/** |A ∩ B| ÷ |A ∪ B|. */
function jaccard(a: ReadonlySet<number>, b: ReadonlySet<number>): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let both = 0;
  for (const x of small) if (large.has(x)) both += 1;
  const either = a.size + b.size - both;
  return either === 0 ? 0 : both / either;
}

const contains = (haystack: readonly string[], needle: readonly string[]) => {
  if (needle.length === 0) return false;
  outer: for (let i = 0; i + needle.length <= haystack.length; i++) {
    for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
};

/**
 * The themes of a set of commented answers on one scale, each tested against the rest: words
 * and two-word phrases (after stop words) mentioned by at least `minSupport` comments, merged by
 * stem, the `maxAuto` most mentioned; plus the team's own. Sorted by |impact|.
 */
export function findThemes(
  answers: readonly ThemeAnswer[],
  options: {
    metric: Kind;
    scale: Scale;
    direction: Direction;
    definitions?: readonly ThemeDefinition[];
    minSupport?: number;
    maxAuto?: number;
  },
): ThemesResult {
  const { metric, scale, direction } = options;
  const minSupport = options.minSupport ?? THEMES.minSupport;
  const readings = answers.map(read);
  const docs = new Map<string, { members: Set<number>; surfaces: Map<string, number> }>();
  readings.forEach((reading, index) => {
    for (const [key, surface] of termsOf(reading)) {
      let doc = docs.get(key);
      if (!doc) {
        doc = { members: new Set(), surfaces: new Map() };
        docs.set(key, doc);
      }
      doc.members.add(index);
      doc.surfaces.set(surface, (doc.surfaces.get(surface) ?? 0) + 1);
    }
  });
  const frequent = [...docs]
    .filter(([, d]) => d.members.size >= minSupport && d.members.size < answers.length)
    .sort(([ka, a], [kb, b]) => b.members.size - a.members.size || (ka < kb ? -1 : ka > kb ? 1 : 0));
  // The most comments any frequent phrase containing a word is said in.
  const inPhrase = new Map<string, number>();
  for (const [key, d] of frequent) {
    if (!key.includes(' ')) continue;
    for (const word of key.split(' ')) inPhrase.set(word, Math.max(inPhrase.get(word) ?? 0, d.members.size));
  }
  // A word almost always said inside one phrase ("customer" in "customer support") is that phrase.
  const kept = frequent.filter(
    ([key, d]) => key.includes(' ') || (inPhrase.get(key) ?? 0) < THEMES.phraseCover * d.members.size,
  );
  // Phrases before words of the same support; then words said in the same comments ("slow" and
  // "times" in "export is slow and times out") fold into the first, so one topic is one test.
  kept.sort(([ka, a], [kb, b]) => b.members.size - a.members.size || kb.split(' ').length - ka.split(' ').length);
  const candidates: { name: string; source: Theme['source']; terms: string[]; members: Set<number> }[] = [];
  for (const [, d] of kept) {
    const terms = [...d.surfaces].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([s]) => s);
    // Jaccard ≥ t needs the smaller set to be at least t times the larger: most pairs need no count.
    const same = candidates.find(
      (c) =>
        d.members.size >= THEMES.sameComments * c.members.size && jaccard(c.members, d.members) >= THEMES.sameComments,
    );
    if (same) {
      if (same.terms.length < 5) same.terms.push(terms[0] as string);
      continue;
    }
    if (candidates.length >= (options.maxAuto ?? THEMES.maxAuto)) break;
    candidates.push({ name: terms[0] as string, source: 'auto', terms: terms.slice(0, 5), members: d.members });
  }
  for (const definition of options.definitions ?? []) {
    const members = new Set<number>();
    const byLanguage = new Map<ThemeLanguage, string[][]>();
    readings.forEach((reading, index) => {
      let needles = byLanguage.get(reading.language);
      if (!needles) {
        needles = definition.keywords.map((k) => tokenize(k, reading.language).map((w) => stem(w, reading.language)));
        byLanguage.set(reading.language, needles);
      }
      if (needles.some((needle) => contains(reading.stems, needle))) members.add(index);
    });
    candidates.push({ name: definition.name, source: 'team', terms: [...definition.keywords], members });
  }
  const all = answers.map((a) => a.score);
  const countsOf = (keep: (index: number) => boolean) => {
    const counts: Counts = {};
    all.forEach((score, index) => {
      if (keep(index)) counts[score] = (counts[score] ?? 0) + 1;
    });
    return counts;
  };
  const tested = candidates.map((candidate) => {
    const withCounts = countsOf((i) => candidate.members.has(i));
    const withoutCounts = countsOf((i) => !candidate.members.has(i));
    const interval = differenceInterval(metric, withCounts, withoutCounts, scale, direction);
    const test = compareCounts(metric, withCounts, withoutCounts, scale, direction);
    return { candidate, withCounts, withoutCounts, interval, test };
  });
  const q = benjaminiHochberg(tested.map((t) => t.test?.p ?? null));
  const themes = tested.map(({ candidate, withCounts, withoutCounts, interval, test }, index): Theme => {
    const n = candidate.members.size;
    const share = answers.length ? n / answers.length : 0;
    const withSummary = summarize(metric, withCounts, scale, direction);
    const withoutSummary = summarize(metric, withoutCounts, scale, direction);
    const lowSample = n < LOW_SAMPLE_N || withoutSummary.n < LOW_SAMPLE_N;
    const qValue = q[index] ?? null;
    const reason = lowSample ? `fewer than ${LOW_SAMPLE_N} answers mention it, or do not` : test?.reason;
    const difference = interval?.difference ?? null;
    return {
      name: candidate.name,
      source: candidate.source,
      terms: candidate.terms,
      n,
      share,
      with: withSummary,
      without: withoutSummary,
      difference,
      ci95: interval?.ci95 ?? null,
      p: test?.p ?? null,
      q: qValue,
      significant: qValue !== null && qValue < ALPHA && !lowSample,
      lowSample,
      ...(reason ? { reason } : {}),
      impact: difference === null ? null : difference * share,
      examples: [...candidate.members].slice(0, THEMES.examples).map((i) => ({
        id: answers[i]?.id as string,
        score: answers[i]?.score as number,
        comment: answers[i]?.comment as string,
      })),
    };
  });
  themes.sort(
    (a, b) =>
      Math.abs(b.impact ?? 0) - Math.abs(a.impact ?? 0) ||
      b.n - a.n ||
      (a.name < b.name ? -1 : a.name > b.name ? 1 : 0),
  );
  return { n: answers.length, tested: q.filter((v) => v !== null).length, themes };
}
