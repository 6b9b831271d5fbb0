import { ZExportedAnswer } from '@heard/core';
import { describe, expect, it } from 'vitest';
import { collect, matches, newSite, npsAnswer, read } from '../../test/helpers';
import { EXPORT_PAGE_SIZE } from './export';

/** Splits a CSV text into records and cells per RFC 4180 (quoted cells may hold commas, quotes, line breaks). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(cell);
      cell = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += ch;
  }
  return rows;
}

describe('GET /v1/export', () => {
  it('streams CSV per RFC 4180 with formulas neutralised', async () => {
    const site = await newSite();
    const t = Date.now() - 60_000;
    await collect({
      site: site.publicKey,
      answers: [
        npsAnswer(3, { ts: t, comment: '=HYPERLINK("http://evil","click")', traits: { plan: 'pro' } }),
        npsAnswer(10, { ts: t + 1, comment: 'great, "really"\nsecond line' }),
        npsAnswer(9, { ts: t + 2, comment: '@SUM(A1)', userId: '+1-555' }),
      ],
    });
    const response = await read('/v1/export?format=csv', site.secretKey);
    expect(response.status).toBe(200);
    expect(response.headers.get('Content-Type')).toMatch(/^text\/csv/);
    const text = await response.text();
    expect(text.endsWith('\r\n')).toBe(true);
    const rows = parseCsv(text);
    const header = rows[0] as string[];
    expect(header.slice(0, 6)).toEqual(['id', 'time', 'ts', 'kind', 'survey', 'score']);
    const col = (name: string) => header.indexOf(name);
    expect(rows).toHaveLength(4);
    expect(rows.slice(1).map((r) => r[col('score')])).toEqual(['3', '10', '9']);
    expect(rows[1]?.[col('comment')]).toBe(`'=HYPERLINK("http://evil","click")`);
    expect(rows[1]?.[col('traits')]).toBe('{"plan":"pro"}');
    expect(rows[2]?.[col('comment')]).toBe('great, "really"\nsecond line');
    expect(rows[3]?.[col('comment')]).toBe("'@SUM(A1)");
    expect(rows[3]?.[col('user_id')]).toBe("'+1-555");
  });

  it('pages through every answer in (ts, id) order as NDJSON, with filters', async () => {
    const site = await newSite();
    const base = Date.now() - 3_600_000;
    const total = EXPORT_PAGE_SIZE * 2 + 37;
    const answers = Array.from({ length: total }, (_, i) => npsAnswer(i % 11, { ts: base + Math.floor(i / 3) }));
    for (let i = 0; i < answers.length; i += 500)
      await collect({ site: site.publicKey, answers: answers.slice(i, i + 500) });
    await collect({
      site: site.publicKey,
      answers: [npsAnswer(4, { kind: 'csat', scale: [1, 5], ts: base })],
    });
    const response = await read('/v1/export?format=ndjson&metric=nps', site.secretKey);
    expect(response.headers.get('Content-Type')).toMatch(/^application\/x-ndjson/);
    const lines = (await response.text())
      .trimEnd()
      .split('\n')
      .map((l) => matches(ZExportedAnswer, JSON.parse(l)));
    expect(lines).toHaveLength(total);
    expect(new Set(lines.map((l) => l.id)).size).toBe(total);
    const sorted = [...lines].sort((a, b) => a.ts - b.ts || (a.id < b.id ? -1 : 1));
    expect(lines.map((l) => l.id)).toEqual(sorted.map((l) => l.id));
    expect(lines.every((l) => l.kind === 'nps')).toBe(true);
    const everything = await (await read('/v1/export?format=ndjson', site.secretKey)).text();
    expect(everything.trimEnd().split('\n')).toHaveLength(total + 1);
  });

  it('filters by day range and never shows another site', async () => {
    const [a, b] = [await newSite('A'), await newSite('B')];
    const old = Date.now() - 10 * 86_400_000;
    await collect({ site: a.publicKey, answers: [npsAnswer(1, { ts: old }), npsAnswer(2)] });
    const from = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    const recent = (await (await read(`/v1/export?format=ndjson&from=${from}`, a.secretKey)).text())
      .trimEnd()
      .split('\n');
    expect(recent.map((l) => matches(ZExportedAnswer, JSON.parse(l)).score)).toEqual([2]);
    const other = await (await read('/v1/export?format=csv', b.secretKey)).text();
    expect(parseCsv(other)).toHaveLength(1); // the header only
  });

  it('refuses a bad format, a bad date or no key', async () => {
    const site = await newSite();
    expect((await read('/v1/export?format=xlsx', site.secretKey)).status).toBe(400);
    expect((await read('/v1/export?from=soon', site.secretKey)).status).toBe(400);
    expect((await read('/v1/export?to=9999-12-31', site.secretKey)).status).toBe(400);
    expect((await read('/v1/export?from=2026-02-02&to=2026-02-01', site.secretKey)).status).toBe(400);
    expect((await read('/v1/export?tz=Nowhere/Else', site.secretKey)).status).toBe(400);
    expect((await read('/v1/export', '')).status).toBe(401);
  });
});
