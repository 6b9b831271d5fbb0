// The dashboard's door to the collector: @heard/core's typed client, with each report's
// query built from the shared filters and each answer turned into a panel's Result.
import {
  type CommentsQuery,
  type DurationsResponse,
  HeardApiError,
  type HeardClient,
  type Kind,
  type ScoresQuery,
  type ScoresReport,
  type TtvResponse,
} from '@heard/core';

export type { HeardClient, ScoresReport };

/** Where the dashboard reads from and the key it reads with (kept in sessionStorage only). */
export interface Session {
  endpoint: string;
  secretKey: string;
}

/** What a panel gets back: the report, a route this collector does not have yet, or an error. */
export type Result<T> =
  | { status: 'ok'; data: T }
  | { status: 'missing'; message: string }
  | { status: 'error'; message: string; code?: number };

/** The query every panel shares: survey, date range and interval; the score panels also the channel. */
export interface Filters {
  survey?: string | undefined;
  channel?: ScoresQuery['channel'];
  from?: string | undefined;
  to?: string | undefined;
  interval: 'day' | 'week' | 'month';
}

/**
 * Settles a client call into a Result. A 404 without a survey-shaped reason means the
 * collector has no such route yet: the panel says "not available" and never makes data up.
 */
export async function settle<T>(call: Promise<T>): Promise<Result<T>> {
  try {
    return { status: 'ok', data: await call };
  } catch (error) {
    if (error instanceof HeardApiError) {
      if (error.status === 404) return { status: 'missing', message: error.message };
      return { status: 'error', message: error.message, code: error.status };
    }
    return { status: 'error', message: error instanceof Error ? error.message : String(error) };
  }
}

/** `GET /v1/scores` for the shared filters, with the comparison or segment a panel adds. */
export const scores = (
  heard: HeardClient,
  metric: Kind,
  filters: Filters,
  extra: Pick<ScoresQuery, 'by' | 'compare'>,
  signal?: AbortSignal,
) =>
  heard.scores(
    {
      metric,
      survey: filters.survey,
      channel: filters.channel,
      from: filters.from,
      to: filters.to,
      interval: filters.interval,
      ...extra,
    },
    { signal },
  );

/** The query of `GET /v1/comments` beyond the shared filters. */
export type CommentFilters = Pick<CommentsQuery, 'metric'> &
  Partial<Pick<CommentsQuery, 'min' | 'max' | 'band' | 'by' | 'value' | 'q' | 'before' | 'limit'>>;

/** `GET /v1/comments`: one page, newest first. */
export const comments = (heard: HeardClient, filters: Filters, query: CommentFilters, signal?: AbortSignal) =>
  heard.comments({ survey: filters.survey, from: filters.from, to: filters.to, ...query }, { signal });

/** The date range the event reports share. */
const range = (filters: Filters) => ({ from: filters.from, to: filters.to });

/** `GET /v1/ttv` with weekly sign-up cohorts. */
export const timeToValue = (heard: HeardClient, filters: Filters, signal?: AbortSignal) =>
  heard.timeToValue({ ...range(filters), cohort: 'week' }, { signal });

/** `GET /v1/durations`: support tickets, `ticket_opened` → `ticket_resolved`. */
export const resolutionTime = (heard: HeardClient, filters: Filters, signal?: AbortSignal) =>
  heard.durations({ ...range(filters), start: 'ticket_opened', end: 'ticket_resolved' }, { signal });

/** `GET /v1/retention`, per month (or week when the interval is shorter). */
export const retention = (heard: HeardClient, filters: Filters, signal?: AbortSignal) =>
  heard.retention({ ...range(filters), interval: filters.interval === 'month' ? 'month' : 'week' }, { signal });

/**
 * `GET /v1/revenue`, with the site's trusted events (`GET /v1/settings`): the events only its
 * backend may write, which the panel names. Without settings the report still shows.
 */
export const revenue = async (heard: HeardClient, filters: Filters, signal?: AbortSignal) => {
  const [report, trustedEvents] = await Promise.all([
    heard.revenue(range(filters), { signal }),
    heard.settings({ signal }).then(
      (settings) => settings.trustedEvents as string[] | undefined,
      () => undefined,
    ),
  ]);
  return { ...report, trustedEvents };
};

/** `GET /v1/mrr`, per month (or week when the interval is shorter). */
export const mrr = (heard: HeardClient, filters: Filters, signal?: AbortSignal) =>
  heard.mrr({ ...range(filters), interval: filters.interval === 'month' ? 'month' : 'week' }, { signal });

/** `GET /v1/health`: the ten accounts most at risk (health is not date-bound). */
export const health = (heard: HeardClient, signal?: AbortSignal) => heard.health({ limit: 10 }, { signal });

/** Percentiles of a duration report, as the TTV and resolution panels show them. */
export type DurationSummary = TtvResponse['reachedTimes'] | DurationsResponse;

/**
 * `GET /v1/export` as a file: fetched with the key in a header (never in a URL), then handed
 * to the browser as a download.
 */
export async function exportAnswers(
  heard: HeardClient,
  format: 'csv' | 'ndjson',
  filters: Filters,
): Promise<Result<{ blob: Blob; filename: string }>> {
  return settle(
    (async () => {
      const response = await heard.export({ format, ...range(filters), survey: filters.survey });
      const named = /filename="?([^";]+)"?/.exec(response.headers.get('Content-Disposition') ?? '')?.[1];
      return { blob: await response.blob(), filename: named ?? `heard-answers.${format}` };
    })(),
  );
}

/** Checks a key before keeping it: the survey list, which answers 401 for a bad key. */
export const checkKey = (heard: HeardClient) => settle(heard.surveys());
