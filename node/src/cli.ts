import { readFile, writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { csvRow } from '@heard/core/csv';
import { answersFromCsv } from '@heard/core/csvImport';
import { Heard, type HeardProblem } from './heard';
import { fetchArchive, replayArchive } from './replay';

const USAGE = `heard import <file.csv> --endpoint <collector URL> --secret <sk_…> [options]

Imports past NPS/CSAT/CES answers through POST /v1/batch: Heard's own export, or a
Delighted-style file (score, comment, email, created_at). Re-running a file changes nothing.

  --endpoint, --site  the collector, e.g. https://heard.example.com (env HEARD_ENDPOINT)
  --secret            a secret key of the site (env HEARD_SECRET_KEY)
  --kind              nps | csat | ces, for rows that do not say (default nps)
  --survey            a survey id for rows that do not say
  --rejects           where the refused rows go (default <file>.rejected.csv)

heard replay <file.ndjson | YYYY-MM-DD …> --endpoint <collector URL> --secret <sk_…>

Re-ingests the R2 archive (NDJSON, as GET /v1/archive/{day} serves it; a day is fetched from
the collector, a file is read) through POST /v1/batch. Exactly once by item id.`;

/** What one import did. */
export interface ImportSummary {
  rows: number;
  accepted: number;
  duplicates: number;
  rejected: number;
  rejectsFile?: string;
}

/**
 * Imports a CSV of answers into a site, printing progress to `progress` (a terminal line) and
 * writing refused rows, with the reason in a last column, to `rejects`.
 * @example await importAnswers('answers.csv', { endpoint: 'https://heard.example.com', secretKey: 'sk_…' })
 */
export async function importAnswers(
  file: string,
  options: {
    endpoint: string;
    secretKey: string;
    kind?: 'nps' | 'csat' | 'ces';
    survey?: string;
    rejects?: string;
    progress?: (line: string) => void;
  },
): Promise<ImportSummary> {
  const { header, rows } = await answersFromCsv(await readFile(file, 'utf8'), {
    ...(options.kind ? { kind: options.kind } : {}),
    ...(options.survey ? { survey: options.survey } : {}),
  });
  const refused: { row: number; cells: string[]; why: string }[] = [];
  const rowOfId = new Map<string, { row: number; cells: string[] }>();
  const heard = new Heard({
    secretKey: options.secretKey,
    endpoint: options.endpoint,
    flushAt: 1000,
    maxQueue: Math.max(10_000, rows.length),
    flushIntervalMs: 0,
    onError: (problem: HeardProblem) => {
      for (const { item, issues } of problem.items) {
        const why = issues?.map((i) => `${i.path}: ${i.message}`).join('; ') ?? `${problem.reason}: ${problem.message}`;
        refused.push({ ...(rowOfId.get(item.id) ?? { row: 0, cells: [] }), why });
      }
      if (problem.items.length === 0) refused.push({ row: 0, cells: [], why: problem.message });
    },
  });
  for (const { row, cells, result } of rows) {
    if ('issues' in result) {
      refused.push({ row, cells, why: result.issues.map((i) => `${i.path}: ${i.message}`).join('; ') });
      continue;
    }
    rowOfId.set(result.answer.id as string, { row, cells });
    heard.answer(result.answer as unknown as Parameters<Heard['answer']>[0]);
  }
  const total = rows.length;
  const bar = () => {
    const done = heard.stats.accepted + heard.stats.duplicates + refused.length;
    const share = total === 0 ? 1 : Math.min(1, done / total);
    const width = 30;
    const filled = Math.round(share * width);
    options.progress?.(
      `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${Math.round(share * 100)}% ${done}/${total}`,
    );
  };
  const ticker = setInterval(bar, 250);
  await heard.shutdown({ timeoutMs: 10 * 60_000 });
  clearInterval(ticker);
  bar();
  const summary: ImportSummary = {
    rows: total,
    accepted: heard.stats.accepted,
    duplicates: heard.stats.duplicates,
    rejected: refused.length,
  };
  if (refused.length > 0) {
    // In the file's order, whichever side refused them.
    refused.sort((a, b) => a.row - b.row);
    const target = options.rejects ?? file.replace(/(\.csv)?$/i, '.rejected.csv');
    await writeFile(
      target,
      csvRow([...header, 'rejected_because']) + refused.map((r) => csvRow([...r.cells, r.why])).join(''),
    );
    summary.rejectsFile = target;
  }
  return summary;
}

/** `heard import …`: the command line. Exits 1 when nothing could be imported, 2 on bad usage. */
export async function main(argv: string[]): Promise<number> {
  let parsed: ReturnType<typeof parse>;
  const parse = () =>
    parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        endpoint: { type: 'string' },
        site: { type: 'string' },
        secret: { type: 'string' },
        kind: { type: 'string' },
        survey: { type: 'string' },
        rejects: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  try {
    parsed = parse();
  } catch (error) {
    console.error(`${String((error as Error).message)}\n\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  const [command, file] = positionals;
  const endpoint = values.endpoint ?? values.site ?? process.env.HEARD_ENDPOINT;
  const secretKey = values.secret ?? process.env.HEARD_SECRET_KEY;
  if (command === 'replay' && endpoint && secretKey && positionals.length > 1) {
    let failed = false;
    for (const source of positionals.slice(1)) {
      const text = /^\d{4}-\d{2}-\d{2}$/.test(source)
        ? await fetchArchive(source, { endpoint, secretKey })
        : await readFile(source, 'utf8');
      const r = await replayArchive(text, { endpoint, secretKey });
      console.log(
        `${source}: ${r.items} items: ${r.accepted} accepted, ${r.duplicates} duplicates, ${r.rejected} rejected`,
      );
      failed ||= r.items > 0 && r.accepted + r.duplicates === 0;
    }
    return failed ? 1 : 0;
  }
  const kind = values.kind as 'nps' | 'csat' | 'ces' | undefined;
  if (
    values.help ||
    command !== 'import' ||
    !file ||
    !endpoint ||
    !secretKey ||
    (kind && !/^(nps|csat|ces)$/.test(kind))
  ) {
    console.error(USAGE);
    return values.help ? 0 : 2;
  }
  const tty = process.stderr.isTTY;
  const summary = await importAnswers(file, {
    endpoint,
    secretKey,
    ...(kind ? { kind } : {}),
    ...(values.survey ? { survey: values.survey } : {}),
    ...(values.rejects ? { rejects: values.rejects } : {}),
    progress: (line) => (tty ? process.stderr.write(`\r${line}`) : undefined),
  });
  if (tty) process.stderr.write('\n');
  console.log(
    `${summary.rows} rows: ${summary.accepted} accepted, ${summary.duplicates} duplicates, ${summary.rejected} rejected` +
      (summary.rejectsFile ? ` (written to ${summary.rejectsFile})` : ''),
  );
  return summary.rows > 0 && summary.accepted + summary.duplicates === 0 ? 1 : 0;
}

process.exitCode = await main(process.argv.slice(2));
