// How the dashboard writes numbers. The browser tests format the API's values with these same
// functions, so the page and the API are compared figure for figure.

/** A score or share with a fixed number of decimals, or an en dash when there is none. */
export function num(value: number | null | undefined, digits = 0): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '–';
  const fixed = value.toFixed(digits);
  return fixed === `-${(0).toFixed(digits)}` ? (0).toFixed(digits) : fixed;
}

/** From this magnitude on, figures are written short: 1.23M, 45.6B, 5T. */
export const COMPACT_FROM = 1_000_000;
const UNITS: readonly [number, string][] = [
  [1e12, 'T'],
  [1e9, 'B'],
  [1e6, 'M'],
];

/**
 * A large figure in at most four significant digits and a unit (k is never needed: below a
 * million a figure is written in full), so no figure the API can send (values are bounded, see
 * SECURITY.md) is wider than a dozen characters. Past a million trillion it is written as
 * a power of ten.
 * @example compact(5_000_000_000_000) // '5T'
 */
export function compact(value: number): string {
  const magnitude = Math.abs(value);
  if (magnitude >= 1e18) return value.toExponential(2).replace('e+', 'e');
  const [size, unit] = UNITS.find(([size]) => magnitude >= size) ?? [1, ''];
  const scaled = value / size;
  const digits = Math.abs(scaled) >= 100 ? 1 : 2;
  return `${Number(scaled.toFixed(digits))}${unit}`;
}

/** A count with thousands separators (en-US, so tests and screenshots read the same everywhere); a million and more short. */
export function count(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '–';
  return Math.abs(value) >= COMPACT_FROM ? compact(value) : Math.round(value).toLocaleString('en-US');
}

/** Money, in the unit the revenue events carry: two decimals at most, a million and more short. */
export function money(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '–';
  return Math.abs(value) >= COMPACT_FROM ? compact(value) : value.toLocaleString('en-US', { maximumFractionDigits: 2 });
}

/** A 95% interval as "lo – hi". */
export function interval(ci: readonly [number, number] | null | undefined, digits = 0): string {
  return ci ? `${num(ci[0], digits)} – ${num(ci[1], digits)}` : '–';
}

/** A fraction 0–1 (every rate in the API is one) as a percentage. */
export function percent(value: number | null | undefined, digits = 1): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '–';
  return `${num(value * 100, digits)}%`;
}

/** A signed change, "+3.2" or "−1.0". */
export function signed(value: number | null | undefined, digits = 1): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '–';
  const text = num(Math.abs(value), digits);
  return value > 0 && text !== num(0, digits) ? `+${text}` : value < 0 && text !== num(0, digits) ? `−${text}` : text;
}

/** A duration in milliseconds in the largest unit that keeps it readable. */
export function duration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return '–';
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
