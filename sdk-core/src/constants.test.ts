import { describe, expect, it } from 'vitest';
import {
  BANDS,
  band,
  bandRange,
  DEFAULT_SCALE,
  DIRECTIONS,
  defaultDirection,
  KINDS,
  type Kind,
  pickLocale,
  SCALES,
  type Scale,
  scaleFits,
  scoreDirection,
} from './constants';

/** Every score of a scale with its band, read in the given direction. */
const bands = (kind: Kind, scale: Scale, direction: (typeof DIRECTIONS)[number]) =>
  Array.from({ length: scale[1] - scale[0] + 1 }, (_, i) => band(kind, scale[0] + i, scale, direction));

describe('band', () => {
  it('NPS: detractors 0–6, passives 7–8, promoters 9–10', () => {
    expect(bands('nps', [0, 10], 'higher-better')).toEqual([
      ...Array(7).fill('low'),
      'middle',
      'middle',
      'high',
      'high',
    ]);
  });

  it('CSAT: the top two points are satisfied, the worst two unsatisfied (one on 1–3), in the scale’s direction', () => {
    expect(bands('csat', [1, 5], 'higher-better')).toEqual(['low', 'low', 'middle', 'high', 'high']);
    expect(bands('csat', [1, 5], 'lower-better')).toEqual(['high', 'high', 'middle', 'low', 'low']);
    expect(bands('csat', [1, 3], 'higher-better')).toEqual(['low', 'high', 'high']);
    expect(bands('csat', [1, 7], 'higher-better')).toEqual([
      'low',
      'low',
      'middle',
      'middle',
      'middle',
      'high',
      'high',
    ]);
    expect(bandRange('csat', 'middle', [1, 3], 'higher-better')).toBeNull();
  });

  it('CES: 5–7 easy on 1–7 agreement; 1–2 easy and 4–5 hard on the 1–5 effort scale', () => {
    expect(bands('ces', [1, 7], 'higher-better')).toEqual(['low', 'low', 'middle', 'middle', 'high', 'high', 'high']);
    expect(bands('ces', [1, 5], 'lower-better')).toEqual(['high', 'high', 'middle', 'low', 'low']);
    expect(bands('ces', [1, 5], 'higher-better')).toEqual(['low', 'low', 'middle', 'high', 'high']);
    expect(bandRange('ces', 'low', [1, 5], 'lower-better')).toEqual([4, 5]);
  });

  it('puts every score of every scale in exactly one band, whose range holds it', () => {
    for (const kind of KINDS) {
      for (const scale of SCALES[kind]) {
        for (const direction of DIRECTIONS) {
          for (let score = scale[0]; score <= scale[1]; score++) {
            const holding = BANDS.filter((b) => {
              const range = bandRange(kind, b, scale, direction);
              return range !== null && range[0] <= score && score <= range[1];
            });
            expect(holding, `${kind} ${score} on ${scale} ${direction}`).toEqual([band(kind, score, scale, direction)]);
          }
        }
      }
    }
  });
});

describe('scales', () => {
  it('knows each kind’s scales, its default, and which read lower-better', () => {
    for (const kind of KINDS) expect(scaleFits(kind, DEFAULT_SCALE[kind])).toBe(true);
    expect(scaleFits('csat', [0, 10])).toBe(false);
    expect(defaultDirection('ces', [1, 5])).toBe('lower-better');
    expect(defaultDirection('ces', [1, 7])).toBe('higher-better');
    expect(defaultDirection('csat', [1, 5])).toBe('higher-better');
  });

  it('reads a score in its scale’s direction only for CES: NPS and CSAT % count the good end', () => {
    expect(scoreDirection('ces', 'lower-better')).toBe('lower-better');
    expect(scoreDirection('ces', 'higher-better')).toBe('higher-better');
    expect(scoreDirection('csat', 'lower-better')).toBe('higher-better');
    expect(scoreDirection('nps', 'higher-better')).toBe('higher-better');
    expect(scoreDirection('ces', null)).toBe('higher-better');
  });
});

describe('pickLocale', () => {
  it('takes the exact locale, then its language, case-insensitively', () => {
    expect(pickLocale(['en', 'pt', 'pt-BR'], 'PT-br')).toBe('pt-BR');
    expect(pickLocale(['en', 'pt'], 'pt-BR')).toBe('pt');
    expect(pickLocale(['en', 'fi'], 'fil')).toBeUndefined();
    expect(pickLocale(['en'], undefined)).toBeUndefined();
  });
});
