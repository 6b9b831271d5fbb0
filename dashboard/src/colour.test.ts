import { describe, expect, it } from 'vitest';
import { changeTone, contrast, heatCell, luminance, MIN_CONTRAST, over } from './colour';
import css from './dashboard.css?raw';

/** The theme's colours as dashboard.css sets them: light in `:root`, dark under prefers-color-scheme. */
function themes() {
  const dark = css.slice(css.indexOf('@media (prefers-color-scheme: dark)'));
  const read = (block: string) => {
    const get = (name: string) => new RegExp(`--${name}:\\s*(#[0-9a-f]{6})`, 'i').exec(block)?.[1] ?? '';
    return { accent: get('accent'), panel: get('panel'), text: get('text') };
  };
  return { light: read(css), dark: read(dark) };
}

describe('WCAG 2.2 contrast', () => {
  it('computes relative luminance and contrast as the standard does', () => {
    expect(luminance('#000000')).toBe(0);
    expect(luminance('#ffffff')).toBeCloseTo(1, 12);
    // 0x80 = 128: (128/255 + 0.055) / 1.055, to the power 2.4.
    expect(luminance('#808080')).toBeCloseTo(0.21586, 5);
    expect(contrast('#ffffff', '#000000')).toBeCloseTo(21, 12);
    expect(contrast('#000000', '#ffffff')).toBeCloseTo(21, 12);
    expect(contrast('#777777', '#777777')).toBe(1);
    // White on the old green badge: the 3.3:1 axe reported.
    expect(contrast('#ffffff', '#16a34a')).toBeCloseTo(3.3, 2);
  });

  it('lays one colour over another as the browser composites it', () => {
    expect(over('#000000', '#ffffff', 0.5)).toBe('#808080');
    expect(over('#4f46e5', '#ffffff', 0)).toBe('#ffffff');
    expect(over('#4f46e5', '#ffffff', 1)).toBe('#4f46e5');
  });

  it('writes a cell in the theme’s text colour, or in its panel colour where the text would not read', () => {
    const light = ['#4f46e5', '#ffffff', '#1a1d23'] as const;
    expect(heatCell(0, ...light)).toEqual({ background: '#ffffff', color: '#1a1d23' });
    // 85% of the accent over white: #6962e9, where the dark text would not read and white does.
    expect(heatCell(1, ...light)).toEqual({ background: '#6962e9', color: '#ffffff' });
    // Where neither reads (dark text 4.40:1, white 3.83:1 at 89% here), black does.
    expect(heatCell(0.89, ...light)).toEqual({ background: '#7a73eb', color: '#000000' });
    // And white where nothing else does: a mid-dark accent over a mid-dark panel.
    expect(heatCell(1, '#203040', '#304050', '#404040').color).toBe('#ffffff');
  });

  it('gives every retention cell, light and dark, text of at least 4.5:1 on its own background', () => {
    for (const [name, theme] of Object.entries(themes())) {
      expect(theme.accent, name).toMatch(/^#/);
      for (let i = 0; i <= 100; i++) {
        const cell = heatCell(i / 100, theme.accent, theme.panel, theme.text);
        expect(contrast(cell.color, cell.background), `${name} ${i}%`).toBeGreaterThanOrEqual(MIN_CONTRAST);
      }
    }
  });
});

describe('what a change’s colour means', () => {
  it('is better when the score moves the way it reads, worse the other way, neutral when not significant', () => {
    expect(changeTone('nps', 'higher-better', 13, true)).toBe('better');
    expect(changeTone('nps', 'higher-better', -13, true)).toBe('worse');
    expect(changeTone('nps', 'higher-better', 13, false)).toBe('neutral');
    expect(changeTone('csat', 'higher-better', -4.2, true)).toBe('worse');
    // CSAT % counts the satisfied end on any scale: a rise is better even on a lower-better scale.
    expect(changeTone('csat', 'lower-better', 4.2, true)).toBe('better');
    // CES on the 1–5 effort scale: less effort is better.
    expect(changeTone('ces', 'lower-better', -0.4, true)).toBe('better');
    expect(changeTone('ces', 'lower-better', 0.4, true)).toBe('worse');
    expect(changeTone('ces', 'higher-better', 0.4, true)).toBe('better');
    expect(changeTone('ces', 'lower-better', 0, true)).toBe('neutral');
  });
});
