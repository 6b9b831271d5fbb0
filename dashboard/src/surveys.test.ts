import type { Survey } from '@heard/core';
import { describe, expect, it } from 'vitest';
import { surveyOptions } from './surveys';

const managed = (id: string, name: string): Survey => ({ id, name, kind: 'csat', scale: [1, 5] }) as Survey;

describe('the survey picker', () => {
  it('names answered ids by their managed survey, most answered first, then the unanswered ones', () => {
    const options = surveyOptions({
      surveys: [managed('srv_1', 'Onboarding CSAT'), managed('srv_2', 'Churn check')],
      answered: [
        { id: 'nps-quarterly', kind: 'nps', n: 4210 },
        { id: 'srv_1', kind: 'csat', n: 12 },
      ],
    });
    expect(options).toEqual([
      { id: 'nps-quarterly', label: 'nps-quarterly · NPS · 4,210 answers' },
      { id: 'srv_1', label: 'Onboarding CSAT · CSAT · 12 answers' },
      { id: 'srv_2', label: 'Churn check · CSAT · no answers yet' },
    ]);
  });
});
