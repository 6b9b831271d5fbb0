// The dashboard page: sign-in with a secret key, the shared filters, and the panels.
import { createClient } from '@heard/core';
import { CHANNELS, DAY_MS } from '@heard/core/constants';
import { render } from 'preact';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { checkKey, exportAnswers, type Filters, type HeardClient, type Session } from './api';
import { isoDay } from './format';
import { CommentsPanel } from './panels/comments';
import { EventsDailyPanel } from './panels/eventsDaily';
import { NpsPanels, ScoreCard, SegmentsPanel } from './panels/scores';
import { useReport } from './report';
import { loadSession, saveSession } from './session';
import { surveyOptions } from './surveys';
import { LazyView, useView, VIEWS } from './views';

const RANGES = [
  { days: 30, name: 'Last 30 days' },
  { days: 90, name: 'Last 90 days' },
  { days: 365, name: 'Last 12 months' },
];

function SignIn(props: { onSession: (session: Session) => void }) {
  const [key, setKey] = useState('');
  const [endpoint, setEndpoint] = useState(location.origin);
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    const session = { endpoint: endpoint.replace(/\/+$/, ''), secretKey: key.trim() };
    const result = await checkKey(createClient(session));
    setBusy(false);
    if (result.status === 'ok') props.onSession(session);
    else setError(result.status === 'error' && result.code === 401 ? 'That secret key is not valid.' : result.message);
  };
  return (
    <main class="signin">
      <form onSubmit={submit}>
        <h1>
          <span class="logo" aria-hidden="true">
            ◖
          </span>{' '}
          Heard
        </h1>
        <p class="muted">Sign in with a site's secret key. It stays in this tab only.</p>
        <label>
          Secret key
          <input
            name="secretKey"
            type="password"
            autocomplete="off"
            required
            pattern="sk_.+"
            placeholder="sk_…"
            value={key}
            onInput={(e) => setKey(e.currentTarget.value)}
          />
        </label>
        <details>
          <summary>Collector</summary>
          <label>
            Endpoint
            <input name="endpoint" type="url" value={endpoint} onInput={(e) => setEndpoint(e.currentTarget.value)} />
          </label>
        </details>
        {error && (
          <p class="error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" disabled={busy}>
          {busy ? 'Checking…' : 'Sign in'}
        </button>
      </form>
    </main>
  );
}

/** Downloads a blob under a file name, as the browser's own download. */
function download(blob: Blob, filename: string) {
  const url = URL.createObjectURL(blob);
  const a = Object.assign(document.createElement('a'), { href: url, download: filename });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

function ExportButtons(props: { heard: HeardClient; filters: Filters }) {
  const [note, setNote] = useState('');
  const run = async (format: 'csv' | 'ndjson') => {
    setNote(`Preparing ${format.toUpperCase()}…`);
    const result = await exportAnswers(props.heard, format, props.filters);
    if (result.status === 'ok') {
      download(result.data.blob, result.data.filename);
      setNote('');
    } else setNote(result.status === 'missing' ? 'Export is not available on this collector yet.' : result.message);
  };
  return (
    <div class="export">
      <button type="button" onClick={() => run('csv')}>
        Export CSV
      </button>
      <button type="button" onClick={() => run('ndjson')}>
        Export NDJSON
      </button>
      <span class="muted" role="status">
        {note}
      </span>
    </div>
  );
}

/** Picks one survey, or all: every survey id answers carry, and the managed surveys. */
function SurveyPicker(props: { heard: HeardClient; value: string; onPick: (survey: string) => void }) {
  // Read again on each pick: a survey made in the Surveys view since is then an option.
  const state = useReport((signal) => props.heard.surveys({ signal }), [props.heard, props.value]);
  const options = state.status === 'ok' ? surveyOptions(state.data) : [];
  return (
    <label>
      Survey{' '}
      <select name="survey" value={props.value} onChange={(e) => props.onPick(e.currentTarget.value)}>
        <option value="">All surveys</option>
        {options.map((o) => (
          <option key={o.id} value={o.id}>
            {o.label}
          </option>
        ))}
      </select>
    </label>
  );
}

// Starts fetching the success panels' chunk as soon as the page runs, beside the first reports.
const successPanels = import('./panels/success');

/** The success panels' module once its chunk is in (undefined until then, or if it failed). */
function useSuccessPanels() {
  const [panels, setPanels] = useState<typeof import('./panels/success')>();
  useEffect(() => {
    successPanels.then(setPanels, () => undefined);
  }, []);
  return panels;
}

/** A success panel's place in the grid while its chunk loads: the grid keeps its shape, busy. */
function Pending(props: { wide?: boolean }) {
  return (
    <section class={props.wide ? 'panel wide' : 'panel'} aria-busy="true" aria-label="Loading a panel">
      <p class="muted">Loading…</p>
    </section>
  );
}

function Dashboard(props: { session: Session; onSignOut: () => void }) {
  const today = Date.now();
  const [days, setDays] = useState(90);
  const [survey, setSurvey] = useState('');
  const view = useView();
  // `#/?survey=<id>` (the Surveys view's "Results") opens the overview filtered to that survey.
  const linked = new URLSearchParams(location.hash.split('?')[1]).get('survey');
  useEffect(() => {
    if (linked !== null) setSurvey(linked);
  }, [view, linked]);
  const [channel, setChannel] = useState('');
  const [interval, setInterval] = useState<Filters['interval']>('week');
  const filters = useMemo<Filters>(
    () => ({
      from: isoDay(today - (days - 1) * DAY_MS),
      to: isoDay(today),
      interval,
      ...(survey ? { survey } : {}),
      ...(channel ? { channel: channel as Filters['channel'] } : {}),
    }),
    [days, interval, survey, channel],
  );
  const heard = useMemo(() => createClient(props.session), [props.session]);
  const success = useSuccessPanels();
  return (
    <>
      <header class="top">
        <h1>
          <span class="logo" aria-hidden="true">
            ◖
          </span>{' '}
          Heard
        </h1>
        {VIEWS.length > 1 && (
          <nav class="views" aria-label="Views">
            {VIEWS.map((v) => (
              <a key={v.hash} href={v.hash} aria-current={v === view ? 'page' : undefined}>
                {v.name}
              </a>
            ))}
          </nav>
        )}
        <form class="controls" onSubmit={(e) => e.preventDefault()} aria-label="Filters">
          <SurveyPicker heard={heard} value={survey} onPick={setSurvey} />
          <label>
            Channel{' '}
            <select name="channel" value={channel} onChange={(e) => setChannel(e.currentTarget.value)}>
              <option value="">All channels</option>
              {CHANNELS.map((c) => (
                <option key={c}>{c}</option>
              ))}
            </select>
          </label>
          <label>
            Range{' '}
            <select name="range" value={days} onChange={(e) => setDays(Number(e.currentTarget.value))}>
              {RANGES.map((r) => (
                <option key={r.days} value={r.days}>
                  {r.name}
                </option>
              ))}
            </select>
          </label>
          <label>
            Interval{' '}
            <select
              name="interval"
              value={interval}
              onChange={(e) => setInterval(e.currentTarget.value as Filters['interval'])}
            >
              <option value="day">Day</option>
              <option value="week">Week</option>
              <option value="month">Month</option>
            </select>
          </label>
        </form>
        <button type="button" class="ghost" onClick={props.onSignOut}>
          Sign out
        </button>
      </header>
      {view.load ? (
        <main class="view" data-view={view.hash.slice(2)}>
          <LazyView view={view} heard={heard} filters={filters} session={props.session} />
        </main>
      ) : (
        <main class="grid" data-from={filters.from} data-to={filters.to} data-interval={filters.interval}>
          <NpsPanels heard={heard} filters={filters} />
          <ScoreCard heard={heard} filters={filters} metric="csat" />
          <ScoreCard heard={heard} filters={filters} metric="ces" />
          <SegmentsPanel heard={heard} filters={filters} />
          {/* The eight one-cell panels first: two full rows of four at 1440 px, no hole before a wide one. */}
          {success ? <success.DurationsPanel heard={heard} filters={filters} /> : <Pending />}
          {success ? <success.RevenuePanel heard={heard} filters={filters} /> : <Pending />}
          <CommentsPanel heard={heard} filters={filters} />
          {success ? <success.TtvPanel heard={heard} filters={filters} /> : <Pending wide />}
          <EventsDailyPanel heard={heard} filters={filters} />
          {success ? <success.MrrPanel heard={heard} filters={filters} /> : <Pending wide />}
          {success ? <success.RetentionPanel heard={heard} filters={filters} /> : <Pending wide />}
          {success ? <success.HealthPanel heard={heard} /> : <Pending wide />}
          <section class="panel wide" id="export" aria-labelledby="export-title">
            <header>
              <h2 id="export-title">Export answers</h2>
            </header>
            <p class="muted">Every answer in the range, as a file. The only download of raw rows.</p>
            <ExportButtons heard={heard} filters={filters} />
          </section>
        </main>
      )}
    </>
  );
}

function App() {
  const [session, setSession] = useState(loadSession);
  if (!session)
    return (
      <SignIn
        onSession={(s) => {
          saveSession(s);
          setSession(s);
        }}
      />
    );
  return (
    <Dashboard
      session={session}
      onSignOut={() => {
        saveSession(null);
        setSession(null);
      }}
    />
  );
}

const root = document.getElementById('app');
if (root) {
  root.textContent = '';
  render(<App />, root);
}
