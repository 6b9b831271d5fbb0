import type { SiteRow } from './db/sites';

/** The Worker's bindings, as wrangler.jsonc declares them. */
export interface Bindings {
  DB: D1Database;
  ASSETS: Fetcher;
  ADMIN_TOKEN?: string;
  /** Requests per client IP (wrangler.jsonc `ratelimits`). */
  RATE_LIMIT_IP?: RateLimit;
  /** Requests per site, public and secret keys alike. */
  RATE_LIMIT_SITE?: RateLimit;
}

/** Values middleware puts on the context for the routes after it. */
export interface Variables {
  site: SiteRow;
}

export interface AppEnv {
  Bindings: Bindings;
  Variables: Variables;
}
