// Colours the dashboard computes rather than picks: text that stays readable on a background
// it does not know in advance (WCAG 2.2 relative luminance and contrast), and what a change's
// colour means.
import { type Direction, type Kind, scoreDirection } from '@heard/core/constants';

/** WCAG 2.2 AA: normal text needs this contrast against its background. */
export const MIN_CONTRAST = 4.5;

/** A #rrggbb colour's red, green and blue, 0–255. */
const rgb = (hex: string) => [1, 3, 5].map((i) => Number.parseInt(hex.slice(i, i + 2), 16));

/** A #rrggbb colour's relative luminance, 0 (black) to 1 (white), as WCAG 2.2 defines it. */
export function luminance(hex: string): number {
  // biome-ignore lint/suspicious/noAssignInExpressions: the shortest form, and every byte is the first screen's
  const [r, g, b] = rgb(hex).map((c) => ((c /= 255) <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  return 0.2126 * (r as number) + 0.7152 * (g as number) + 0.0722 * (b as number);
}

/**
 * The contrast ratio of two #rrggbb colours, 1 to 21.
 * @example contrast('#ffffff', '#000000') // 21
 */
export function contrast(a: string, b: string): number {
  const x = luminance(a) + 0.05;
  const y = luminance(b) + 0.05;
  return x > y ? x / y : y / x;
}

/** `top` laid over `bottom` at `alpha` (0–1), as the browser composites it, as #rrggbb. */
export function over(top: string, bottom: string, alpha: number): string {
  const under = rgb(bottom) as [number, number, number];
  const mixed = rgb(top).map((c, i) => Math.round(under[i as 0] + (c - under[i as 0]) * alpha));
  return `#${mixed.map((c) => c.toString(16).padStart(2, '0')).join('')}`;
}

/**
 * A retention heat-map cell: the share retained as the accent's strength over the panel, and
 * the first text colour that reads on that background at 4.5:1: the theme's text, its panel
 * colour (light on a strong cell), else black or white (one of them always reaches 4.58:1).
 */
export function heatCell(share: number, accent: string, panel: string, text: string) {
  const background = over(accent, panel, share * 0.85);
  const color = [text, panel, '#000000'].find((c) => contrast(c, background) >= MIN_CONTRAST);
  return { background, color: color ?? '#ffffff' };
}

/** What a change says: better, worse, or not significant (shown neutral). */
export type Tone = 'better' | 'worse' | 'neutral';

/**
 * The tone of a change of a metric's score: only a significant change has a colour, and it is
 * good news when the score moves the way it reads (a CES mean on the 1–5 effort scale improves
 * when it falls).
 * @example changeTone('ces', 'lower-better', -0.4, true) // 'better'
 */
export function changeTone(kind: Kind, direction: Direction | null, difference: number, significant: boolean): Tone {
  if (!significant || difference === 0) return 'neutral';
  const better = scoreDirection(kind, direction) === 'higher-better' ? difference > 0 : difference < 0;
  return better ? 'better' : 'worse';
}
