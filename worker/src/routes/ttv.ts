import type { TimeToValueReport, TtvResponse } from '@heard/core';
import {
  dateWindow,
  npsByTtv,
  ROLLUP,
  timeToValueReport,
  ttvReportFromRollup,
  ZTtvQuery,
  ZTtvResponse,
} from '@heard/core';
import { siteSettings } from '../db/settings';
import { dbFor } from '../db/site';
import { ttvSubjects } from '../db/ttv';
import { ensureTtvRollup, npsRespondents, readTtvRollup } from '../db/ttvRollup';
import { defineRoute } from '../route';

const iso = (ts: number) => new Date(ts).toISOString();

/**
 * `GET /v1/ttv` (secret key): time from each user's first `start` event to their first
 * `value` event, for users who started in `[from, to]` (all time by default). Users who have
 * not reached value are censored at `to` (or now) in the Kaplan–Meier estimate. Read from the
 * rollup (O(days × bins)) when it can answer and at least `ROLLUP.exactBelow` users started,
 * else exactly from first occurrences; `exact=` forces either.
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
      const db = dbFor(c.env, c.var.site);
      const siteId = c.var.site.id;
      const settings = await siteSettings(db, siteId);
      const now = Date.now();
      const window = dateWindow({ from: query.from ?? '1970-01-01', to: query.to }, now);
      const start = query.start ?? settings.ttv.start;
      const value = query.value ?? settings.ttv.value;
      const pair = { siteId, start, value, ...window };
      // The rollup follows the site's setting, counts up to now, and knows no traits.
      const rollupCan =
        start === settings.ttv.start &&
        value === settings.ttv.value &&
        start !== value &&
        window.to >= now &&
        !query.by;
      let report: TimeToValueReport | undefined;
      if (rollupCan && query.exact !== 'true') {
        await ensureTtvRollup(db, siteId, start, value);
        const rollup = await readTtvRollup(db, { ...pair, cohort: query.cohort });
        const started = [...rollup.reached, ...rollup.waiting].reduce((sum, row) => sum + row.n, 0);
        if (query.exact === 'false' || started >= ROLLUP.exactBelow) {
          report = {
            ...ttvReportFromRollup(rollup, { until: window.to, cohort: query.cohort }),
            npsByTtv: npsByTtv(await npsRespondents(db, pair)),
          };
        }
      }
      const exact = report === undefined;
      report ??= timeToValueReport(await ttvSubjects(db, { ...pair, by: query.by }), {
        until: window.to,
        cohort: query.cohort,
        bySegment: !!query.by,
      });
      return c.json({
        start,
        value,
        from: iso(window.from),
        to: iso(window.to),
        by: query.by ?? null,
        exact,
        ...report,
      } satisfies TtvResponse);
    },
  ),
];
