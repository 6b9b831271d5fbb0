import type { TtvResponse } from '@heard/core';
import { dateWindow, timeToValueReport, ZTtvQuery, ZTtvResponse } from '@heard/core';
import { siteSettings } from '../db/settings';
import { dbFor } from '../db/site';
import { ttvSubjects } from '../db/ttv';
import { defineRoute } from '../route';

const iso = (ts: number) => new Date(ts).toISOString();

/**
 * `GET /v1/ttv` (secret key): time from each user's first `start` event to their first
 * `value` event, for users who started in `[from, to]` (all time by default). Users who have
 * not reached value are censored at `to` (or now) in the Kaplan–Meier estimate.
 */
export const ttv = [
  defineRoute(
    {
      method: 'get',
      path: '/v1/ttv',
      operationId: 'getTtv',
      tag: 'success',
      summary:
        'Time to value: conversion, percentiles, Kaplan–Meier median and curve, histogram, cohorts, NPS by bucket',
      auth: 'secret',
      query: ZTtvQuery,
      response: { status: 200, schema: ZTtvResponse, description: 'the time-to-value report' },
    },
    async (c, { query }) => {
      const settings = await siteSettings(dbFor(c.env, c.var.site), c.var.site.id);
      const window = dateWindow({ from: query.from ?? '1970-01-01', to: query.to }, Date.now());
      const start = query.start ?? settings.ttv.start;
      const value = query.value ?? settings.ttv.value;
      const subjects = await ttvSubjects(dbFor(c.env, c.var.site), {
        siteId: c.var.site.id,
        start,
        value,
        ...window,
        by: query.by,
      });
      const report = timeToValueReport(subjects, { until: window.to, cohort: query.cohort, bySegment: !!query.by });
      return c.json({
        start,
        value,
        from: iso(window.from),
        to: iso(window.to),
        by: query.by ?? null,
        ...report,
      } satisfies TtvResponse);
    },
  ),
];
