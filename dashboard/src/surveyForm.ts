// The survey editor's pure parts: the survey being edited, drafts kept across views, the API's
// validation issues by field, filter values as a PM types them, missing translations.
import type { Filter, Survey, SurveyTexts } from '@heard/core';
import { DEFAULT_SCALE } from '@heard/core/constants';
import { TARGETING_DEFAULTS } from '@heard/core/surveyDefaults';

/** A survey as the editor holds it: every field of the API's survey, without its id and times. */
export type SurveyDraft = Omit<Survey, 'id' | 'createdAt' | 'updatedAt'>;

/** A draft with every field the caller left out at the API's default. */
export function withDefaults(
  survey: Partial<Omit<SurveyDraft, 'targeting'>> &
    Pick<SurveyDraft, 'name' | 'kind' | 'texts'> & { targeting?: Partial<SurveyDraft['targeting']> },
): SurveyDraft {
  return {
    scale: [...DEFAULT_SCALE[survey.kind]] as [number, number],
    appearance: {},
    schedule: {},
    status: 'draft',
    priority: 0,
    maxAnswers: null,
    ...survey,
    targeting: {
      triggers: [{ type: 'pageview' }],
      pages: [],
      traits: [],
      locales: [],
      ...TARGETING_DEFAULTS,
      ...survey.targeting,
    },
  };
}

/** The editable fields of a stored survey. */
export function draftOf(survey: Survey): SurveyDraft {
  const { id: _id, createdAt: _c, updatedAt: _u, ...draft } = survey;
  return draft;
}

/** The API's 400 `issues` (`[{ path: 'targeting.pages.0.value', message }]`) by field path. */
export function issuesByPath(issues: unknown): Record<string, string> {
  const byPath: Record<string, string> = {};
  if (!Array.isArray(issues)) return byPath;
  for (const issue of issues as { path?: unknown; message?: unknown }[]) {
    const path = typeof issue.path === 'string' ? issue.path : '';
    const message = String(issue.message ?? 'invalid');
    byPath[path] = byPath[path] ? `${byPath[path]}; ${message}` : message;
  }
  return byPath;
}

const DRAFTS = 'heard.dashboard.draft.';

/** The unsaved draft of a survey (`new` for one not created yet), kept for this tab. */
export function loadDraft(key: string): SurveyDraft | null {
  try {
    return JSON.parse(sessionStorage.getItem(DRAFTS + key) ?? 'null');
  } catch {
    return null;
  }
}

/** Keeps a draft for this tab, or forgets it once saved (`null`). */
export function saveDraft(key: string, draft: SurveyDraft | null): void {
  try {
    if (draft) sessionStorage.setItem(DRAFTS + key, JSON.stringify(draft));
    else sessionStorage.removeItem(DRAFTS + key);
  } catch {}
}

type Scalar = Exclude<Filter['value'], unknown[]>;

/** One typed value: `true`/`false` and numbers as such, anything else as text. */
const scalar = (text: string): Scalar =>
  text === 'true' ? true : text === 'false' ? false : /^-?\d+(\.\d+)?$/.test(text) ? Number(text) : text;

/**
 * A filter's value as typed in its box: a comma-separated list for `in`, a number for `gt`/`lt`.
 * @example filterValue('in', 'pro, team') // ['pro', 'team']
 */
export function filterValue(op: Filter['op'], text: string): Filter['value'] {
  if (op === 'in')
    return text
      .split(',')
      .map((part) => part.trim())
      .filter(Boolean)
      .map(scalar);
  if (op === 'gt' || op === 'lt') return text.trim() === '' ? Number.NaN : Number(text);
  return op === 'contains' ? text : scalar(text.trim());
}

/** A filter's value as its box shows it. */
export const filterText = (value: Filter['value']) => (Array.isArray(value) ? value.join(', ') : String(value));

const TEXT_FIELDS = ['question', 'labels', 'followUp', 'thanks'] as const satisfies readonly (keyof SurveyTexts)[];

/**
 * Per locale, the texts another locale has and it lacks: the translations still to write.
 * @example missingTranslations({ en: { question: 'Q', thanks: 'T' }, de: { question: 'F' } }) // { de: ['thanks'] }
 */
export function missingTranslations(texts: Record<string, SurveyTexts>): Record<string, string[]> {
  const given = (t: SurveyTexts, field: (typeof TEXT_FIELDS)[number]) => {
    const value = t[field];
    return typeof value === 'string' ? value.trim() !== '' : value !== undefined;
  };
  const locales = Object.entries(texts);
  const missing: Record<string, string[]> = {};
  for (const [locale, own] of locales) {
    const lacks = TEXT_FIELDS.filter((field) => !given(own, field) && locales.some(([, t]) => given(t, field)));
    if (lacks.length) missing[locale] = lacks;
  }
  return missing;
}

/** An epoch-ms time as a `datetime-local` input shows it, in the browser's time zone. */
export function localInput(ms: number | undefined): string {
  if (ms === undefined) return '';
  const date = new Date(ms - new Date(ms).getTimezoneOffset() * 60_000);
  return date.toISOString().slice(0, 16);
}

/** A `datetime-local` input's value as epoch ms (undefined when empty). */
export const fromLocalInput = (value: string) => (value ? new Date(value).getTime() : undefined);
