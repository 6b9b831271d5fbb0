// The dashboard's one door to the collector. Every report goes through `request()`, so the
// lead can swap this module's body for @heard/core's typed client without touching a panel.
import type {
  CommentsPage,
  DurationsResponse,
  HealthResponse,
  Kind,
  RetentionResponse,
  RevenueResponse,
  TtvResponse,
} from '@heard/core';

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

/** The query every panel shares: survey, date range and interval. */
export interface Filters {
  survey?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  interval: 'day' | 'week' | 'month';
  by?: string | undefined;
}

type Params = Record<string, string | number | undefined>;

const toSearch = (params: Params) => {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== '') search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
};

async function send(session: Session, path: string, params: Params): Promise<Response> {
  return fetch(`${session.endpoint}${path}${toSearch(params)}`, {
    headers: { Authorization: `Bearer ${session.secretKey}` },
    credentials: 'omit',
  });
}

/**
 * GETs a secret-key report. A 404 means the collector has no such route yet: the panel shows
 * "not available" instead of failing, and never makes data up.
 */
export async function request<T>(session: Session, path: string, params: Params = {}): Promise<Result<T>> {
  try {
    const response = await send(session, path, params);
    if (response.ok) return { status: 'ok', data: (await response.json()) as T };
    const body = (await response.json().catch(() => null)) as { error?: { message?: string } } | null;
    const message = body?.error?.message ?? `${response.status} ${response.statusText}`;
    if (response.status === 404) return { status: 'missing', message };
    return { status: 'error', message, code: response.status };
  } catch (error) {
    return { status: 'error', message: error instanceof Error ? error.message : String(error) };
  }
}

/** Score, interval and counts: what a report, its series points and segments each carry. */
export interface ScoreSummary {
  n: number;
  score: number | null;
  ci95: [number, number] | null;
  lowSample?: boolean;
  breakdown: Record<string, number>;
  mean?: number | null;
}

/** One bucket of a series (issue 6's ZSeriesPoint): a day, ISO week or month, clipped to the range. */
export interface SeriesPoint extends ScoreSummary {
  label: string;
  from: string;
  to: string;
}

/** One value of the `by` trait or prop (DESIGN.md: `{ value, n, score, ci95 }`). */
export interface Segment extends ScoreSummary {
  value: string;
}

/** Significance of the change from the previous period (issue 6's ZSignificance). */
export interface Significance {
  test: string;
  difference: number;
  p: number | null;
  significant: boolean;
}

/**
 * The answer of `GET /v1/scores`: mirrors issue 6's ZScoresReport (the skeleton sends only the
 * summary, distribution and scales; the rest is optional until that branch lands).
 */
export interface ScoresReport extends ScoreSummary {
  metric: Kind;
  distribution: Record<string, number>;
  scales?: (ScoreSummary & { scale: [number, number]; direction: string })[];
  series?: SeriesPoint[];
  segments?: Segment[];
  /** Answered ÷ shown; null when no prompt was recorded as shown, absent on older collectors. */
  responseRate?: { answered: number; shown: number; rate: number } | null;
  comparison?: { previous: ScoreSummary; significance: Significance | null };
}

/** The customer-success reports, as @heard/core defines them. */
export type TtvReport = TtvResponse;
export type DurationsReport = DurationsResponse;
export type RetentionReport = RetentionResponse;
export type RevenueReport = RevenueResponse;
export type HealthReport = HealthResponse;
export type AccountHealth = HealthReport['accounts'][number];
export type TtvGroup = Omit<TtvReport['cohorts'][number], 'cohort'>;
export type DurationSummary = TtvReport['reachedTimes'];

/** `GET /v1/scores`. */
export const scores = (session: Session, metric: Kind, filters: Filters, extra: Params = {}) =>
  request<ScoresReport>(session, '/v1/scores', {
    metric,
    survey: filters.survey,
    from: filters.from,
    to: filters.to,
    interval: filters.interval,
    ...extra,
  });

/** The query of `GET /v1/comments` beyond the shared filters. */
export interface CommentFilters {
  metric: Kind;
  min?: number | undefined;
  max?: number | undefined;
  by?: string | undefined;
  value?: string | undefined;
  q?: string | undefined;
  before?: string | undefined;
  limit?: number;
}

/** `GET /v1/comments`: one page, newest first. */
export const comments = (session: Session, filters: Filters, query: CommentFilters) =>
  request<CommentsPage>(session, '/v1/comments', {
    survey: filters.survey,
    from: filters.from,
    to: filters.to,
    ...query,
  });

/** The event-metric reports of issue 7, with the shared date range. */
export const report = <T>(session: Session, path: string, filters: Filters, extra: Params = {}) =>
  request<T>(session, path, { from: filters.from, to: filters.to, ...extra });

/** `GET /v1/ttv` with weekly sign-up cohorts. */
export const timeToValue = (session: Session, filters: Filters) =>
  report<TtvReport>(session, '/v1/ttv', filters, { cohort: 'week' });

/** `GET /v1/durations`: support tickets, `ticket_opened` → `ticket_resolved`. */
export const resolutionTime = (session: Session, filters: Filters) =>
  report<DurationsReport>(session, '/v1/durations', filters, { start: 'ticket_opened', end: 'ticket_resolved' });

/** `GET /v1/retention`, per month (or week when the interval is shorter). */
export const retention = (session: Session, filters: Filters) =>
  report<RetentionReport>(session, '/v1/retention', filters, {
    interval: filters.interval === 'month' ? 'month' : 'week',
  });

/** `GET /v1/revenue`. */
export const revenue = (session: Session, filters: Filters) => report<RevenueReport>(session, '/v1/revenue', filters);

/** `GET /v1/health`: every account's health and the at-risk list (not date-bound). */
export const health = (session: Session) => request<HealthReport>(session, '/v1/health', { limit: 10 });

/**
 * `GET /v1/export` as a file: fetched with the key in a header (never in a URL), then handed
 * to the browser as a download.
 */
export async function exportAnswers(
  session: Session,
  format: 'csv' | 'ndjson',
  filters: Filters,
): Promise<Result<{ blob: Blob; filename: string }>> {
  try {
    const response = await send(session, '/v1/export', {
      format,
      survey: filters.survey,
      from: filters.from,
      to: filters.to,
    });
    if (response.status === 404) return { status: 'missing', message: 'this collector has no /v1/export yet' };
    if (!response.ok) return { status: 'error', message: `${response.status} ${response.statusText}` };
    const named = /filename="?([^";]+)"?/.exec(response.headers.get('Content-Disposition') ?? '')?.[1];
    return { status: 'ok', data: { blob: await response.blob(), filename: named ?? `heard-answers.${format}` } };
  } catch (error) {
    return { status: 'error', message: error instanceof Error ? error.message : String(error) };
  }
}

/** Checks a key before keeping it: a cheap score read that answers 401 for a bad key. */
export async function checkKey(session: Session): Promise<Result<ScoresReport>> {
  return request<ScoresReport>(session, '/v1/scores', { metric: 'nps', from: new Date().toISOString().slice(0, 10) });
}
