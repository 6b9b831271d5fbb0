// Comments: newest first, filtered by score band, segment and text, a page at a time.
import type { Comment } from '@heard/core';
import { BAND_NAMES, BANDS, type Band, band, bandRange, DEFAULT_SCALE, type Kind } from '@heard/core/constants';
import { useState } from 'preact/hooks';
import { type CommentFilters, comments, type Filters, type HeardClient } from '../api';
import { when } from '../format';
import { NotAvailable, TextFilter, useReport } from '../report';

/**
 * A band's name in the filter. NPS has one scale, so its ranges are named too; CSAT and CES
 * bands cover different scores on each scale and direction, and the API reads each answer's own.
 */
export function bandLabel(kind: Kind, which: Band): string {
  const range = kind === 'nps' ? bandRange(kind, which, DEFAULT_SCALE.nps, 'higher-better') : null;
  return range ? `${BAND_NAMES[kind][which]} (${range[0]}–${range[1]})` : BAND_NAMES[kind][which];
}

/** How an answer reads on its own scale and in its own direction: bad, mid or good. */
const TONE: Record<Band, string> = { low: 'bad', middle: 'mid', high: 'good' };
const bandOf = (c: Comment) => band(c.kind, c.score, c.scale, c.direction);
const tone = (c: Comment) => TONE[bandOf(c)];

/** The comments panel. */
export function CommentsPanel(props: { heard: HeardClient; filters: Filters }) {
  const { heard, filters } = props;
  const [metric, setMetric] = useState<Kind>('nps');
  const [chosen, setBand] = useState<Band | ''>('');
  const [trait, setTrait] = useState('');
  const [value, setValue] = useState('');
  const [text, setText] = useState('');
  const [pages, setPages] = useState<string[]>([]);
  const query: CommentFilters = {
    metric,
    band: chosen || undefined,
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
          <select name="band" value={chosen} onChange={(e) => reset(setBand)(e.currentTarget.value as Band | '')}>
            <option value="">All scores</option>
            {BANDS.map((b) => (
              <option key={b} value={b}>
                {bandLabel(metric, b)}
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
                    title={`${c.kind.toUpperCase()} ${c.score} on ${c.scale[0]}–${c.scale[1]}${c.direction === 'lower-better' ? ' (lower is better)' : ''}: ${BAND_NAMES[c.kind][bandOf(c)]}`}
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
