// The Surveys view: every managed survey with its status, schedule, answers and score, the
// actions a PM takes on it, and the editor (`#/surveys?edit=<id>`, `#/surveys?new=<template>`).
import type { ScoresReport, Survey, SurveyList } from '@heard/core';
import { useEffect, useState } from 'preact/hooks';
import { interval, num, percent, scoreDigits, when } from '../format';
import { draftOf } from '../surveyForm';
import { TEMPLATES } from '../templates';
import type { ViewProps } from '../views';
import { Editor } from './editor';

type Load<T> = { status: 'loading' } | { status: 'ok'; data: T } | { status: 'error'; message: string };

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * Runs a read whenever its inputs change, dropping the answer of a read a newer one replaced.
 * (The overview's useReport does the same; a copy here keeps report.tsx out of the chunks the
 * first screen shares with this view.)
 */
function useLoad<T>(read: (signal: AbortSignal) => Promise<T>, inputs: unknown[]): Load<T> {
  const [state, setState] = useState<Load<T>>({ status: 'loading' });
  useEffect(() => {
    const controller = new AbortController();
    setState({ status: 'loading' });
    read(controller.signal).then(
      (data) => controller.signal.aborted || setState({ status: 'ok', data }),
      (error) => controller.signal.aborted || setState({ status: 'error', message: messageOf(error) }),
    );
    return () => controller.abort();
  }, inputs);
  return state;
}

/** The query of the view's hash: `#/surveys?edit=srv_…` → { edit: 'srv_…' }. */
const hashQuery = () => new URLSearchParams(location.hash.split('?')[1] ?? '');

/** Follows the view's own part of the hash: which survey is open in the editor, if any. */
function useHashQuery() {
  const [query, setQuery] = useState(hashQuery);
  useEffect(() => {
    const follow = () => setQuery(hashQuery());
    addEventListener('hashchange', follow);
    return () => removeEventListener('hashchange', follow);
  }, []);
  return query;
}

const STATUS: Record<Survey['status'], string> = {
  draft: 'Draft',
  active: 'Active',
  paused: 'Paused',
  completed: 'Completed',
};

const schedule = (s: Survey['schedule']) =>
  s.start === undefined && s.end === undefined
    ? 'Always'
    : `${s.start === undefined ? 'now' : when(s.start)} → ${s.end === undefined ? 'open-ended' : when(s.end)}`;

/** The score of one survey over the header's range, with its 95% interval and response rate. */
function ScoreCells(props: ViewProps & { survey: Survey }) {
  const { survey, filters } = props;
  const state = useLoad(
    (signal) =>
      props.heard.scores({ metric: survey.kind, survey: survey.id, from: filters.from, to: filters.to }, { signal }),
    [props.heard, survey.id, survey.kind, filters.from, filters.to],
  );
  if (state.status !== 'ok')
    return (
      <>
        <td>{state.status === 'loading' ? '…' : '–'}</td>
        <td>{state.status === 'loading' ? '…' : '–'}</td>
      </>
    );
  const report: ScoresReport = state.data;
  const digits = scoreDigits(survey.kind);
  return (
    <>
      <td data-cell="response-rate">{report.responseRate ? percent(report.responseRate.rate) : '–'}</td>
      <td data-cell="score">
        {report.score === null ? (
          'No answers'
        ) : (
          <>
            {num(report.score, digits)}
            {survey.kind === 'csat' ? '%' : ''}{' '}
            <span class="muted">({report.ci95 ? interval(report.ci95, digits) : 'no interval'})</span>
          </>
        )}
      </td>
    </>
  );
}

function SurveyRow(props: ViewProps & { survey: Survey; answers: number; onChanged: (note: string) => void }) {
  const { survey, heard } = props;
  const [confirming, setConfirming] = useState(false);
  const act = async (what: string, call: () => Promise<unknown>) => {
    try {
      await call();
      props.onChanged(`${survey.name}: ${what}.`);
    } catch (error) {
      props.onChanged(`${survey.name}: ${messageOf(error)}`);
    }
  };
  const running = survey.status === 'active';
  return (
    <tr data-survey={survey.id} data-status={survey.status}>
      <th scope="row">
        <a href={`#/surveys?edit=${encodeURIComponent(survey.id)}`}>{survey.name}</a>
      </th>
      <td>
        {survey.kind.toUpperCase()} {survey.scale.join('–')}
      </td>
      <td>
        <span class={`status ${survey.status}`}>{STATUS[survey.status]}</span>
      </td>
      <td>{schedule(survey.schedule)}</td>
      <td>{survey.priority}</td>
      <td data-cell="answers">
        {props.answers.toLocaleString('en-US')}
        {survey.maxAnswers !== null ? ` / ${survey.maxAnswers.toLocaleString('en-US')}` : ''}
      </td>
      <ScoreCells {...props} />
      <td>
        <div class="actions">
          <a class="button ghost" href={`#/?survey=${encodeURIComponent(survey.id)}`}>
            Results<span class="sr-only"> of {survey.name}</span>
          </a>
          <button
            type="button"
            class="ghost"
            onClick={() =>
              act(running ? 'paused' : 'activated', () =>
                heard.updateSurvey(survey.id, { status: running ? 'paused' : 'active' }),
              )
            }
          >
            {running ? 'Pause' : 'Activate'}
            <span class="sr-only"> {survey.name}</span>
          </button>
          <button
            type="button"
            class="ghost"
            onClick={() =>
              act('duplicated as a draft', () =>
                heard.createSurvey({
                  ...draftOf(survey),
                  name: `Copy of ${survey.name}`.slice(0, 100),
                  status: 'draft',
                }),
              )
            }
          >
            Duplicate<span class="sr-only"> {survey.name}</span>
          </button>
          {confirming ? (
            <button
              type="button"
              class="ghost danger"
              onClick={() => act('archived; its answers stay in the scores', () => heard.deleteSurvey(survey.id))}
            >
              Confirm archive<span class="sr-only"> of {survey.name}</span>
            </button>
          ) : (
            <button type="button" class="ghost" onClick={() => setConfirming(true)}>
              Archive<span class="sr-only"> {survey.name}</span>
            </button>
          )}
        </div>
      </td>
    </tr>
  );
}

function SurveyTable(props: ViewProps) {
  const [version, setVersion] = useState(0);
  const [note, setNote] = useState('');
  const state = useLoad((signal) => props.heard.surveys({ signal }), [props.heard, version]);
  const changed = (text: string) => {
    setNote(text);
    setVersion((v) => v + 1);
  };
  const answers = (list: SurveyList, id: string) =>
    list.answered.filter((a) => a.id === id).reduce((n, a) => n + a.n, 0);
  return (
    <section class="panel wide" aria-labelledby="surveys-title" aria-busy={state.status === 'loading'}>
      <header>
        <h2 id="surveys-title">Surveys</h2>
        <nav class="inline" aria-label="New survey">
          <a class="button" href="#/surveys?new=blank">
            New survey
          </a>
          {TEMPLATES.map((t) => (
            <a key={t.id} class="button ghost" href={`#/surveys?new=${t.id}`} title={t.summary}>
              From template: {t.name}
            </a>
          ))}
        </nav>
      </header>
      <p class="muted" role="status">
        {note}
      </p>
      {state.status === 'loading' && <p class="muted">Loading…</p>}
      {state.status === 'error' && (
        <p class="error" role="alert">
          Could not load the surveys: {state.message}
        </p>
      )}
      {state.status === 'ok' &&
        (state.data.surveys.length === 0 ? (
          <p>No surveys yet. Start from a template, or make a new one.</p>
        ) : (
          <div class="scroll">
            <table class="surveys">
              <caption class="sr-only">Every survey of this site; scores over the selected range</caption>
              <thead>
                <tr>
                  <th scope="col">Survey</th>
                  <th scope="col">Kind</th>
                  <th scope="col">Status</th>
                  <th scope="col">Schedule</th>
                  <th scope="col">Priority</th>
                  <th scope="col">Answers</th>
                  <th scope="col">Response rate</th>
                  <th scope="col">Score (95% interval)</th>
                  <th scope="col">Actions</th>
                </tr>
              </thead>
              <tbody>
                {state.data.surveys.map((survey) => (
                  <SurveyRow
                    key={survey.id}
                    {...props}
                    survey={survey}
                    answers={answers(state.data, survey.id)}
                    onChanged={changed}
                  />
                ))}
              </tbody>
            </table>
          </div>
        ))}
    </section>
  );
}

/** The Surveys view: the list, or the editor when the hash names a survey or a template. */
export default function SurveysView(props: ViewProps) {
  const query = useHashQuery();
  const edit = query.get('edit');
  const template = query.get('new');
  if (edit || template)
    return <Editor key={edit ?? `new:${template}`} {...props} id={edit ?? undefined} template={template ?? 'blank'} />;
  return <SurveyTable {...props} />;
}
