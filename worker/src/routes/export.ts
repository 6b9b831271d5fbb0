import { addDays, csvRow, type ExportedAnswer, startOfDay, ZExportQuery } from '@heard/core';
import { type Cursor, exportPage } from '../db/export';
import { dbFor } from '../db/site';
import { defineRoute } from '../route';

/** Answers read per D1 query while streaming. */
export const EXPORT_PAGE_SIZE = 500;

/** CSV columns, in order; traits and props are JSON in one cell each. */
export const CSV_COLUMNS = [
  'id',
  'time',
  'ts',
  'kind',
  'survey',
  'score',
  'scale_min',
  'scale_max',
  'direction',
  'comment',
  'user_id',
  'anonymous_id',
  'traits',
  'props',
  'url',
  'locale',
  'channel',
] as const;

const csvLine = (a: ExportedAnswer) =>
  csvRow([
    a.id,
    a.time,
    a.ts,
    a.kind,
    a.survey,
    a.score,
    a.scale[0],
    a.scale[1],
    a.direction,
    a.comment,
    a.userId,
    a.anonymousId,
    a.traits ? JSON.stringify(a.traits) : null,
    a.props ? JSON.stringify(a.props) : null,
    a.url,
    a.locale,
    a.channel,
  ]);

/** `GET /v1/export` (secret key): the answers as a stream, one D1 page at a time. */
export const exportAnswers = [
  defineRoute(
    {
      method: 'get',
      path: '/v1/export',
      operationId: 'exportAnswers',
      tag: 'answers',
      summary: 'Every answer, oldest first, streamed as CSV (RFC 4180) or NDJSON',
      description:
        'Same filters as /v1/scores (metric optional). CSV cells starting with = + - @ are prefixed with an apostrophe so spreadsheets never run them. Rows are read in pages by keyset (ts, id).',
      auth: 'secret',
      query: ZExportQuery,
      response: { status: 200, types: ['text/csv', 'application/x-ndjson'], description: 'the answers, streamed' },
    },
    (c, { query }) => {
      const q = query;
      const tz = q.tz ?? 'UTC';
      const filter = {
        siteId: c.var.site.id,
        kind: q.metric,
        survey: q.survey,
        startMs: q.from ? startOfDay(q.from, tz) : 0,
        endMs: q.to ? startOfDay(addDays(q.to, 1), tz) : Number.MAX_SAFE_INTEGER,
      };
      const db = dbFor(c.env, c.var.site);
      const encoder = new TextEncoder();
      let cursor: Cursor | null = null;
      let started = false;
      let done = false;
      const stream = new ReadableStream<Uint8Array>({
        async pull(controller) {
          if (done) return;
          let text = '';
          if (!started && q.format === 'csv') text += csvRow(CSV_COLUMNS);
          started = true;
          const page = await exportPage(db, filter, cursor, EXPORT_PAGE_SIZE);
          for (const answer of page) text += q.format === 'csv' ? csvLine(answer) : `${JSON.stringify(answer)}\n`;
          if (text) controller.enqueue(encoder.encode(text));
          const last = page.at(-1);
          if (page.length < EXPORT_PAGE_SIZE || !last) {
            done = true;
            controller.close();
          } else {
            cursor = { ts: last.ts, id: last.id };
          }
        },
      });
      const csv = q.format === 'csv';
      return new Response(stream, {
        headers: {
          'Content-Type': csv ? 'text/csv; charset=utf-8; header=present' : 'application/x-ndjson; charset=utf-8',
          'Content-Disposition': `attachment; filename="heard-answers.${csv ? 'csv' : 'ndjson'}"`,
          'Cache-Control': 'no-store',
        },
      });
    },
  ),
];
