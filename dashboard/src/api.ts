// The dashboard's one door to the collector. Every report goes through `request()`, so the
// lead can swap this module's body for @heard/core's typed client without touching a panel.
import type { CommentsPage, Kind } from '@heard/core';

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

/** The score report of `GET /v1/scores`, with the fields DESIGN.md and issue 6 add. */
export interface ScoresReport {
  metric: Kind;
  n: number;
  score: number | null;
  ci95: [number, number] | null;
  breakdown: Record<string, number>;
  distribution: Record<string, number>;
  scales?: { scale: [number, number]; direction: string; n: number; score: number | null }[];
  series?: SeriesPoint[];
  segments?: Segment[];
  lowSample?: boolean;
  responseRate?: number | null | { shown?: number; answered?: number; rate?: number | null };
  compare?: {
    previous?: { n: number; score: number | null; ci95: [number, number] | null; from?: string; to?: string };
    difference?: number | null;
    delta?: number | null;
    significant?: boolean;
    pValue?: number | null;
  };
}

/** One bucket of a score series. Issue 6 names its start `period` (or `start`). */
export interface SeriesPoint {
  period?: string;
  start?: string;
  n: number;
  score: number | null;
  ci95: [number, number] | null;
}

/** One value of a segment: DESIGN.md's `{ value, n, score, ci95 }`. */
export interface Segment {
  value: string;
  n: number;
  score: number | null;
  ci95: [number, number] | null;
}

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

/** The event-metric reports of issue 7; panels read the fields DESIGN.md names. */
export const report = <T>(session: Session, path: string, filters: Filters, extra: Params = {}) =>
  request<T>(session, path, { from: filters.from, to: filters.to, ...extra });

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
