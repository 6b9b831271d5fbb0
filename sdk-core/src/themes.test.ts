import { describe, expect, it } from 'vitest';
import { LOW_SAMPLE_N } from './constants';
import {
  benjaminiHochberg,
  differenceInterval,
  findThemes,
  isStopWord,
  STOP_WORDS,
  stem,
  THEME_LANGUAGES,
  type ThemeAnswer,
  themeLanguage,
  tokenize,
} from './themes';

describe('benjaminiHochberg', () => {
  it('matches hand-computed q-values', () => {
    // Ranked 0.01, 0.03, 0.04 (m = 3): 3·0.01/1 = 0.03, 3·0.03/2 = 0.045 → min(0.045, 0.04), 3·0.04/3 = 0.04.
    expect(benjaminiHochberg([0.01, 0.04, 0.03])).toEqual([0.03, 0.04, 0.04]);
    // 2·0.6/1 = 1.2 is capped by the later 0.7.
    expect(benjaminiHochberg([0.6, 0.7])).toEqual([0.7, 0.7]);
    expect(benjaminiHochberg([0.02, 0.02])).toEqual([0.02, 0.02]);
    expect(benjaminiHochberg([0.8])).toEqual([0.8]);
  });

  it('leaves untestable entries null and out of m, and an empty family empty', () => {
    expect(benjaminiHochberg([])).toEqual([]);
    expect(benjaminiHochberg([null, 0.2, null])).toEqual([null, 0.2, null]);
    // m = 2, not 3: 2·0.01/1 = 0.02, 2·0.04/2 = 0.04.
    expect(benjaminiHochberg([0.04, null, 0.01])).toEqual([0.04, null, 0.02]);
  });

  it('never lowers a p-value and keeps the order of p', () => {
    const p = [0.001, 0.2, 0.049, 0.5, 0.01];
    const q = benjaminiHochberg(p) as number[];
    for (const [i, value] of p.entries()) expect(q[i]).toBeGreaterThanOrEqual(value);
    expect([...q].sort((a, b) => a - b)).toEqual([q[0], q[4], q[2], q[1], q[3]]);
  });
});

describe('differenceInterval', () => {
  it('NPS: Z95·√(Var₁ + Var₂), each variance from the trinomial', () => {
    // 60 promoters + 40 detractors: NPS 20, Var = (1 − 0.2²)/100·100² = 96; the mirror: −20, 96.
    const r = differenceInterval('nps', { 10: 60, 0: 40 }, { 10: 40, 0: 60 }, [0, 10], 'higher-better');
    expect(r?.difference).toBeCloseTo(40, 10);
    const half = 1.959963984540054 * Math.sqrt(192);
    expect(r?.ci95?.[0]).toBeCloseTo(40 - half, 10);
    expect(r?.ci95?.[1]).toBeCloseTo(40 + half, 10);
    expect(half).toBeCloseTo(27.158, 3);
  });

  it('is null on an empty side, and has no interval with no spread (n = 1, zero variance)', () => {
    expect(differenceInterval('nps', {}, { 10: 1 }, [0, 10], 'higher-better')).toBeNull();
    expect(differenceInterval('csat', { 5: 3 }, {}, [1, 5], 'higher-better')).toBeNull();
    expect(differenceInterval('nps', { 10: 1 }, { 0: 1 }, [0, 10], 'higher-better')).toEqual({
      difference: 200,
      ci95: null,
    });
    expect(differenceInterval('nps', { 10: 50 }, { 10: 50 }, [0, 10], 'higher-better')).toEqual({
      difference: 0,
      ci95: null,
    });
    expect(differenceInterval('ces', { 7: 1 }, { 3: 4, 5: 1 }, [1, 7], 'higher-better')?.ci95).toBeNull();
    expect(differenceInterval('ces', { 6: 9 }, { 6: 4 }, [1, 7], 'higher-better')).toEqual({
      difference: 0,
      ci95: null,
    });
  });

  it("CSAT: Newcombe's hybrid score interval from the two Wilson intervals, honest at n = 1", () => {
    // 8/10 vs 5/10: Wilson [0.4902, 0.9433] and [0.2366, 0.7634]; d = 0.3;
    // lo = 0.3 − √(0.3098² + 0.2634²) = −0.1067, hi = 0.3 + √(0.1433² + 0.2634²) = 0.5999.
    const r = differenceInterval('csat', { 5: 8, 2: 2 }, { 4: 5, 1: 5 }, [1, 5], 'higher-better');
    expect(r?.difference).toBeCloseTo(30, 10);
    expect(r?.ci95?.[0]).toBeCloseTo(-10.67, 1);
    expect(r?.ci95?.[1]).toBeCloseTo(59.99, 1);
    // 1/1 vs 0/1: Wilson [0.2065, 1] and [0, 0.7935]; lo = 1 − √(0.7935² + 0.7935²) = −0.1221, hi = 1.
    const one = differenceInterval('csat', { 5: 1 }, { 1: 1 }, [1, 5], 'higher-better');
    expect(one?.difference).toBe(100);
    expect(one?.ci95?.[0]).toBeCloseTo(-12.21, 1);
    expect(one?.ci95?.[1]).toBeCloseTo(100, 10);
  });

  it("CES: Welch's standard error on the means", () => {
    // Means 6 and 4, each sd² = 4/3 over 4 answers: se = √(2·(4/3)/4) = 0.8165.
    const r = differenceInterval('ces', { 7: 2, 5: 2 }, { 3: 2, 5: 2 }, [1, 7], 'higher-better');
    expect(r?.difference).toBeCloseTo(2, 10);
    expect(r?.ci95?.[0]).toBeCloseTo(2 - 1.959963984540054 * Math.sqrt(2 / 3), 10);
    expect(r?.ci95?.[1]).toBeCloseTo(2 + 1.959963984540054 * Math.sqrt(2 / 3), 10);
  });
});

describe('tokenize, stop words and stems', () => {
  it('cuts words with Intl.Segmenter, Japanese included, lowercased, without numbers or elisions', () => {
    expect(tokenize('The Export CRASHED twice, 3 times!', 'en')).toEqual([
      'the',
      'export',
      'crashed',
      'twice',
      'times',
    ]);
    expect(tokenize('サポートが遅い', 'ja')).toEqual(['サポート', 'が', '遅い']);
    expect(tokenize("L'export d’écran est lent", 'fr')).toEqual(['export', 'écran', 'est', 'lent']);
  });

  it('has a stop-word list for each of the eight widget languages, with its articles and particles', () => {
    expect([...THEME_LANGUAGES].sort()).toEqual(['ar', 'de', 'en', 'es', 'fr', 'he', 'ja', 'pt']);
    const articles = { en: 'the', fr: 'le', de: 'der', es: 'el', pt: 'o', ja: 'の', ar: 'في', he: 'של' } as const;
    for (const language of THEME_LANGUAGES) {
      expect(STOP_WORDS[language].size, language).toBeGreaterThan(40);
      expect(isStopWord(articles[language], language), language).toBe(true);
    }
    expect(isStopWord('ال', 'ar')).toBe(true);
    expect(isStopWord('ה', 'he')).toBe(true);
    expect(isStopWord('export', 'en')).toBe(false);
  });

  it('reads a locale as its language, English when it has none of the eight', () => {
    expect(themeLanguage('pt-BR')).toBe('pt');
    expect(themeLanguage('ja')).toBe('ja');
    expect(themeLanguage('ko-KR')).toBe('en');
    expect(themeLanguage(null)).toBe('en');
  });

  it('merges inflections with a light stemmer and leaves ja, ar and he as they are', () => {
    expect(['crash', 'crashes', 'crashed', 'crashing'].map((w) => stem(w, 'en'))).toEqual(Array(4).fill('crash'));
    expect(stem('invoices', 'en')).toBe(stem('invoice', 'en'));
    expect(stem('stories', 'en')).toBe('story');
    expect(stem('bus', 'en')).toBe('bus');
    expect(stem('charged', 'en')).toBe(stem('charge', 'en'));
    expect(stem('running', 'en')).toBe('run');
    expect(stem('rechnungen', 'de')).toBe('rechnung');
    expect(stem('factures', 'fr')).toBe(stem('facture', 'fr'));
    expect(stem('journaux', 'fr')).toBe('journal');
    expect(stem('facturas', 'es')).toBe(stem('factura', 'es'));
    expect(stem('luces', 'es')).toBe('luz');
    expect(stem('relatórios', 'pt')).toBe(stem('relatório', 'pt'));
    expect(stem('botões', 'pt')).toBe('botão');
    expect(stem('الفواتير', 'ar')).toBe('الفواتير');
    expect(stem('חשבוניות', 'he')).toBe('חשבוניות');
    expect(stem('遅い', 'ja')).toBe('遅い');
  });
});

const answer = (id: number, score: number, comment: string, locale = 'en'): ThemeAnswer => ({
  id: `a${id}`,
  score,
  comment,
  locale,
});

describe('findThemes', () => {
  it('finds planted topics: one among detractors, one among promoters, with opposite significant differences', () => {
    const answers: ThemeAnswer[] = [];
    let id = 0;
    for (let i = 0; i < 60; i++) answers.push(answer(id++, i % 7, 'The export is slow and it crashed'));
    for (let i = 0; i < 60; i++) answers.push(answer(id++, 9 + (i % 2), 'Love the dashboards, great support'));
    for (let i = 0; i < 80; i++) answers.push(answer(id++, [0, 4, 7, 8, 9, 10][i % 6] as number, 'It is fine overall'));
    const result = findThemes(answers, { metric: 'nps', scale: [0, 10], direction: 'higher-better' });
    const byName = new Map(result.themes.map((t) => [t.name, t]));
    // Words said in the same comments are one theme, named by the first and keeping the others.
    const slow = result.themes.find((t) => t.terms.includes('slow'));
    const support = byName.get('great support');
    expect(slow?.terms.sort()).toEqual(['crashed', 'export', 'slow']);
    expect(support?.terms.sort()).toEqual(['dashboards', 'great support', 'love']);
    expect(result.themes.filter((t) => t.terms.includes('export'))).toHaveLength(1);
    expect(slow?.significant).toBe(true);
    expect(support?.significant).toBe(true);
    expect(slow?.difference).toBeLessThan(0);
    expect(support?.difference).toBeGreaterThan(0);
    expect(slow?.ci95?.[1]).toBeLessThan(0);
    expect(support?.ci95?.[0]).toBeGreaterThan(0);
    expect(slow?.examples).toHaveLength(3);
    // No stop word became a theme.
    for (const t of result.themes) for (const w of t.name.split(' ')) expect(isStopWord(w, 'en'), w).toBe(false);
    // Sorted by |difference × share|.
    const impacts = result.themes.map((t) => Math.abs(t.impact ?? 0));
    expect(impacts).toEqual([...impacts].sort((a, b) => b - a));
  });

  it('matches a team-defined theme by any keyword or phrase, through stems, in any language', () => {
    const answers = [
      answer(1, 2, 'Billing charged me twice'),
      answer(2, 3, 'Your invoices are wrong'),
      answer(3, 9, 'Great, the invoice was clear'),
      answer(4, 10, 'nothing to add'),
      answer(5, 1, 'Die Rechnungen sind falsch', 'de'),
    ];
    const result = findThemes(answers, {
      metric: 'nps',
      scale: [0, 10],
      direction: 'higher-better',
      definitions: [{ name: 'Billing', keywords: ['billing', 'invoice', 'charged twice', 'rechnung'] }],
    });
    const billing = result.themes.find((t) => t.source === 'team');
    expect(billing).toMatchObject({ name: 'Billing', n: 4, lowSample: true, significant: false });
    expect(billing?.examples.map((e) => e.id)).toEqual(['a1', 'a2', 'a3']);
  });

  it('flags small themes as low samples, never significant, however large the difference', () => {
    const answers: ThemeAnswer[] = [];
    for (let i = 0; i < LOW_SAMPLE_N - 1; i++) answers.push(answer(i, i % 5 === 0 ? 10 : 0, 'refund please'));
    for (let i = 0; i < 200; i++) answers.push(answer(100 + i, i % 5 === 0 ? 0 : 10, 'works well'));
    const refund = findThemes(answers, { metric: 'nps', scale: [0, 10], direction: 'higher-better' }).themes.find(
      (t) => t.name === 'refund',
    );
    expect(refund).toMatchObject({ n: LOW_SAMPLE_N - 1, lowSample: true, significant: false });
    expect(refund?.q).toBeLessThan(0.05);
  });

  it('reports nothing for no answers', () => {
    expect(findThemes([], { metric: 'csat', scale: [1, 5], direction: 'higher-better' })).toEqual({
      n: 0,
      tested: 0,
      themes: [],
    });
  });
});
