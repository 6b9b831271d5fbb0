import { ZSurveyCreate } from '@heard/core';
import { describe, expect, it } from 'vitest';
import {
  filterText,
  filterValue,
  fromLocalInput,
  issuesByPath,
  localInput,
  missingTranslations,
  withDefaults,
} from './surveyForm';

describe('the survey editor’s pure parts', () => {
  it('a blank draft is what the API makes of the same fields', () => {
    const draft = withDefaults({ name: 'n', kind: 'csat', texts: { en: { question: 'q' } } });
    expect(draft).toEqual(
      ZSurveyCreate.parse({ name: 'n', kind: 'csat', texts: { en: { question: 'q' } }, scale: [1, 5] }),
    );
  });

  it('groups the API’s issues by field path', () => {
    expect(
      issuesByPath([
        { path: 'targeting.pages.0.value', message: 'not a valid regular expression' },
        { path: 'name', message: 'too short' },
        { path: 'name', message: 'required' },
      ]),
    ).toEqual({ 'targeting.pages.0.value': 'not a valid regular expression', name: 'too short; required' });
    expect(issuesByPath(undefined)).toEqual({});
  });

  it('reads filter values as typed: lists for in, numbers for gt/lt, typed scalars', () => {
    expect(filterValue('in', 'pro, team,, 3')).toEqual(['pro', 'team', 3]);
    expect(filterValue('gt', '10')).toBe(10);
    expect(filterValue('lt', '')).toBeNaN();
    expect(filterValue('equals', 'true')).toBe(true);
    expect(filterValue('equals', ' pro ')).toBe('pro');
    expect(filterValue('contains', '42')).toBe('42');
    expect(filterText(['pro', 3])).toBe('pro, 3');
  });

  it('flags the texts a locale lacks that another has', () => {
    expect(
      missingTranslations({
        en: { question: 'Q', thanks: 'T', labels: ['a', 'b'] },
        de: { question: 'F' },
        fr: { question: 'Q', thanks: 'M', labels: ['a', 'b'] },
      }),
    ).toEqual({ de: ['labels', 'thanks'] });
    expect(missingTranslations({ en: { question: 'Q' } })).toEqual({});
  });

  it('turns datetime-local values into epoch ms and back', () => {
    const ms = fromLocalInput('2026-12-24T18:30') as number;
    expect(localInput(ms)).toBe('2026-12-24T18:30');
    expect(fromLocalInput('')).toBeUndefined();
    expect(localInput(undefined)).toBe('');
  });
});
