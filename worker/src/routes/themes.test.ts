import { env } from 'cloudflare:test';
import { isStopWord, STOP_WORDS, THEME_LANGUAGES, themeLanguage, ZThemesReport } from '@heard/core';
import { describe, expect, it } from 'vitest';
import { batch, bodyOf, call, newSite, npsAnswer, read } from '../../test/helpers';
import { THEME_ANSWERS_SQL } from '../db/themes';

/** Sends answers through the secret-key door, 1,000 at a time. */
async function send(secretKey: string, answers: unknown[]) {
  for (let i = 0; i < answers.length; i += 1000) {
    const response = await batch(secretKey, { answers: answers.slice(i, i + 1000) });
    expect(response.status).toBe(200);
    expect(((await response.json()) as { rejected: unknown[] }).rejected).toEqual([]);
  }
}

const themesOf = async (secretKey: string, query: string) => {
  const response = await read(`/v1/themes?${query}`, secretKey);
  expect(response.status).toBe(200);
  return bodyOf(ZThemesReport, response);
};

/** Planted data: detractors about a slow export, promoters about the dashboards, and the mobile app everywhere. */
function planted() {
  const answers: unknown[] = [];
  const scores = Array.from({ length: 300 }, (_, i) => i % 11);
  scores.forEach((score, i) => {
    const parts: string[] = [];
    // Mostly, not only, in one band: a few passives and others say it too.
    if ((score <= 6 && i % 3 !== 0) || (score >= 7 && i % 9 === 0)) parts.push('Slow export.');
    if ((score >= 9 && i % 4 !== 0) || (score <= 8 && i % 8 === 0)) parts.push('Beautiful dashboards, thanks!');
    // Evenly spread: every third answer, whatever its score.
    if (i % 3 === 1) parts.push('I like the mobile app.');
    if (parts.length === 0) parts.push('Nothing special to report.');
    answers.push(npsAnswer(score, { comment: parts.join(' '), locale: 'en-US', ts: Date.now() - (i + 1) * 60_000 }));
  });
  return answers;
}

describe('GET /v1/themes', () => {
  it('finds a topic among detractors and one among promoters, with opposite significant differences; an even topic is not', async () => {
    const site = await newSite();
    await send(site.secretKey, planted());
    const report = await themesOf(site.secretKey, 'metric=nps');
    expect(report).toMatchObject({ metric: 'nps', n: 300, scale: [0, 10], direction: 'higher-better', sampled: false });
    const byName = new Map(report.themes.map((t) => [t.name, t]));
    const slow = byName.get('slow export');
    const dashboards = byName.get('beautiful dashboards');
    const mobile = byName.get('mobile app');
    expect(slow, JSON.stringify([...byName.keys()])).toBeDefined();
    expect(slow?.significant).toBe(true);
    expect(slow?.difference).toBeLessThan(0);
    expect(slow?.ci95?.[1]).toBeLessThan(0);
    expect(slow?.q).toBeLessThan(1e-6);
    expect(dashboards?.significant).toBe(true);
    expect(dashboards?.difference).toBeGreaterThan(0);
    expect(dashboards?.ci95?.[0]).toBeGreaterThan(0);
    expect(mobile?.n).toBe(100);
    expect(mobile?.significant).toBe(false);
    expect(mobile?.q).toBeGreaterThan(0.05);
    // The two sides of each theme add up to the commented answers, scored as GET /v1/scores scores them.
    for (const t of report.themes) expect(t.with.n + t.without.n).toBe(300);
    const slowScore = ((slow?.with.breakdown.promoters ?? 0) - (slow?.with.breakdown.detractors ?? 0)) / (slow?.n ?? 1);
    expect(slow?.with.score).toBeCloseTo(slowScore * 100, 10);
    // The phrases absorbed their words ("export" is always said in "slow export").
    expect(byName.has('export')).toBe(false);
    expect(byName.has('slow')).toBe(false);
    // Sorted by |impact|, and the planted themes lead.
    expect(
      report.themes
        .slice(0, 2)
        .map((t) => t.name)
        .sort(),
    ).toEqual(['beautiful dashboards', 'slow export']);
    console.log(
      `planted: slow export p=${slow?.p?.toExponential(2)} q=${slow?.q?.toExponential(2)} Δ=${slow?.difference?.toFixed(1)}; ` +
        `beautiful dashboards p=${dashboards?.p?.toExponential(2)} q=${dashboards?.q?.toExponential(2)} Δ=${dashboards?.difference?.toFixed(1)}; ` +
        `mobile app p=${mobile?.p?.toFixed(3)} q=${mobile?.q?.toFixed(3)} Δ=${mobile?.difference?.toFixed(1)}`,
    );
  });

  it("tests the team's own themes from settings, matched through stems", async () => {
    const site = await newSite();
    await send(site.secretKey, planted());
    const patch = await call('/v1/settings', {
      method: 'PATCH',
      headers: { Authorization: `Bearer ${site.secretKey}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ themes: [{ name: 'Performance', keywords: ['slowness', 'slow', 'takes forever'] }] }),
    });
    expect(patch.status).toBe(200);
    const report = await themesOf(site.secretKey, 'metric=nps');
    const performance = report.themes.find((t) => t.source === 'team');
    const slow = report.themes.find((t) => t.name === 'slow export');
    expect(performance).toMatchObject({ name: 'Performance', n: slow?.n, significant: true });
    expect(report.tested).toBe(report.themes.length);
  });

  it("keeps each locale's stop words (the/le/der/el/o/の/في/של …) out of themes", async () => {
    const site = await newSite();
    const sentences: Record<(typeof THEME_LANGUAGES)[number], string> = {
      en: 'The export of the report is slow',
      fr: "Le export de la facture est lent et l'écran",
      de: 'Der Export der Rechnung ist langsam und die Seite',
      es: 'El export de la factura es lento y el botón',
      pt: 'O export da fatura é lento e o botão',
      ja: 'この請求書のエクスポートはとても遅いです',
      ar: 'التصدير في الفاتورة بطيء جدا من الصفحة',
      he: 'הייצוא של החשבונית איטי מאוד עם הדף',
    };
    const answers = THEME_LANGUAGES.flatMap((language, l) =>
      Array.from({ length: 12 }, (_, i) =>
        npsAnswer((i + l) % 11, { comment: sentences[language], locale: language, ts: Date.now() - i * 1000 }),
      ),
    );
    await send(site.secretKey, answers);
    const report = await themesOf(site.secretKey, 'metric=nps');
    expect(report.n).toBe(96);
    const names = report.themes.flatMap((t) => t.terms);
    expect(names.length).toBeGreaterThan(8);
    for (const language of THEME_LANGUAGES) {
      for (const term of names) {
        for (const word of term.split(' ')) expect(STOP_WORDS[language].has(word), `${language}: ${term}`).toBe(false);
      }
    }
    for (const word of ['the', 'le', 'der', 'el', 'o', 'の', 'في', 'של', 'ال', 'ה']) expect(names).not.toContain(word);
    // Each language still yields its topic words.
    for (const word of ['export', 'slow', 'lent', 'langsam', 'lento', '遅い', 'بطيء', 'איטי']) {
      expect(
        names.some((t) => t.split(' ').includes(word)),
        word,
      ).toBe(true);
    }
    expect(isStopWord('ال', themeLanguage('ar'))).toBe(true);
  });

  it('reads one window in one time zone, keeps sites apart, and refuses bad input', async () => {
    const [a, b] = [await newSite('A'), await newSite('B')];
    await send(a.secretKey, planted());
    expect((await themesOf(b.secretKey, 'metric=nps')).n).toBe(0);
    expect((await themesOf(a.secretKey, 'metric=csat')).themes).toEqual([]);
    const old = await themesOf(a.secretKey, 'metric=nps&from=2020-01-01&to=2020-01-31&tz=Europe/Berlin');
    expect(old).toMatchObject({ n: 0, from: '2020-01-01', to: '2020-01-31', tz: 'Europe/Berlin', scale: null });
    expect((await read('/v1/themes?metric=nps', a.publicKey)).status).toBe(401);
    expect((await read('/v1/themes', a.secretKey)).status).toBe(400);
    expect((await read('/v1/themes?metric=nps&tz=Mars/Base', a.secretKey)).status).toBe(400);
    expect((await read('/v1/themes?metric=nps&from=2026-02-01&to=2026-01-01', a.secretKey)).status).toBe(400);
  });

  it('reads commented answers through the (site, kind, ts) index', async () => {
    const { results } = await env.DB.prepare(`EXPLAIN QUERY PLAN ${THEME_ANSWERS_SQL}`)
      .bind('s', 'nps', 0, 1, null, 10)
      .all<{ detail: string }>();
    expect(results.map((r) => r.detail).join('\n')).toMatch(/answers_site_kind_ts/);
  });
});
