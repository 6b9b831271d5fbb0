import {
  type ExportQuery,
  type ScoresQuery,
  type ScoresReport,
  type Webhook,
  type WebhookPut,
  ZError,
  ZScoresReport,
  ZWebhook,
} from './protocol';

/** How to reach a collector with a site's secret key. */
export interface ClientOptions {
  endpoint: string;
  secretKey: string;
  /** Defaults to the global fetch; tests and Workers pass their own. */
  fetch?: (input: string, init?: RequestInit) => Promise<Response>;
}

/** A failed API call, with the collector's error code and message. */
export class HeardApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly issues?: unknown,
  ) {
    super(message);
    this.name = 'HeardApiError';
  }
}

type Query = Record<string, string | number | undefined>;

const toSearch = (query: Query) => {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value !== undefined) params.set(key, String(value));
  const text = params.toString();
  return text ? `?${text}` : '';
};

/**
 * A typed client for the read and manage routes of one site.
 * @example
 * const heard = createClient({ endpoint: 'https://collector.example.com', secretKey: 'sk_…' });
 * const { score, ci95 } = await heard.scores({ metric: 'nps', from: '2026-11-01' });
 */
export function createClient({ endpoint, secretKey, fetch: fetchFn = (i, init) => fetch(i, init) }: ClientOptions) {
  const base = endpoint.replace(/\/+$/, '');
  async function call(method: string, path: string, body?: unknown): Promise<Response> {
    const response = await fetchFn(`${base}${path}`, {
      method,
      headers: {
        Authorization: `Bearer ${secretKey}`,
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    if (!response.ok) {
      const parsed = ZError.safeParse(await response.json().catch(() => null));
      if (parsed.success) {
        const { code, message, issues } = parsed.data.error;
        throw new HeardApiError(response.status, code, message, issues);
      }
      throw new HeardApiError(response.status, 'error', `${method} ${path}: HTTP ${response.status}`);
    }
    return response;
  }
  return {
    /** `GET /v1/scores`: NPS, CSAT or CES with intervals, series, segments and comparison. */
    async scores(query: ScoresQuery): Promise<ScoresReport> {
      return ZScoresReport.parse(await (await call('GET', `/v1/scores${toSearch(query)}`)).json());
    },
    /** `GET /v1/export`: the streamed response (CSV or NDJSON); read `body` to stream it. */
    export(query: ExportQuery = {}): Promise<Response> {
      return call('GET', `/v1/export${toSearch(query as Query)}`);
    },
    /** `GET /v1/webhook`: the site's webhook and its recent deliveries. */
    async webhook(): Promise<Webhook> {
      return ZWebhook.parse(await (await call('GET', '/v1/webhook')).json());
    },
    /** `PUT /v1/webhook`: sets where low answers are sent; returns the signing secret. */
    async setWebhook(config: WebhookPut): Promise<Webhook> {
      return ZWebhook.parse(await (await call('PUT', '/v1/webhook', config)).json());
    },
    /** `DELETE /v1/webhook`: stops sending. */
    async deleteWebhook(): Promise<void> {
      await call('DELETE', '/v1/webhook');
    },
  };
}

/** What `createClient` returns. */
export type HeardClient = ReturnType<typeof createClient>;
