import { band } from '@heard/core/constants';
import { describe, expect, it } from 'vitest';
import en from './locales/en';
import { followUp } from './prompt';

// The widget's follow-up bands are core's band(): the cut-offs the prompt relies on.
describe('band', () => {
  it('cuts NPS at 6 and 8', () => {
    expect([0, 6, 7, 8, 9, 10].map((score) => band('nps', score, [0, 10], 'higher-better'))).toEqual([
      'low',
      'low',
      'middle',
      'middle',
      'high',
      'high',
    ]);
  });

  it('reads CSAT and CES in their scale’s direction: 1 on the 1–5 effort scale is the easy end', () => {
    expect([1, 2, 3, 4, 5].map((score) => band('csat', score, [1, 5], 'higher-better'))).toEqual([
      'low',
      'low',
      'middle',
      'high',
      'high',
    ]);
    expect([1, 2, 3, 4, 5].map((score) => band('ces', score, [1, 5], 'lower-better'))).toEqual([
      'high',
      'high',
      'middle',
      'low',
      'low',
    ]);
    expect([1, 7].map((score) => band('ces', score, [1, 7], 'higher-better'))).toEqual(['low', 'high']);
  });
});

describe('followUp', () => {
  const nps4 = (ask: Parameters<typeof followUp>[0], site: boolean) =>
    followUp(ask, site, en, 'nps', [0, 10], 'higher-better', 4);

  it('is asked by default, with the built-in text of the score’s band', () => {
    expect(nps4({}, true)).toBe(en.detractor);
    expect(followUp({}, true, en, 'csat', [1, 5], 'higher-better', 3)).toBe(en.csatMiddle);
    expect(followUp({}, true, en, 'ces', [1, 5], 'lower-better', 5)).toBe(en.cesLow);
    expect(followUp({}, true, en, 'ces', [1, 7], 'higher-better', 7)).toBe(en.cesHigh);
  });

  it('is off with followUp: false, or when the site turned it off and the call says nothing', () => {
    expect(nps4({ followUp: false }, true)).toBeUndefined();
    expect(nps4({}, false)).toBeUndefined();
    // The call (or the survey it carries) is more specific than the site.
    expect(nps4({ followUp: 'Why?' }, false)).toBe('Why?');
  });

  it('takes a text per band, the built-in one for a band left out', () => {
    expect(nps4({ followUp: { detractor: 'What went wrong?' } }, true)).toBe('What went wrong?');
    expect(followUp({ followUp: { detractor: 'x' } }, true, en, 'csat', [1, 5], 'higher-better', 1)).toBe(en.csatLow);
    expect(followUp({ followUp: { low: 'What let you down?' } }, true, en, 'csat', [1, 5], 'higher-better', 1)).toBe(
      'What let you down?',
    );
  });
});
