// The survey picker's options, from `GET /v1/surveys`.
import type { SurveyList } from '@heard/core';
import { count } from './format';

/**
 * The picker's options: every survey id answers carry, most answered first, named by its
 * managed survey when there is one; then managed surveys nobody has answered yet.
 * @example surveyOptions({ surveys: [], answered: [{ id: 'nps-q', kind: 'nps', n: 12 }] })
 *   // [{ id: 'nps-q', label: 'nps-q · NPS · 12 answers' }]
 */
export function surveyOptions(list: SurveyList) {
  const names = new Map(list.surveys.map((s) => [s.id, s.name]));
  const answered = new Set(list.answered.map((a) => a.id));
  return [
    ...list.answered.map((a) => ({
      id: a.id,
      label: `${names.get(a.id) ?? a.id} · ${a.kind.toUpperCase()} · ${count(a.n)} answers`,
    })),
    ...list.surveys
      .filter((s) => !answered.has(s.id))
      .map((s) => ({ id: s.id, label: `${s.name} · ${s.kind.toUpperCase()} · no answers yet` })),
  ];
}
