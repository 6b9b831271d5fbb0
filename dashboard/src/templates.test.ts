import { WIDGET_LOCALES, ZSurvey, ZSurveyCreate } from '@heard/core';
import { describe, expect, it } from 'vitest';
import { TEMPLATES } from './templates';

const site = { resolutionEvent: 'case_closed', valueEvent: 'first_report' };

describe('survey templates', () => {
  it.each(TEMPLATES.map((t) => [t.id, t] as const))(
    '%s is a valid survey for POST /v1/surveys, unchanged by it',
    (_, template) => {
      const survey = template.survey(site);
      const parsed = ZSurveyCreate.safeParse(survey);
      expect(parsed.error?.issues ?? []).toEqual([]);
      // Every field is given, so what the API stores is exactly the template.
      expect(parsed.data).toEqual(survey);
      expect(ZSurvey.omit({ id: true, createdAt: true, updatedAt: true }).parse(survey)).toEqual(survey);
    },
  );

  it('has texts in each of the widget’s built-in locales, each with a question and thanks', () => {
    for (const template of TEMPLATES) {
      const { texts } = template.survey(site);
      expect(Object.keys(texts).sort()).toEqual([...WIDGET_LOCALES].sort());
      for (const t of Object.values(texts)) {
        expect(t.question.length).toBeGreaterThan(5);
        expect(t.thanks?.length).toBeGreaterThan(5);
      }
      // No two locales share a question: each is translated.
      expect(new Set(Object.values(texts).map((t) => t.question)).size).toBe(WIDGET_LOCALES.length);
    }
  });

  it('targets the events the site names in its settings, and starts as a draft', () => {
    const [nps, csat, ces] = TEMPLATES.map((t) => t.survey(site));
    expect(csat?.targeting.triggers).toEqual([{ type: 'event', name: 'case_closed' }]);
    expect(ces?.targeting.triggers).toEqual([{ type: 'event', name: 'first_report' }]);
    expect(nps?.targeting).toMatchObject({
      triggers: [{ type: 'pageview' }],
      afterDays: { days: 30, since: 'first_seen' },
      recontactDays: 90,
    });
    expect([nps?.kind, csat?.kind, ces?.kind]).toEqual(['nps', 'csat', 'ces']);
    for (const t of TEMPLATES) expect(t.survey(site).status).toBe('draft');
  });
});
