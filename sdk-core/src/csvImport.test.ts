import { describe, expect, it } from 'vitest';
import { csvRow } from './csv';
import { answersFromCsv, importTime, parseCsv } from './csvImport';
import { ZAnswer } from './protocol';

describe('parseCsv', () => {
  it('reads quoted cells, doubled quotes, line breaks in cells, CRLF and a BOM', () => {
    expect(parseCsv('\uFEFFa,b\r\n"x, ""y""","line\nbreak"\n\n3,\n')).toEqual([
      ['a', 'b'],
      ['x, "y"', 'line\nbreak'],
      ['3', ''],
    ]);
  });

  it('reads back what the export writes', () => {
    const cells = ['=HYPERLINK("x")', 'a,b', 'plain', '-5'];
    expect(parseCsv(csvRow(cells))[0]?.map((c) => c.replace(/^'(?=[=+\-@])/, ''))).toEqual(cells);
  });
});

describe('answersFromCsv', () => {
  it("reads Heard's own export, ids and all", async () => {
    const header =
      'id,time,ts,kind,survey,score,scale_min,scale_max,direction,comment,user_id,anonymous_id,traits,props,url,locale';
    const row = csvRow([
      '6f1c2b9e-4a3d-4e8f-9b7a-1c2d3e4f5a6b',
      '2025-01-02T03:04:05.000Z',
      1735787045000,
      'csat',
      'onboarding',
      4,
      1,
      5,
      'higher-better',
      '=cmd|calc',
      'u1',
      null,
      JSON.stringify({ plan: 'pro' }),
      null,
      'https://app.example.com/',
      'en',
    ]);
    const { rows } = await answersFromCsv(`${header}\r\n${row}`);
    expect(rows[0]?.result).toEqual({
      answer: {
        id: '6f1c2b9e-4a3d-4e8f-9b7a-1c2d3e4f5a6b',
        kind: 'csat',
        score: 4,
        scale: [1, 5],
        direction: 'higher-better',
        survey: 'onboarding',
        comment: '=cmd|calc',
        userId: 'u1',
        traits: { plan: 'pro' },
        url: 'https://app.example.com/',
        locale: 'en',
        ts: 1735787045000,
      },
    });
    expect(ZAnswer.safeParse((rows[0]?.result as { answer: unknown } | undefined)?.answer).success).toBe(true);
  });

  it('reads a Delighted-style file, email as the user, epoch seconds or ISO times, the same id on every run', async () => {
    const text =
      'Score,Comment,Email,Created At\n9,"Great, fast",ann@example.com,1714557600\n3,,bob@example.com,2024-05-02T10:00:00Z\n';
    const first = await answersFromCsv(text, { survey: 'delighted' });
    const again = await answersFromCsv(text, { survey: 'delighted' });
    expect(first.rows.map((r) => r.result)).toEqual(again.rows.map((r) => r.result));
    expect(first.rows[0]?.result).toMatchObject({
      answer: {
        kind: 'nps',
        score: 9,
        scale: [0, 10],
        comment: 'Great, fast',
        userId: 'ann@example.com',
        ts: 1714557600000,
        survey: 'delighted',
      },
    });
    expect(first.rows[1]?.result).toMatchObject({ answer: { score: 3, ts: Date.parse('2024-05-02T10:00:00Z') } });
    const ids = first.rows.map((r) => (r.result as { answer: { id: string } }).answer.id);
    expect(new Set(ids).size).toBe(2);
    for (const r of first.rows) expect(ZAnswer.safeParse((r.result as { answer: unknown }).answer).success).toBe(true);
  });

  it('says what a row lacks, with its row number', async () => {
    const { rows } = await answersFromCsv('score,email,created_at\nten,a@x.io,2024-01-01\n5,,nope\n');
    expect(rows.map((r) => [r.row, 'issues' in r.result ? r.result.issues.map((i) => i.path) : []])).toEqual([
      [1, ['score']],
      [2, ['ts', 'userId']],
    ]);
  });

  it('reads epoch seconds and milliseconds apart', () => {
    expect(importTime('1714557600')).toBe(1714557600000);
    expect(importTime('1714557600000')).toBe(1714557600000);
    expect(importTime('yesterday')).toBeUndefined();
  });
});
