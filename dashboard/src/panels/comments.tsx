// Comments: newest first, filtered by score band, segment and text, a page at a time.
import type { Comment, Kind } from '@heard/core';
import { useState } from 'preact/hooks';
import { type CommentFilters, comments, type Filters, type HeardClient } from '../api';
import { when } from '../format';
import { NotAvailable, TextFilter, useReport } from '../report';

/** Score bands per metric, as score ranges the comments API filters by. */
export const BANDS: Record<Kind, { name: string; min: number; max: number }[]> = {
  nps: [
    { name: 'Detractors (0–6)', min: 0, max: 6 },
    { name: 'Passives (7–8)', min: 7, max: 8 },
    { name: 'Promoters (9–10)', min: 9, max: 10 },
  ],
  csat: [
    { name: 'Unsatisfied (1–3)', min: 1, max: 3 },
    { name: 'Satisfied (4–5)', min: 4, max: 5 },
  ],
  ces: [
    { name: 'Hard (1–4)', min: 1, max: 4 },
    { name: 'Easy (5–7)', min: 5, max: 7 },
  ],
};

const tone = (c: Comment) => {
  const [lo, hi] = c.scale;
  const position = (c.score - lo) / (hi - lo);
  return c.kind === 'nps'
    ? c.score >= 9
      ? 'good'
      : c.score >= 7
        ? 'mid'
        : 'bad'
    : position >= 0.7
      ? 'good'
      : position >= 0.4
        ? 'mid'
        : 'bad';
};

/** The comments panel. */
export function CommentsPanel(props: { heard: HeardClient; filters: Filters }) {
  const { heard, filters } = props;
  const [metric, setMetric] = useState<Kind>('nps');
  const [band, setBand] = useState('');
  const [trait, setTrait] = useState('');
  const [value, setValue] = useState('');
  const [text, setText] = useState('');
  const [pages, setPages] = useState<string[]>([]);
  const range = BANDS[metric].find((b) => b.name === band);
  const query: CommentFilters = {
    metric,
    min: range?.min,
    max: range?.max,
    by: trait && value ? trait : undefined,
    value: trait && value ? value : undefined,
    q: text || undefined,
    before: pages.at(-1),
    limit: 10,
  };
  const key = JSON.stringify(query);
  const state = useReport((signal) => comments(heard, filters, query, signal), [heard, filters, key]);
  const reset =
    <T,>(set: (v: T) => void) =>
    (v: T) => {
      setPages([]);
      set(v);
    };
  return (
    <section class="panel wide" id="comments" aria-labelledby="comments-title" data-state={state.status}>
      <header>
        <h2 id="comments-title">Comments</h2>
      </header>
      <form class="filters" onSubmit={(e) => e.preventDefault()} aria-label="Filter comments">
        <label>
          Metric{' '}
          <select
            name="metric"
            value={metric}
            onChange={(e) => {
              setBand('');
              reset(setMetric)(e.currentTarget.value as Kind);
            }}
          >
            <option value="nps">NPS</option>
            <option value="csat">CSAT</option>
            <option value="ces">CES</option>
          </select>
        </label>
        <label>
          Band{' '}
          <select name="band" value={band} onChange={(e) => reset(setBand)(e.currentTarget.value)}>
            <option value="">All scores</option>
            {BANDS[metric].map((b) => (
              <option key={b.name} value={b.name}>
                {b.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          Segment <TextFilter name="trait" placeholder="trait" size={7} value={trait} onApply={reset(setTrait)} />
        </label>
        <label>
          = <TextFilter name="value" placeholder="value" size={7} value={value} onApply={reset(setValue)} />
        </label>
        <label class="grow">
          Search{' '}
          <TextFilter name="q" type="search" placeholder="words in the comment" value={text} onApply={reset(setText)} />
        </label>
      </form>
      {state.status === 'loading' && <p class="muted">Loading…</p>}
      {state.status === 'missing' && <NotAvailable what="Comments" />}
      {state.status === 'error' && (
        <p class="error" role="alert">
          Could not load: {state.message}
        </p>
      )}
      {state.status === 'ok' && (
        <>
          {state.data.comments.length === 0 ? (
            <p class="muted">No comments match.</p>
          ) : (
            <ol class="comments">
              {state.data.comments.map((c) => (
                <li key={c.id} data-comment={c.id}>
                  <span
                    class={`score ${tone(c)}`}
                    title={`${c.kind.toUpperCase()} ${c.score} on ${c.scale[0]}–${c.scale[1]}`}
                  >
                    {c.score}
                  </span>
                  <div>
                    <p class="text">{c.comment}</p>
                    <p class="meta">
                      <time dateTime={new Date(c.ts).toISOString()}>{when(c.ts)}</time>
                      {Object.entries(c.traits).map(([k, v]) => (
                        <span key={k} class="tag">
                          {k}: {String(v)}
                        </span>
                      ))}
                    </p>
                  </div>
                </li>
              ))}
            </ol>
          )}
          <nav class="pager" aria-label="Comment pages">
            <button type="button" disabled={pages.length === 0} onClick={() => setPages(pages.slice(0, -1))}>
              Newer
            </button>
            <span class="muted">Page {pages.length + 1}</span>
            <button
              type="button"
              disabled={!state.data.next}
              onClick={() => state.data.next && setPages([...pages, state.data.next])}
            >
              Older
            </button>
          </nav>
        </>
      )}
    </section>
  );
}
