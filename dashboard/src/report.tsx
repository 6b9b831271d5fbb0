// The frame every panel shares: a titled section that shows loading, "not available" (the
// collector has no such route yet), an error, or the panel's content.
import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { type Result, settle } from './api';
import { exact, money } from './format';

/** A report being fetched, or its result. */
export type Loadable<T> = { status: 'loading' } | Result<T>;

/**
 * Runs a read whenever its inputs change. A read that a newer one replaces is aborted and
 * its answer dropped, so a slow old answer never overwrites the current one.
 */
export function useReport<T>(read: (signal: AbortSignal) => Promise<T>, inputs: unknown[]): Loadable<T> {
  const [state, setState] = useState<Loadable<T>>({ status: 'loading' });
  useEffect(() => {
    const controller = new AbortController();
    setState({ status: 'loading' });
    settle(read(controller.signal)).then((result) => controller.signal.aborted || setState(result));
    return () => controller.abort();
  }, inputs);
  return state;
}

/** A dashboard panel: its title, and its content once the report is there. */
export function Panel<T>(props: {
  id: string;
  title: string;
  state: Loadable<T>;
  wide?: boolean;
  actions?: ComponentChildren;
  children: (data: T) => ComponentChildren;
}) {
  const { state } = props;
  return (
    <section
      class={props.wide ? 'panel wide' : 'panel'}
      id={props.id}
      aria-labelledby={`${props.id}-title`}
      aria-busy={state.status === 'loading'}
      data-state={state.status}
    >
      <header>
        <h2 id={`${props.id}-title`}>{props.title}</h2>
        {props.actions}
      </header>
      {state.status === 'loading' && <p class="muted">Loading…</p>}
      {state.status === 'missing' && <NotAvailable />}
      {state.status === 'error' && (
        <p class="error" role="alert">
          Could not load: {state.message}
        </p>
      )}
      {state.status === 'ok' && props.children(state.data)}
    </section>
  );
}

/** What a panel says when the collector does not offer its report (yet). */
export function NotAvailable(props: { what?: string }) {
  return (
    <p class="not-available">
      {props.what ? `${props.what} is not available` : 'Not available'} on this collector yet.
    </p>
  );
}

/**
 * A big figure with its label and a line of detail. A number is written short from 10,000 on
 * (12.4k, 1.23M), with its exact value as the title.
 */
export function Figure(props: {
  label: string;
  value: string | number | null | undefined;
  detail?: ComponentChildren;
  name?: string;
}) {
  const { value } = props;
  const shown = typeof value === 'string' ? value : money(value);
  return (
    <div class="figure" data-figure={props.name ?? props.label}>
      <span class="label">{props.label}</span>
      <span class="value" title={typeof value === 'number' ? exact(value) : undefined}>
        {shown}
      </span>
      {props.detail && <span class="detail">{props.detail}</span>}
    </div>
  );
}

/**
 * A text filter applied on Enter or when the box is left. What is typed lives in the box's
 * own state, so a panel that re-renders meanwhile (a report arriving) never wipes it.
 */
export function TextFilter(props: {
  name: string;
  value: string;
  onApply: (value: string) => void;
  placeholder?: string;
  size?: number;
  type?: 'text' | 'search';
  list?: string;
}) {
  const [draft, setDraft] = useState(props.value);
  useEffect(() => setDraft(props.value), [props.value]);
  return (
    <input
      name={props.name}
      type={props.type ?? 'text'}
      placeholder={props.placeholder}
      size={props.size}
      list={props.list}
      value={draft}
      onInput={(e) => setDraft(e.currentTarget.value)}
      onChange={(e) => props.onApply(e.currentTarget.value.trim())}
    />
  );
}
