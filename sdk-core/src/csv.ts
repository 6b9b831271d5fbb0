/**
 * A cell a spreadsheet may read as a formula: after any run of characters it skips or does not
 * show (whitespace, a BOM, zero-width and word-joining characters), one of `= + - @` in ASCII,
 * full-width (`＝ ＋ － ＠`) or small (`﹦ ﹢ ﹣ ﹫`) form, or a tab or CR (which some treat so).
 */
const FORMULA_START =
  /^[\s\uFEFF\u200B-\u200D\u2060\u180E]*[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20\uFE66\uFE62\uFE63\uFE6B]/;

/**
 * One CSV cell per RFC 4180: quoted when it holds a comma, quote or line break, quotes doubled.
 * Cells that a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, also behind invisible
 * characters or in full-width form) get a leading `'`, except plain numbers, which stay numbers.
 * @example csvCell('=HYPERLINK("x")') // "'=HYPERLINK(""x"")"
 */
export function csvCell(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  let text = value;
  if (FORMULA_START.test(text) && !/^[+-]?\d+(\.\d+)?$/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A CSV record ending in CRLF, as RFC 4180 asks. */
export function csvRow(values: readonly (string | number | boolean | null | undefined)[]): string {
  return `${values.map(csvCell).join(',')}\r\n`;
}
