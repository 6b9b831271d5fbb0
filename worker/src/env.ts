import type { D1Reader } from './db/reader';
import type { SiteRow } from './db/sites';
import type { IngestMessage } from './ingest';

/** The Worker's bindings, as wrangler.jsonc declares them. */
export interface Bindings {
  DB: D1Database;
  ASSETS: Fetcher;
  ADMIN_TOKEN?: string;
  /** Seals the sites' identity secrets at rest (identity.ts); a Worker secret like ADMIN_TOKEN. */
  SECRETS_KEY?: string;
  /** When bound, /v1/collect enqueues and the queue consumer writes to D1 (see SCALING.md). */
  INGEST_QUEUE?: Queue<IngestMessage>;
  /** `on`: read routes query through a D1 session that may use read replicas. */
  D1_READ_REPLICAS?: string;
  /** Requests per client IP (wrangler.jsonc `ratelimits`). */
  RATE_LIMIT_IP?: RateLimit;
  /** Requests per site, public and secret keys alike. */
  RATE_LIMIT_SITE?: RateLimit;
}

/** Values middleware puts on the context for the routes after it. */
export interface Variables {
  site: SiteRow;
  /** The database read queries use: a D1 session on replicas or the primary (middleware/replicas.ts). */
  reader: D1Reader;
}

export interface AppEnv {
  Bindings: Bindings;
  Variables: Variables;
}
