import { SCALES } from './constants';
import { uuidV5 } from './segment';

/**
 * Parses CSV text (RFC 4180: quoted cells with doubled quotes and line breaks, CRLF or LF,
 * a BOM ignored) into rows of cells. Blank lines are skipped.
 * @example parseCsv('a,b\r\n"x, y",2') // [['a', 'b'], ['x, y', '2']]
 */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const endRow = () => {
    row.push(cell);
    if (row.length > 1 || row[0] !== '') rows.push(row);
    row = [];
    cell = '';
  };
  for (let i = 0; i < source.length; i++) {
    const char = source[i];
    if (quoted) {
      if (char === '"' && source[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (char === '"') quoted = false;
      else cell += char;
    } else if (char === '"' && cell === '') quoted = true;
    else if (char === ',') {
      row.push(cell);
      cell = '';
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && source[i + 1] === '\n') i++;
      endRow();
    } else cell += char;
  }
  if (cell !== '' || row.length > 0) endRow();
  return rows;
}

/** Namespace of ids made for imported rows that bring none (UUIDv5), so a re-import dedupes. */
export const IMPORT_NAMESPACE = 'b1c4a7e2-93d5-4f0a-8e6b-2a7d9c3f5e11';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;
// The export prefixes cells a spreadsheet would run as a formula with an apostrophe (csvCell).
const unescapeCell = (cell: string) => (/^'[=+\-@\t\r]/.test(cell) ? cell.slice(1) : cell);
const column = (name: string) =>
  name
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_|_$/g, '');

/** A time cell: epoch ms, epoch seconds (Delighted), or an ISO 8601 date. */
export function importTime(cell: string): number | undefined {
  const text = cell.trim();
  if (/^\d+(\.\d+)?$/.test(text)) {
    const n = Number(text);
    return n < 1e11 ? Math.round(n * 1000) : Math.round(n);
  }
  const ms = Date.parse(text);
  return Number.isFinite(ms) ? ms : undefined;
}

const json = (cell: string | undefined) => {
  if (!cell) return undefined;
  try {
    const value: unknown = JSON.parse(cell);
    return value && typeof value === 'object' && !Array.isArray(value) ? value : undefined;
  } catch {
    return undefined;
  }
};

/** One CSV row as an answer for `POST /v1/batch`, or why it cannot be one. */
export type ImportedRow = { answer: Record<string, unknown> } | { issues: { path: string; message: string }[] };

/** Options of {@link answersFromCsv}. */
export interface CsvImportOptions {
  /** The kind of rows that do not say (a Delighted file is one survey): `nps` by default. */
  kind?: 'nps' | 'csat' | 'ces';
  /** A survey id for rows that do not say. */
  survey?: string;
}

/**
 * Reads a CSV of past answers, either Heard's own export (`id, time, ts, kind, survey, score,
 * scale_min, scale_max, …`) or a Delighted-style file (`score, comment, email, created_at`,
 * email as the user id). Each row keeps its place (`row`: 1 is the first after the header).
 * Rows without a UUID id get one made from their content, so importing a file twice stores
 * each answer once.
 * @example await answersFromCsv('score,comment,email,created_at\n9,Great,a@x.io,1714557600')
 */
export async function answersFromCsv(
  text: string,
  options: CsvImportOptions = {},
): Promise<{ header: string[]; rows: { row: number; cells: string[]; result: ImportedRow }[] }> {
  const [head = [], ...body] = parseCsv(text);
  const header = head.map(column);
  const rows = await Promise.all(
    body.map(async (cells, i) => ({ row: i + 1, cells, result: await answerFromCells(header, cells, options) })),
  );
  return { header: head, rows };
}

async function answerFromCells(header: string[], cells: string[], options: CsvImportOptions): Promise<ImportedRow> {
  const get = (...names: string[]) => {
    for (const name of names) {
      const at = header.indexOf(name);
      const cell = at >= 0 ? cells[at] : undefined;
      if (cell !== undefined && cell.trim() !== '') return unescapeCell(cell.trim());
    }
    return undefined;
  };
  const issues: { path: string; message: string }[] = [];
  const kind = (get('kind') ?? options.kind ?? 'nps').toLowerCase();
  if (kind !== 'nps' && kind !== 'csat' && kind !== 'ces')
    issues.push({ path: 'kind', message: `unknown kind ${kind}` });
  const scoreText = get('score', 'rating');
  const score = scoreText !== undefined && /^-?\d+$/.test(scoreText) ? Number(scoreText) : undefined;
  if (score === undefined) issues.push({ path: 'score', message: 'a whole number is needed' });
  const timeText = get('ts', 'time', 'created_at', 'created', 'date', 'timestamp');
  const ts = timeText !== undefined ? importTime(timeText) : undefined;
  if (ts === undefined) issues.push({ path: 'ts', message: 'a time (ISO 8601 or epoch) is needed' });
  const userId = get('user_id', 'email', 'person_email', 'customer_id');
  const anonymousId = get('anonymous_id');
  if (!userId && !anonymousId) issues.push({ path: 'userId', message: 'a user_id, email or anonymous_id is needed' });
  if (issues.length > 0) return { issues };

  const usual = SCALES[kind as 'nps'][0] as readonly [number, number];
  const lo = get('scale_min');
  const hi = get('scale_max');
  const given = get('id', 'response_id');
  const id =
    given && UUID.test(given)
      ? given.toLowerCase()
      : await uuidV5(
          `${given ?? ''}|${kind}|${score}|${ts}|${userId ?? ''}|${anonymousId ?? ''}|${get('comment') ?? ''}`,
          IMPORT_NAMESPACE,
        );
  const traits = json(get('traits'));
  const props = json(get('props'));
  const direction = get('direction');
  const survey = get('survey') ?? options.survey;
  const comment = get('comment');
  const url = get('url');
  const locale = get('locale');
  return {
    answer: {
      id,
      kind,
      score,
      scale: lo !== undefined && hi !== undefined ? [Number(lo), Number(hi)] : [...usual],
      ...(direction ? { direction } : {}),
      ...(survey ? { survey } : {}),
      ...(comment ? { comment } : {}),
      ...(userId ? { userId } : {}),
      ...(anonymousId ? { anonymousId } : {}),
      ...(traits ? { traits } : {}),
      ...(props ? { props } : {}),
      ...(url ? { url } : {}),
      ...(locale ? { locale } : {}),
      ts,
    },
  };
}
