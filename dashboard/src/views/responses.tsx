// Responses: the triage inbox of low and commented answers, worked from the keyboard
// (j/k to move, c contacted, e close, o reopen, t tag, n note), with each response's account,
// its health and MRR, and the person's earlier answers; the close-the-loop figures on top.
import type { HealthResponse, InboxResponse, ResponsePatch, ResponseStatus, ResponsesSummary } from '@heard/core';
import { BAND_NAMES, type Band, type Kind } from '@heard/core/constants';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { settle } from '../api';
import { duration, money, percent, when } from '../format';
import { Figure, type Loadable, TextFilter, useReport } from '../report';
import type { ViewProps } from '../views';

const TONE: Record<Band, string> = { low: 'bad', middle: 'mid', high: 'good' };
const KIND: Record<Kind, string> = { nps: 'NPS', csat: 'CSAT', ces: 'CES' };

/** The keys of the inbox, shown in its legend. */
const SHORTCUTS: readonly [key: string, what: string][] = [
  ['j', 'next'],
  ['k', 'previous'],
  ['c', 'mark contacted'],
  ['e', 'close'],
  ['o', 'reopen'],
  ['t', 'edit tags'],
  ['n', 'add a note'],
];

const STATUS_DONE: Record<ResponseStatus, string> = {
  open: 'Reopened',
  contacted: 'Marked contacted',
  closed: 'Closed',
};

const who = (r: InboxResponse) => r.account ?? r.userId ?? (r.anonymousId ? `anonymous ${r.anonymousId}` : 'someone');
const label = (r: InboxResponse) => `${KIND[r.kind]} ${r.score} from ${who(r)}`;

/** Whether a key press belongs to a form field rather than to the inbox. */
const typing = (target: EventTarget | null) =>
  target instanceof HTMLElement && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));

function Summary(props: { state: Loadable<ResponsesSummary> }) {
  const { state } = props;
  if (state.status === 'loading') return <p class="muted">Loading…</p>;
  if (state.status !== 'ok')
    return (
      <p class="error" role="alert">
        Could not load: {state.message}
      </p>
    );
  const { total, periods } = state.data;
  return (
    <>
      <div class="figures">
        <Figure
          name="within48h"
          label="Low answers contacted within 48 h"
          value={percent(total.share)}
          detail={`${total.withinTarget} of ${total.due} due · ${total.waiting} still inside 48 h`}
        />
        <Figure
          name="median"
          label="Median time to first contact"
          value={duration(total.medianMsToContact)}
          detail={`${total.contacted} of ${total.low} low answers contacted`}
        />
      </div>
      <table class="periods">
        <caption>Close the loop per {state.data.interval}</caption>
        <thead>
          <tr>
            <th scope="col">Period</th>
            <th scope="col">Low answers</th>
            <th scope="col">Within 48 h</th>
            <th scope="col">Median to contact</th>
          </tr>
        </thead>
        <tbody>
          {periods
            .filter((p) => p.low > 0)
            .map((p) => (
              <tr key={p.label}>
                <th scope="row">{p.label}</th>
                <td>{p.low}</td>
                <td>{percent(p.share)}</td>
                <td>{duration(p.medianMsToContact)}</td>
              </tr>
            ))}
        </tbody>
      </table>
    </>
  );
}

function Item(props: {
  response: InboxResponse;
  selected: boolean;
  health: Map<string, number | null>;
  mrr: Record<string, number> | undefined;
  editing: 'tags' | 'note' | null;
  onSelect: () => void;
  onSave: (patch: ResponsePatch) => void;
  onCancel: () => void;
}) {
  const { response: r, selected } = props;
  const account = r.account ?? undefined;
  const health = account === undefined ? undefined : props.health.get(account);
  const mrr = account === undefined ? undefined : props.mrr?.[account];
  const field = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (props.editing) field.current?.focus();
  }, [props.editing]);
  const id = `response-${r.answerId}`;
  return (
    <li
      id={id}
      class={selected ? 'response selected' : 'response'}
      tabIndex={selected ? 0 : -1}
      aria-current={selected ? 'true' : undefined}
      aria-labelledby={`${id}-title`}
      data-answer={r.answerId}
      data-status={r.status}
      onFocus={props.onSelect}
    >
      <span class={`score ${TONE[r.band]}`} aria-hidden="true">
        {r.score}
      </span>
      <div>
        <h3 id={`${id}-title`}>
          {label(r)} <span class={`status ${r.status}`}>{r.status}</span>
        </h3>
        <p class="text">{r.comment ?? <span class="muted">No comment</span>}</p>
        <p class="meta">
          <span>
            {KIND[r.kind]} {r.score} on {r.scale[0]}–{r.scale[1]}: {BAND_NAMES[r.kind][r.band]}
          </span>
          <time dateTime={new Date(r.ts).toISOString()}>{when(r.ts)}</time>
          {account !== undefined && <span data-field="account">Account {account}</span>}
          {health !== undefined && <span data-field="health">Health {health === null ? '–' : Math.round(health)}</span>}
          {mrr !== undefined && <span data-field="mrr">MRR {money(mrr)}</span>}
          {r.assignee && <span data-field="assignee">Assigned to {r.assignee}</span>}
          {r.tags.map((t) => (
            <span key={t} class="tag" data-tag={t}>
              {t}
            </span>
          ))}
        </p>
        {r.earlier.length > 0 && (
          <details>
            <summary>Earlier answers ({r.earlier.length})</summary>
            <ul class="earlier">
              {r.earlier.map((e) => (
                <li key={e.answerId}>
                  <time dateTime={new Date(e.ts).toISOString()}>{when(e.ts)}</time> {KIND[e.kind]} {e.score} (
                  {BAND_NAMES[e.kind][e.band]}){e.comment ? `: “${e.comment}”` : ''}
                </li>
              ))}
            </ul>
          </details>
        )}
        {r.notes.length > 0 && (
          <ol class="notes" aria-label="Notes">
            {r.notes.map((n) => (
              <li key={n.at + n.text}>
                <time dateTime={new Date(n.at).toISOString()}>{when(n.at)}</time> {n.author ?? 'someone'}: {n.text}
              </li>
            ))}
          </ol>
        )}
        {props.editing && (
          <form
            class="edit"
            onSubmit={(e) => {
              e.preventDefault();
              const text = field.current?.value.trim() ?? '';
              if (props.editing === 'tags') {
                props.onSave({ tags: text ? [...new Set(text.split(/[\s,]+/).filter(Boolean))] : [] });
              } else if (text) props.onSave({ note: text });
              else props.onCancel();
            }}
          >
            <label>
              {props.editing === 'tags' ? 'Tags, separated by commas' : 'Note'}{' '}
              <input
                ref={field}
                name={props.editing}
                defaultValue={props.editing === 'tags' ? r.tags.join(', ') : ''}
                onKeyDown={(e) => e.key === 'Escape' && props.onCancel()}
              />
            </label>
            <button type="submit">Save</button>
            <button type="button" class="ghost" onClick={props.onCancel}>
              Cancel
            </button>
          </form>
        )}
      </div>
    </li>
  );
}

/** The Responses view. */
export default function ResponsesView(props: ViewProps) {
  const { heard, filters } = props;
  const [status, setStatus] = useState<ResponseStatus | ''>('open');
  const [metric, setMetric] = useState<Kind | ''>('');
  const [band, setBand] = useState<Band | ''>('');
  const [tag, setTag] = useState('');
  const [text, setText] = useState('');
  const [items, setItems] = useState<InboxResponse[]>([]);
  const [next, setNext] = useState<string | null>(null);
  const [state, setState] = useState<'loading' | 'ok' | 'error'>('loading');
  const [selected, setSelected] = useState(0);
  const [editing, setEditing] = useState<'tags' | 'note' | null>(null);
  const [said, setSaid] = useState('');
  const [failure, setFailure] = useState('');
  const moved = useRef(false);
  const query = useMemo(
    () => ({
      status: status || undefined,
      metric: metric || undefined,
      band: band || undefined,
      tag: tag || undefined,
      q: text || undefined,
      survey: filters.survey,
      limit: 25,
    }),
    [status, metric, band, tag, text, filters.survey],
  );
  const load = async (cursor: string | null, signal?: AbortSignal) => {
    const result = await settle(heard.responses({ ...query, cursor: cursor ?? undefined }, { signal }));
    if (signal?.aborted) return;
    if (result.status !== 'ok') {
      setState('error');
      setFailure(result.message);
      return;
    }
    setItems((before) => (cursor ? [...before, ...result.data.responses] : result.data.responses));
    setNext(result.data.next);
    setState('ok');
  };
  useEffect(() => {
    const controller = new AbortController();
    setState('loading');
    setSelected(0);
    load(null, controller.signal);
    return () => controller.abort();
  }, [heard, query]);
  const summary = useReport(
    (signal) => heard.responsesSummary({ from: filters.from, to: filters.to, interval: filters.interval }, { signal }),
    [heard, filters, items],
  );
  const health = useReport((signal) => heard.health({ limit: 1000 }, { signal }), [heard]);
  const healthData: HealthResponse | undefined = health.status === 'ok' ? health.data : undefined;
  const scores = useMemo(
    () => new Map((healthData?.accounts ?? []).map((a) => [a.account, a.score] as const)),
    [healthData],
  );
  const current = items[selected];

  const save = async (r: InboxResponse, patch: ResponsePatch, done: string) => {
    const result = await settle(heard.updateResponse(r.answerId, patch));
    if (result.status !== 'ok') {
      setFailure(`Could not save ${label(r)}: ${result.message}`);
      return;
    }
    setFailure('');
    setItems((list) => list.map((x) => (x.answerId === r.answerId ? result.data : x)));
    setSaid(`${done}: ${label(result.data)}.`);
  };
  const move = (by: number) => {
    moved.current = true;
    setSelected((i) => Math.max(0, Math.min(items.length - 1, i + by)));
  };

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey || typing(e.target) || editing) return;
      const r = items[selected];
      const act: Record<string, () => void> = {
        j: () => move(1),
        ArrowDown: () => move(1),
        k: () => move(-1),
        ArrowUp: () => move(-1),
        c: () => r && save(r, { status: 'contacted' }, STATUS_DONE.contacted),
        e: () => {
          if (!r) return;
          save(r, { status: 'closed' }, STATUS_DONE.closed);
          move(1);
        },
        o: () => r && save(r, { status: 'open' }, STATUS_DONE.open),
        t: () => r && setEditing('tags'),
        n: () => r && setEditing('note'),
      };
      const run = act[e.key];
      if (!run) return;
      e.preventDefault();
      run();
    };
    addEventListener('keydown', onKey);
    return () => removeEventListener('keydown', onKey);
  }, [items, selected, editing]);

  useEffect(() => {
    if (moved.current && !editing && current) document.getElementById(`response-${current.answerId}`)?.focus();
    moved.current = false;
  }, [selected, editing, current?.answerId]);

  const stopEditing = () => {
    moved.current = true;
    setEditing(null);
  };

  return (
    <>
      <section
        class="panel wide"
        id="close-the-loop"
        aria-labelledby="close-the-loop-title"
        data-state={summary.status}
      >
        <header>
          <h2 id="close-the-loop-title">Closing the loop</h2>
        </header>
        <Summary state={summary} />
      </section>
      <section class="panel wide" id="responses" aria-labelledby="responses-title" data-state={state}>
        <header>
          <h2 id="responses-title">Responses</h2>
        </header>
        <form class="filters" onSubmit={(e) => e.preventDefault()} aria-label="Filter responses">
          <label>
            Status{' '}
            <select name="status" value={status} onChange={(e) => setStatus(e.currentTarget.value as ResponseStatus)}>
              <option value="open">Open</option>
              <option value="contacted">Contacted</option>
              <option value="closed">Closed</option>
              <option value="">All</option>
            </select>
          </label>
          <label>
            Metric{' '}
            <select name="metric" value={metric} onChange={(e) => setMetric(e.currentTarget.value as Kind)}>
              <option value="">All</option>
              <option value="nps">NPS</option>
              <option value="csat">CSAT</option>
              <option value="ces">CES</option>
            </select>
          </label>
          <label>
            Band{' '}
            <select name="band" value={band} onChange={(e) => setBand(e.currentTarget.value as Band)}>
              <option value="">All</option>
              <option value="low">Low</option>
              <option value="middle">Middle</option>
              <option value="high">High</option>
            </select>
          </label>
          <label>
            Tag <TextFilter name="tag" size={10} value={tag} onApply={setTag} />
          </label>
          <label class="grow">
            Search <TextFilter name="q" type="search" value={text} onApply={setText} />
          </label>
        </form>
        <div class="shortcuts">
          <h3 id="shortcuts-title">Keyboard</h3>
          <dl>
            {SHORTCUTS.map(([key, what]) => (
              <div key={key}>
                <dt>
                  <kbd>{key}</kbd>
                </dt>
                <dd>{what}</dd>
              </div>
            ))}
          </dl>
        </div>
        <p class="muted announce" role="status" aria-live="polite">
          {said}
        </p>
        {failure && (
          <p class="error" role="alert">
            {failure}
          </p>
        )}
        {state === 'loading' && <p class="muted">Loading…</p>}
        {state === 'ok' &&
          (items.length === 0 ? (
            <p class="muted">Nothing to triage here.</p>
          ) : (
            <ol class="comments responses" aria-label="Responses, newest first">
              {items.map((r, i) => (
                <Item
                  key={r.answerId}
                  response={r}
                  selected={i === selected}
                  health={scores}
                  mrr={healthData?.mrr?.byAccount}
                  editing={i === selected ? editing : null}
                  onSelect={() => setSelected(i)}
                  onCancel={stopEditing}
                  onSave={(patch) => {
                    save(r, patch, patch.tags ? 'Tags saved' : 'Note added').then(stopEditing);
                  }}
                />
              ))}
            </ol>
          ))}
        {state === 'ok' && next && (
          <button type="button" onClick={() => load(next)}>
            Load older responses
          </button>
        )}
      </section>
    </>
  );
}
