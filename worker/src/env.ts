import type { Answer, Display, Event } from '@heard/core';
import type { D1Reader } from './db/reader';
import type { SiteRow } from './db/sites';
import type { RouteSpec } from './routeSpec';

/** The Worker's bindings, as wrangler.jsonc declares them. */
export interface Bindings {
  /** The primary database: sites, keys and routing, and the data of every site not moved elsewhere. */
  DB: D1Database;
  /** A second database a site can be moved to (`POST /v1/sites/:id/move`); more follow as `DB_<name>`. */
  DB_2?: D1Database;
  /** When bound, every raw batch is also written to R2 as NDJSON per site and day (archive.ts). */
  ARCHIVE?: R2Bucket;
  ASSETS: Fetcher;
  ADMIN_TOKEN?: string;
  /** Seals the sites' identity secrets at rest (identity.ts); a Worker secret like ADMIN_TOKEN. */
  SECRETS_KEY?: string;
  /** When bound, /v1/collect enqueues and the queue consumer writes to D1 (see docs/scaling.md). */
  INGEST_QUEUE?: Queue<IngestMessage>;
  /** `on`: read routes query through a D1 session that may use read replicas. */
  D1_READ_REPLICAS?: string;
  /** Requests per client IP (wrangler.jsonc `ratelimits`). */
  RATE_LIMIT_IP?: RateLimit;
  /** Requests per site, public and secret keys alike. */
  RATE_LIMIT_SITE?: RateLimit;
  /** `allow`: webhooks may post to loopback receivers (local dev and tests only; see webhookTarget.ts). */
  WEBHOOK_LOOPBACK?: string;
  /** A DNS-over-HTTPS (JSON) resolver to check webhook hosts with; without it, cloudflare-dns.com. */
  WEBHOOK_RESOLVER?: Fetcher;
  /** Set in the worker tests only: every answer is held against its route's documented schema (route.ts). */
  HEARD_CHECK_RESPONSES?: string;
}

/** Values middleware puts on the context for the routes after it. */
export interface Variables {
  site: SiteRow;
  /** The database read queries use: the site's database, or a D1 session on its replicas (middleware/replicas.ts). */
  reader: D1Reader;
  /** The replica session `reader` is, when it is one: its bookmark goes back on the response. */
  session?: D1DatabaseSession;
  /** The matched route's definition (route.ts), for the error handler. */
  route?: RouteSpec;
}

export interface AppEnv {
  Bindings: Bindings;
  Variables: Variables;
}

/**
 * One message on the ingest queue: a slice of one collect request, already validated
 * against the collector's clock, for one site. At most {@link ITEMS_PER_WRITE} items.
 */
export interface IngestMessage {
  v: 1;
  siteId: string;
  receivedAt: number;
  answers: Answer[];
  events: Event[];
  displays: Display[];
}
