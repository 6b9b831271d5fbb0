import { addDays, dayIn, ZThemesQuery, ZThemesReport } from '@heard/core';
import { siteSettings } from '../db/settings';
import { dbFor } from '../db/site';
import { themesReport } from '../reports/themes';
import { defineRoute } from '../route';

/** Days a themes report covers when `from` is not given. */
const DEFAULT_DAYS = 90;

/** `GET /v1/themes` (secret key): the themes of comments and what each does to the score. */
export const themes = [
  defineRoute(
    {
      method: 'get',
      path: '/v1/themes',
      operationId: 'getThemes',
      tag: 'scores',
      summary: 'Themes in comments, each with the score of answers mentioning it against those that do not',
      description:
        "Words and two-word phrases of the commented answers (Intl.Segmenter words, lowercased, without the stop words of the answer's language, merged by a light stemmer) that at least 5 comments mention, the 25 most mentioned, plus the site's `themes` setting. For each: n, the score of the answers mentioning it and of the commented answers that do not (NPS, CSAT % satisfied, CES mean, on the scale most commented answers use), the difference with its 95% interval, the two-sided p of the test GET /v1/scores?compare= uses, q = p corrected by Benjamini–Hochberg over the themes tested, significant when q < 0.05 and both sides have 30 answers; sorted by |difference × share|. Days are calendar days in `tz` (default: the site's `timeZone` setting); the window defaults to the last 90 days. docs/themes-digest.md gives the method.",
      auth: 'secret',
      query: ZThemesQuery,
      response: { status: 200, schema: ZThemesReport, description: 'the themes and their effect on the score' },
    },
    async (c, { query }) => {
      const settings = await siteSettings(dbFor(c.env, c.var.site), c.var.site.id);
      const tz = query.tz ?? settings.timeZone;
      const today = dayIn(Date.now(), tz);
      const to = query.to ?? (query.from && query.from > today ? query.from : today);
      const from = query.from ?? addDays(to, -(DEFAULT_DAYS - 1));
      const report = await themesReport(c.var.reader, {
        siteId: c.var.site.id,
        metric: query.metric,
        survey: query.survey,
        from,
        to,
        tz,
        definitions: settings.themes,
      });
      return c.json(report);
    },
  ),
];
