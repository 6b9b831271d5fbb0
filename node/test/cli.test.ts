import { execFile } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, inject, it } from 'vitest';
import { newSite, queryD1 } from './collector';

const run = promisify(execFile);
const cli = new URL('../dist/cli.js', import.meta.url).pathname;

/** Runs the built `heard` command; resolves with its exit code and output. */
async function heard(...args: string[]) {
  try {
    const { stdout, stderr } = await run(process.execPath, [cli, ...args]);
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

const answers = (siteId: string) =>
  queryD1<{ n: number; rolled: number }>(
    `SELECT (SELECT COUNT(*) FROM answers WHERE site_id = ?1) AS n,
            (SELECT COALESCE(SUM(n), 0) FROM answer_rollup WHERE site_id = ?1) AS rolled`,
    siteId,
  )[0];

describe('heard import', () => {
  it('imports a Delighted-style file, writes the bad rows to a file, and changes nothing the second time', async () => {
    const site = await newSite();
    const dir = await mkdtemp(join(tmpdir(), 'heard-import-'));
    const file = join(dir, 'delighted.csv');
    const year = new Date().getUTCFullYear();
    await writeFile(
      file,
      [
        'score,comment,email,created_at',
        `9,"Great, fast",ann@example.com,${year - 3}-05-01T10:00:00Z`,
        `3,,bob@example.com,${Math.floor(Date.now() / 1000) - 86400}`,
        `11,out of range,cat@example.com,${year - 1}-01-01`,
        'ten,not a number,dan@example.com,2024-01-01',
        `7,too old,eve@example.com,${year - 7}-01-01`,
      ].join('\n'),
    );
    const args = [
      'import',
      file,
      '--endpoint',
      inject('collector').url,
      '--secret',
      site.secretKey,
      '--survey',
      'delighted',
    ];
    const first = await heard(...args);
    expect(first.stdout).toContain('5 rows: 2 accepted, 0 duplicates, 3 rejected');
    expect(first.code).toBe(0);
    expect(answers(site.id)).toEqual({ n: 2, rolled: 2 });
    const rejects = await readFile(join(dir, 'delighted.rejected.csv'), 'utf8');
    expect(rejects.split('\r\n').filter(Boolean)).toEqual([
      'score,comment,email,created_at,rejected_because',
      expect.stringMatching(/^11,out of range,cat@example.com,.*score/),
      expect.stringMatching(/^ten,not a number,.*score: a whole number is needed$/),
      expect.stringMatching(/^7,too old,.*ts: ts must be at most 5 years old/),
    ]);

    const second = await heard(...args);
    expect(second.stdout).toContain('5 rows: 0 accepted, 2 duplicates, 3 rejected');
    expect(answers(site.id)).toEqual({ n: 2, rolled: 2 });
  });

  it("re-imports Heard's own export into another site, ids kept", async () => {
    const from = await newSite('from');
    const to = await newSite('to');
    const { url } = inject('collector');
    const now = Date.now();
    const ids = [crypto.randomUUID(), crypto.randomUUID()];
    await fetch(`${url}/v1/batch`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${from.secretKey}` },
      body: JSON.stringify({
        answers: [
          {
            id: ids[0],
            kind: 'csat',
            score: 4,
            scale: [1, 5],
            userId: 'u1',
            comment: '=1+1',
            traits: { plan: 'pro' },
            ts: now - 5000,
          },
          { id: ids[1], kind: 'nps', score: 10, scale: [0, 10], anonymousId: 'a1', ts: now - 4000 },
        ],
      }),
    });
    const csv = await (
      await fetch(`${url}/v1/export?format=csv`, { headers: { Authorization: `Bearer ${from.secretKey}` } })
    ).text();
    const dir = await mkdtemp(join(tmpdir(), 'heard-import-'));
    await writeFile(join(dir, 'export.csv'), csv);
    const result = await heard('import', join(dir, 'export.csv'), '--site', url, '--secret', to.secretKey);
    expect(result.stdout).toContain('2 rows: 2 accepted, 0 duplicates, 0 rejected');
    expect(
      queryD1('SELECT id, kind, score, comment, traits FROM answers WHERE site_id = ? ORDER BY ts', to.id),
    ).toEqual([
      { id: ids[0], kind: 'csat', score: 4, comment: '=1+1', traits: JSON.stringify({ plan: 'pro' }) },
      { id: ids[1], kind: 'nps', score: 10, comment: null, traits: null },
    ]);
  });

  it('says how to use it, and exits 2, when the file, endpoint or key is missing', async () => {
    const result = await heard('import', 'x.csv');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('heard import <file.csv>');
  });
});
