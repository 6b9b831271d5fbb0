import type { Direction, Kind } from '@heard/core';
import type { AskOptions, Band, PromptSpec, Strings } from './types';

const LANGS = ['en', 'es', 'fr', 'de', 'pt', 'ja', 'ar', 'he'];
const SCALES: Record<Kind, string> = { nps: '0,10', csat: '1,5 1,3 1,7', ces: '1,7 1,5' };

/** The score band of an answer: NPS by its own cut-offs, other scales by thirds of their range. */
function band(kind: Kind, [lo, hi]: [number, number], direction: Direction, score: number): Band {
  if (kind === 'nps') return score > 8 ? 'promoter' : score > 6 ? 'passive' : 'detractor';
  let good = (score - lo) / (hi - lo);
  if (direction === 'lower-better') good = 1 - good;
  return good >= 0.75 ? 'promoter' : good < 0.5 ? 'detractor' : 'passive';
}

/** Turns `ask()` options and the locale's texts into what the UI chunk renders. */
export const prompt = {
  /** The locale: `init({ locale })`, then `<html lang>`, then the browser; `lang` is a built-in one. */
  locale(preferred?: string): { locale: string; lang: string } {
    const locale = (preferred || document.documentElement.lang || navigator.language || 'en').slice(0, 35);
    const lang = locale.slice(0, 2).toLowerCase();
    return { locale, lang: LANGS.includes(lang) ? lang : 'en' };
  },

  spec(kindOrSurvey: string, ask: AskOptions, texts: Strings, lang: string) {
    const kind = (kindOrSurvey in SCALES ? kindOrSurvey : 'nps') as Kind;
    const scale = ask.scale ?? (kind === 'nps' ? [0, 10] : kind === 'csat' ? [1, 5] : [1, 7]);
    if (!SCALES[kind].split(' ').includes(scale.join())) throw new Error(`heard: ${kind} has no scale ${scale}`);
    const direction: Direction = kind === 'ces' && scale[1] === 5 ? 'lower-better' : 'higher-better';
    const key = direction === 'lower-better' ? 'effort' : kind;
    const target = typeof ask.target === 'string' ? document.querySelector(ask.target) : ask.target;
    if (ask.target && !target) throw new Error(`heard: no element ${ask.target}`);
    const spec: Omit<PromptSpec, 'theme' | 'focus' | 'onAnswer' | 'onComment' | 'onDismiss'> = {
      kind,
      scale,
      lowerBetter: direction === 'lower-better',
      display: ask.display ?? 'numbers',
      question: ask.question ?? texts[key],
      labels: ask.labels ?? [texts[`${key}Lo`], texts[`${key}Hi`]],
      thanks: ask.thanks ?? texts.thanks,
      send: texts.send,
      close: texts.close,
      lang,
      dir: lang === 'ar' || lang === 'he' ? 'rtl' : 'ltr',
      position: ask.position ?? 'bottom-right',
      ...(target ? { target } : {}),
    };
    return { spec, kind, scale, direction };
  },

  /** The follow-up question for a score, if `ask()` wanted one. */
  followUp(
    ask: AskOptions,
    texts: Strings,
    kind: Kind,
    scale: [number, number],
    direction: Direction,
    score: number,
  ): string | undefined {
    const followUp = ask.followUp;
    if (!followUp) return undefined;
    const which = band(kind, scale, direction, score);
    return typeof followUp === 'string' ? followUp : (followUp !== true && followUp[which]) || texts[which];
  },
};
