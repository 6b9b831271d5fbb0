// The typed client of the secret-key API. It imports schemas as types only, so a browser
// bundle that uses it (the dashboard) carries no zod: about 1 kB instead of 80.
import type { z } from 'zod';
import type { MrrResponse, ZMrrQuery } from './billing';
import type { EventsDaily, ZEventsDailyQuery } from './eventCounts';
import type {
  ApiError,
  CommentsPage,
  InboxResponse,
  ResponsesPage,
  ResponsesSummary,
  ScoresReport,
  Survey,
  SurveyList,
  Webhook,
  WebhookPut,
  ZCommentsQuery,
  ZExportQuery,
  ZResponsePatch,
  ZResponsesQuery,
  ZResponsesSummaryQuery,
  ZScoresQuery,
  ZSurveyCreate,
  ZSurveyPatch,
} from './protocol';
import type { Digest, ThemesReport, ZDigestQuery, ZThemesQuery } from './protocol/themes';
import type { DurationsResponse, HealthResponse, RetentionResponse, RevenueResponse, TtvResponse } from './reports';
import type {
  SiteSettings,
  ZDurationsQuery,
  ZHealthQuery,
  ZRetentionQuery,
  ZRevenueQuery,
  ZSiteSettingsPatch,
  ZTtvQuery,
} from './successSettings';

/** How to reach a collector with a site's secret key. */
export interface ClientOptions {
  endpoint: string;
  secretKey: string;
  /** Defaults to the global fetch; tests and Workers pass their own. */
  fetch?: (input: string, init?: RequestInit) => Promise<Response>;
}

/** Per call: an `AbortSignal` to cancel a read whose answer is no longer wanted. */
export interface CallOptions {
  signal?: AbortSignal | undefined;
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

/** What a route's query accepts: its schema's input, with `undefined` meaning "leave it out". */
type QueryOf<T extends z.ZodType> = { [K in keyof z.input<T>]?: z.input<T>[K] | undefined };
type Query = Record<string, string | number | undefined>;

/** The query string of a call; `undefined` and empty values are left out. */
const toSearch = (query: object) => {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query as Query)) {
    if (value !== undefined && value !== '') params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
};

/** The collector's `{ error: { code, message } }`, or null for a body of another shape. */
const errorOf = (body: unknown): ApiError['error'] | null => {
  const error = (body as Partial<ApiError> | null)?.error;
  return typeof error?.code === 'string' && typeof error.message === 'string' ? error : null;
};

/**
 * A typed client for the read and manage routes of one site.
 * @example
 * const heard = createClient({ endpoint: 'https://collector.example.com', secretKey: 'sk_…' });
 * const { score, ci95 } = await heard.scores({ metric: 'nps', from: '2026-11-01' });
 */
export function createClient({ endpoint, secretKey, fetch: fetchFn = (i, init) => fetch(i, init) }: ClientOptions) {
  const base = endpoint.replace(/\/+$/, '');
  async function call(method: string, path: string, body?: unknown, options: CallOptions = {}): Promise<Response> {
    const response = await fetchFn(`${base}${path}`, {
      method,
      headers: {
        Authorization: `Bearer ${secretKey}`,
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      ...(options.signal ? { signal: options.signal } : {}),
    });
    if (!response.ok) {
      const error = errorOf(await response.json().catch(() => null));
      if (error) throw new HeardApiError(response.status, error.code, error.message, error.issues);
      throw new HeardApiError(response.status, 'error', `${method} ${path}: HTTP ${response.status}`);
    }
    return response;
  }
  const get = async <T>(path: string, query: object = {}, options?: CallOptions): Promise<T> =>
    (await call('GET', `${path}${toSearch(query)}`, undefined, options)).json() as Promise<T>;
  const send = async <T>(method: string, path: string, body: unknown, options?: CallOptions): Promise<T> =>
    (await call(method, path, body, options)).json() as Promise<T>;
  const survey = (id: string) => `/v1/surveys/${encodeURIComponent(id)}`;
  return {
    /** `GET /v1/scores`: NPS, CSAT or CES with intervals, series, segments and comparison. */
    scores: (query: QueryOf<typeof ZScoresQuery>, options?: CallOptions) =>
      get<ScoresReport>('/v1/scores', query, options),
    /** `GET /v1/comments`: one page of commented answers, newest first; pass `next` as `before`. */
    comments: (query: QueryOf<typeof ZCommentsQuery> = {}, options?: CallOptions) =>
      get<CommentsPage>('/v1/comments', query, options),
    /** `GET /v1/themes`: themes of comments, each with the score with and without it and a corrected test. */
    themes: (query: QueryOf<typeof ZThemesQuery>, options?: CallOptions) =>
      get<ThemesReport>('/v1/themes', query, options),
    /** `GET /v1/digest`: the digest of the last complete week or day. */
    digest: (query: QueryOf<typeof ZDigestQuery> = {}, options?: CallOptions) =>
      get<Digest>('/v1/digest', query, options),
    /** `GET /v1/ttv`: time to value, Kaplan–Meier curve, histogram and cohorts. */
    /** `GET /v1/responses`: low and commented answers with their triage state, a page at a time. */
    responses: (query: QueryOf<typeof ZResponsesQuery> = {}, options?: CallOptions) =>
      get<ResponsesPage>('/v1/responses', query, options),
    /** `PATCH /v1/responses/{answerId}`: status, assignee, tags, a note. */
    updateResponse: (answerId: string, patch: z.input<typeof ZResponsePatch>, options?: CallOptions) =>
      send<InboxResponse>('PATCH', `/v1/responses/${encodeURIComponent(answerId)}`, patch, options),
    /** `GET /v1/responses/summary`: the close-the-loop figures per period. */
    responsesSummary: (query: QueryOf<typeof ZResponsesSummaryQuery> = {}, options?: CallOptions) =>
      get<ResponsesSummary>('/v1/responses/summary', query, options),
    timeToValue: (query: QueryOf<typeof ZTtvQuery> = {}, options?: CallOptions) =>
      get<TtvResponse>('/v1/ttv', query, options),
    /** `GET /v1/durations`: time from a `start` to an `end` event per entity (resolution time). */
    durations: (query: QueryOf<typeof ZDurationsQuery> = {}, options?: CallOptions) =>
      get<DurationsResponse>('/v1/durations', query, options),
    /** `GET /v1/retention`: churn and retention cohorts. */
    retention: (query: QueryOf<typeof ZRetentionQuery> = {}, options?: CallOptions) =>
      get<RetentionResponse>('/v1/retention', query, options),
    /** `GET /v1/revenue`: revenue movements, expansion and lifetime value. */
    revenue: (query: QueryOf<typeof ZRevenueQuery> = {}, options?: CallOptions) =>
      get<RevenueResponse>('/v1/revenue', query, options),
    /** `GET /v1/mrr`: MRR movements from Stripe per month or week, in one currency. */
    mrr: (query: QueryOf<typeof ZMrrQuery> = {}, options?: CallOptions) => get<MrrResponse>('/v1/mrr', query, options),
    /** `GET /v1/health`: every account's health score, worst first, and the at-risk list. */
    health: (query: QueryOf<typeof ZHealthQuery> = {}, options?: CallOptions) =>
      get<HealthResponse>('/v1/health', query, options),
    /** `GET /v1/events/daily`: events per day and per name, from the daily counts. */
    eventsDaily: (query: QueryOf<typeof ZEventsDailyQuery> = {}, options?: CallOptions) =>
      get<EventsDaily>('/v1/events/daily', query, options),
    /** `GET /v1/surveys`: the managed surveys and every survey id answers carry. */
    surveys: (options?: CallOptions) => get<SurveyList>('/v1/surveys', {}, options),
    /** `GET /v1/surveys/:id`. */
    survey: (id: string, options?: CallOptions) => get<Survey>(survey(id), {}, options),
    /** `POST /v1/surveys`: a new survey (a draft unless `status` says otherwise). */
    createSurvey: (body: z.input<typeof ZSurveyCreate>, options?: CallOptions) =>
      send<Survey>('POST', '/v1/surveys', body, options),
    /** `PATCH /v1/surveys/:id`: any fields; `targeting` and `schedule` are replaced whole. */
    updateSurvey: (id: string, patch: z.input<typeof ZSurveyPatch>, options?: CallOptions) =>
      send<Survey>('PATCH', survey(id), patch, options),
    /** `DELETE /v1/surveys/:id`. */
    async deleteSurvey(id: string, options?: CallOptions): Promise<void> {
      await call('DELETE', survey(id), undefined, options);
    },
    /** `GET /v1/settings`: the site's customer-success settings. */
    settings: (options?: CallOptions) => get<SiteSettings>('/v1/settings', {}, options),
    /** `PATCH /v1/settings`: changes any subset of the settings; returns them all. */
    updateSettings: (patch: z.input<typeof ZSiteSettingsPatch>, options?: CallOptions) =>
      send<SiteSettings>('PATCH', '/v1/settings', patch, options),
    /** `GET /v1/export`: the streamed response (CSV or NDJSON); read `body` to stream it. */
    export: (query: QueryOf<typeof ZExportQuery> = {}, options?: CallOptions) =>
      call('GET', `/v1/export${toSearch(query)}`, undefined, options),
    /** `GET /v1/webhook`: the site's webhook and its recent deliveries. */
    webhook: (options?: CallOptions) => get<Webhook>('/v1/webhook', {}, options),
    /** `PUT /v1/webhook`: sets where low answers (or those its `send` matches) are sent; returns the signing secret. */
    setWebhook: (config: WebhookPut, options?: CallOptions) => send<Webhook>('PUT', '/v1/webhook', config, options),
    /** `DELETE /v1/webhook`: stops sending. */
    async deleteWebhook(options?: CallOptions): Promise<void> {
      await call('DELETE', '/v1/webhook', undefined, options);
    },
  };
}

/** What `createClient` returns. */
export type HeardClient = ReturnType<typeof createClient>;
