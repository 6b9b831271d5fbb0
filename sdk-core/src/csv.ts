/** Characters that make a spreadsheet read a cell as a formula (plus tab and CR, which some also treat so). */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * One CSV cell per RFC 4180: quoted when it holds a comma, quote or line break, quotes doubled.
 * Cells that a spreadsheet would run as a formula (`=`, `+`, `-`, `@`) get a leading `'`,
 * except plain numbers, which stay numbers.
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
