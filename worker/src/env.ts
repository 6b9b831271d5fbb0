import type { SiteRow } from './db/sites';

/** The Worker's bindings, as wrangler.jsonc declares them. */
export interface Bindings {
  DB: D1Database;
  ASSETS: Fetcher;
  ADMIN_TOKEN?: string;
}

/** Values middleware puts on the context for the routes after it. */
export interface Variables {
  site: SiteRow;
}

export interface AppEnv {
  Bindings: Bindings;
  Variables: Variables;
}
