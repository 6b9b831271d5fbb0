// How the dashboard writes numbers. The browser tests format the API's values with these same
// functions, so the page and the API are compared figure for figure.

/** Whether a figure is there to show: not null, undefined, NaN or infinite. */
const known = (value: number | null | undefined): value is number => value != null && Number.isFinite(value);

/** A score or share with a fixed number of decimals, or an en dash when there is none. */
export function num(value: number | null | undefined, digits = 0): string {
  if (!known(value)) return '–';
  const fixed = value.toFixed(digits);
  return fixed === `-${(0).toFixed(digits)}` ? (0).toFixed(digits) : fixed;
}

/** From this magnitude on, figures are written short: 12.4k, 1.23M, 45.6B, 5T. */
export const COMPACT_FROM = 10_000;
const SHORT = new Intl.NumberFormat('en-US', { notation: 'compact', maximumSignificantDigits: 3 });

/**
 * A large figure in three significant digits and a unit (k, M, B, T), so no figure the API
 * can send (values are bounded, see docs/security.md) is wider than a dozen characters. Past
 * a million trillion it is written as a power of ten. The exact value goes in a title (`exact`).
 * @example compact(12_449) // '12.4k'
 */
export function compact(value: number): string {
  return Math.abs(value) >= 1e18 ? value.toExponential(2).replace('e+', 'e') : SHORT.format(value).replace('K', 'k');
}

/** A figure in full, for the title of its short form: 12,449 or 1,234.57. */
export const exact = (value: number) => value.toLocaleString('en-US', { maximumFractionDigits: 2 });

/** A count, rounded, with thousands separators (en-US, so tests and screenshots read the same everywhere); 10,000 and more short. */
export const count = (value: number | null | undefined) => money(known(value) ? Math.round(value) : value);

/** Money, in the unit the revenue events carry: two decimals at most, 10,000 and more short. */
export function money(value: number | null | undefined): string {
  if (!known(value)) return '–';
  return Math.abs(value) >= COMPACT_FROM ? compact(value) : exact(value);
}

/** A 95% interval as "lo – hi". */
export function interval(ci: readonly [number, number] | null | undefined, digits = 0): string {
  return ci ? `${num(ci[0], digits)} – ${num(ci[1], digits)}` : '–';
}

/** A fraction 0–1 (every rate in the API is one) as a percentage. */
export function percent(value: number | null | undefined, digits = 1): string {
  if (!known(value)) return '–';
  return `${num(value * 100, digits)}%`;
}

/** A signed change, "+3.2" or "−1.0". */
export function signed(value: number | null | undefined, digits = 1): string {
  if (!known(value)) return '–';
  const text = num(Math.abs(value), digits);
  return value > 0 && text !== num(0, digits) ? `+${text}` : value < 0 && text !== num(0, digits) ? `−${text}` : text;
}

/** A p-value to three decimals; below 0.001 as "p < 0.001", never "p = 0.000". */
export function pValue(p: number): string {
  return p < 0.001 ? 'p < 0.001' : `p = ${num(p, 3)}`;
}

/** A duration in milliseconds in the largest unit that keeps it readable. */
export function duration(ms: number | null | undefined): string {
  if (!known(ms)) return '–';
  const hours = ms / 3_600_000;
  if (hours < 1) return `${num(ms / 60_000, 0)} min`;
  if (hours < 48) return `${num(hours, 1)} h`;
  return `${num(hours / 24, 1)} d`;
}

/** The digits a metric's score is shown with: NPS and CSAT in whole points, CES to two decimals. */
export const scoreDigits = (metric: string) => (metric === 'ces' ? 2 : metric === 'csat' ? 1 : 0);

/** A UTC date as YYYY-MM-DD. */
export const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** A timestamp as a short UTC date and time. */
export const when = (ms: number) => new Date(ms).toISOString().slice(0, 16).replace('T', ' ');
