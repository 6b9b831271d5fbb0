// The few figures the Surveys list writes, as format.ts writes them. A copy, because a chunk
// that imports format.ts moves it (and every name the overview takes from it) into a chunk the
// first screen shares, past its budget; figures.test.ts holds the two to the same output.

/** A score with a fixed number of decimals (format.ts `num`). */
export const fixed = (value: number | null, digits = 0) => {
  if (value === null || !Number.isFinite(value)) return '–';
  const text = value.toFixed(digits);
  return text === `-${(0).toFixed(digits)}` ? (0).toFixed(digits) : text;
};

/** A 95% interval as "lo – hi" (format.ts `interval`). */
export const range = (ci: readonly [number, number] | null, digits = 0) =>
  ci ? `${fixed(ci[0], digits)} – ${fixed(ci[1], digits)}` : '–';

/** A rate 0–1 as a percentage with one decimal (format.ts `percent`). */
export const rate = (value: number) => `${fixed(value * 100, 1)}%`;

/** Decimals of a kind's score (format.ts `scoreDigits`). */
export const digitsOf = (kind: string) => (kind === 'ces' ? 2 : kind === 'csat' ? 1 : 0);

/** A UTC time to the minute (format.ts `when`). */
export const at = (ms: number) => new Date(ms).toISOString().slice(0, 16).replace('T', ' ');
