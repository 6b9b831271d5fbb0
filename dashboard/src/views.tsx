// The dashboard's views and the hash that names each (`#/surveys`). The overview is in the
// first screen's bundle; every other view is a dynamic import, so esbuild makes it a chunk of
// its own that loads when the view is first opened (build.mjs, budgets in .size-limit.json).
import type { FunctionComponent } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { Filters, HeardClient, Session } from './api';

/** What every view gets: the signed-in client, the header's filters, and the session. */
export interface ViewProps {
  heard: HeardClient;
  filters: Filters;
  session: Session;
}

/** One view: its hash, its name in the navigation, and how to load it (none: the overview). */
export interface View {
  hash: `#/${string}`;
  name: string;
  load?: () => Promise<{ default: FunctionComponent<ViewProps> }>;
}

/** Every view, in navigation order. Add a view here and in its own file under `views/`. */
const OVERVIEW: View = { hash: '#/', name: 'Overview' };
export const VIEWS: readonly View[] = [
  OVERVIEW,
  { hash: '#/surveys', name: 'Surveys', load: () => import('./views/surveys') },
  { hash: '#/responses', name: 'Responses', load: () => import('./views/responses') },
];

/** The view a location hash names; anything unknown is the overview. */
export function viewFor(hash: string): View {
  const path = hash.split('?')[0];
  return VIEWS.find((v) => v.hash === path) ?? OVERVIEW;
}

/** The current view, following `hashchange` (back and forward buttons included). */
export function useView(): View {
  const [view, setView] = useState(() => viewFor(location.hash));
  useEffect(() => {
    const follow = () => setView(viewFor(location.hash));
    addEventListener('hashchange', follow);
    return () => removeEventListener('hashchange', follow);
  }, []);
  return view;
}

/** Renders a lazily loaded view once its chunk is in; says so while it loads or if it fails. */
export function LazyView(props: ViewProps & { view: View }) {
  const [loaded, setLoaded] = useState<{ view: View; component?: FunctionComponent<ViewProps>; error?: string }>();
  useEffect(() => {
    let current = true;
    props.view
      .load?.()
      .then((m) => current && setLoaded({ view: props.view, component: m.default }))
      .catch(
        () => current && setLoaded({ view: props.view, error: 'This view could not be loaded. Reload the page.' }),
      );
    return () => {
      current = false;
    };
  }, [props.view]);
  if (loaded?.view !== props.view)
    return (
      <p class="muted" role="status">
        Loading {props.view.name.toLowerCase()}…
      </p>
    );
  if (loaded.error)
    return (
      <p class="error" role="alert">
        {loaded.error}
      </p>
    );
  const Component = loaded.component as FunctionComponent<ViewProps>;
  return <Component heard={props.heard} filters={props.filters} session={props.session} />;
}
