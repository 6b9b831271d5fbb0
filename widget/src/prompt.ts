import type { Answer, Display } from '@heard/core';
import {
  band,
  DEFAULT_SCALE,
  type Direction,
  defaultDirection,
  KINDS,
  type Kind,
  type Band as ScoreBand,
  scaleFits,
} from '@heard/core/constants';
import type { AskOptions, Band, PromptHost, PromptSpec, Strings, UiModule } from './types';

/** The follow-up texts NPS names its bands by. */
const NPS_BANDS: Record<ScoreBand, Band> = { low: 'detractor', middle: 'passive', high: 'promoter' };

/** Turns `ask()` options and the locale's texts into what the UI chunk renders. */
export function spec(kindOrSurvey: string, ask: AskOptions, texts: Strings, lang: string) {
  const kind = (KINDS as readonly string[]).includes(kindOrSurvey) ? (kindOrSurvey as Kind) : 'nps';
  const scale = ask.scale ?? ([...DEFAULT_SCALE[kind]] as [number, number]);
  if (!scaleFits(kind, scale)) throw new Error(`heard: ${kind} has no scale ${scale}`);
  const direction = defaultDirection(kind, scale);
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
}

/**
 * The follow-up question for a score, or none: asked unless `ask()` (which carries a survey's
 * own setting) or, when it says nothing, the site turned it off.
 */
export function followUp(
  ask: AskOptions,
  site: boolean,
  texts: Strings,
  kind: Kind,
  scale: [number, number],
  direction: Direction,
  score: number,
): string | undefined {
  const option = ask.followUp ?? site;
  if (!option) return undefined;
  const scoreBand = band(kind, score, scale, direction);
  const which: Band = kind === 'nps' ? NPS_BANDS[scoreBand] : scoreBand;
  const key = (kind === 'nps' ? which : kind + which.replace(/^./, (c) => c.toUpperCase())) as keyof Strings;
  return typeof option === 'string' ? option : (option !== true && option[which]) || texts[key];
}

/**
 * Shows one question through the UI chunk and records what the user does with it: the display,
 * the score as soon as it is chosen, the comment as an update of the same answer, a dismissal.
 * Travels in each locale's file (see locales/), not in the always-loaded loader: only a page
 * that shows a question needs it. Answers the UI's unmount.
 */
export function show(ui: UiModule, host: PromptHost): () => void {
  const { init, ask, send, emit } = host;
  const texts: Strings = { ...host.texts, ...init.strings };
  const { spec: question, kind, scale, direction } = spec(host.kind, ask, texts, host.lang);
  const survey = ask.survey;
  const tag = survey ? { survey } : {};
  const display = (action: Display['action']) =>
    send('displays', { id: crypto.randomUUID(), kind, action, ...tag, ...host.who(), ts: Date.now() });
  let answer: Answer | undefined;
  let asked: Promise<string | undefined> | undefined;
  let shown = false;
  // The site's setting comes with its active surveys, fetched while the question shows; a
  // collector that does not answer in time leaves the default.
  const site =
    ask.followUp === undefined
      ? new Promise<boolean>((resolve) => {
          host.siteFollowUp(resolve);
          setTimeout(resolve, 3000, true);
        })
      : Promise.resolve(true);
  // Recorded in the task after the first render, which stays short (storage, the sending half's
  // fetch and the listeners run here instead), and always before an answer or a dismissal.
  const record = () => {
    if (shown) return;
    shown = true;
    display('shown');
    emit('shown', { kind, ...tag });
  };
  const unmount = ui.mount({
    ...question,
    theme: init.theme ?? {},
    focus: host.focus,
    ...(init.nonce ? { nonce: init.nonce } : {}),
    onAnswer(score) {
      // A second choice while the first waits for the site's setting changes nothing.
      if (asked) return asked;
      record();
      const traits = host.traits();
      answer = {
        id: crypto.randomUUID(),
        kind,
        score,
        scale,
        direction,
        ...tag,
        ...host.who(),
        ...(traits ? { traits } : {}),
        url: location.href,
        locale: host.locale,
        ts: Date.now(),
      };
      send('answers', answer);
      emit('answered', { answer });
      asked = site.then((on) => followUp(ask, on, texts, kind, scale, direction, score));
      return asked;
    },
    onComment(comment) {
      if (!answer) return;
      // The same answer id again: the collector fills in the comment of the stored answer.
      answer = { ...answer, comment: comment.slice(0, 5000) };
      send('answers', answer);
      emit('answered', { answer });
    },
    onDismiss() {
      // Closed while the chosen score waited for the site's setting: answered, not dismissed.
      if (answer) return;
      record();
      display('dismissed');
      emit('dismissed', { kind, ...tag });
    },
  });
  setTimeout(record);
  return unmount;
}
