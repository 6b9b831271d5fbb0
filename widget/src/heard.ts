import type { Answer, Display, Event, Kind, Outbox, Props } from '@heard/core';
import { startDelivery } from './delivery';
import { lazyTargeting, type TargetingModule } from './lazy';
import { safeStorage } from './storage';
import type { AskOptions, HeardEventName, HeardEvents, InitOptions, UiModule } from './types';

const SCALES: Record<Kind, [number, number]> = { nps: [0, 10], csat: [1, 5], ces: [1, 7] };
const QUESTIONS: Record<Kind, [string, [string, string]]> = {
  nps: ['How likely are you to recommend us to a friend or colleague?', ['Not at all likely', 'Extremely likely']],
  csat: ['How satisfied are you?', ['Very unsatisfied', 'Very satisfied']],
  ces: ['It was easy to get what I needed done.', ['Strongly disagree', 'Strongly agree']],
};

type Listener = (payload: unknown) => void;

/** The public calls of Heard, shared by the script-tag loader and the npm entry. */
export interface Heard {
  init(options: InitOptions): void;
  identify(userId: string, traits?: Props): void;
  track(name: string, props?: Props, extra?: { entity?: string; value?: number }): void;
  ask(kindOrSurvey: string, options?: AskOptions): void;
  reset(): void;
  on<E extends HeardEventName>(event: E, callback: (payload: HeardEvents[E]) => void): () => void;
}

/**
 * Builds a Heard client. The UI chunk is loaded through `loadUi` only when a question is
 * due; survey targeting through `loadTargeting`, after `init`. Every public call catches
 * and reports through `on('error')`: it never throws into the host page.
 */
export function createHeard(loadUi: () => Promise<UiModule>, loadTargeting: () => Promise<TargetingModule>): Heard {
  const storage = safeStorage();
  const listeners: Partial<Record<HeardEventName, Listener[]>> = {};
  let options: InitOptions | undefined;
  let userId: string | undefined;
  let traits: Props | undefined;
  let unmount: (() => void) | undefined;
  let outbox: Outbox | undefined;

  const emit = <E extends HeardEventName>(event: E, payload: HeardEvents[E]) => {
    for (const listener of listeners[event] ?? []) {
      try {
        listener(payload);
      } catch {}
    }
  };
  const guard =
    <A extends unknown[]>(call: (...args: A) => void) =>
    (...args: A) => {
      try {
        call(...args);
      } catch (error) {
        emit('error', { error });
      }
    };

  const anonymousId = () => {
    let id = storage.getItem('heard:aid');
    if (!id) {
      id = crypto.randomUUID();
      storage.setItem('heard:aid', id);
    }
    return id;
  };
  const who = () => (userId ? { userId, anonymousId: anonymousId() } : { anonymousId: anonymousId() });

  const send = (body: { answers?: Answer[]; events?: Event[]; displays?: Display[] }) => {
    if (!outbox) throw new Error('heard: call init({ site }) first');
    for (const list of ['answers', 'events', 'displays'] as const)
      for (const item of body[list] ?? []) outbox.add(list, item);
  };

  // Surveys and targeting (targeting.ts, a lazy chunk): triggers, fatigue and displays hook in here.
  const targeting = lazyTargeting(loadTargeting, {
    storage,
    session: safeStorage('sessionStorage'),
    who,
    sendDisplays: (displays) => send({ displays }),
    show: (kind, ask) => heard.ask(kind, ask),
    error: (error) => emit('error', { error }),
  });
  listeners.shown = [(prompt) => targeting.shown(prompt as HeardEvents['shown'])];
  listeners.dismissed = [(prompt) => targeting.dismissed(prompt as HeardEvents['dismissed'])];

  const heard: Heard = {
    init: guard((init: InitOptions) => {
      options = { ...init, endpoint: (init.endpoint ?? '').replace(/\/$/, '') };
      if (init.user) userId = init.user;
      outbox ??= startDelivery(init.site, options.endpoint as string, (error) => emit('error', { error }));
      targeting.start(options.site, options.endpoint as string, options.locale);
    }),
    identify: guard((id: string, newTraits?: Props) => {
      const changed = id !== userId;
      userId = id;
      traits = { ...traits, ...newTraits };
      targeting.identify(newTraits, changed);
    }),
    track: guard((name: string, props?: Props, extra?: { entity?: string; value?: number }) => {
      send({
        events: [{ id: crypto.randomUUID(), name, ...who(), ...(props && { props }), ...extra, ts: Date.now() }],
      });
      targeting.track(name, props);
    }),
    ask: guard((kindOrSurvey: string, ask: AskOptions = {}) => {
      if (!options) throw new Error('heard: call init({ site }) first');
      // A configured survey: the targeting chunk resolves it and comes back here with its kind.
      if (!(kindOrSurvey in SCALES)) return targeting.ask(kindOrSurvey, ask);
      const kind = (kindOrSurvey in SCALES ? kindOrSurvey : 'nps') as Kind;
      const scale = ask.scale ?? SCALES[kind];
      const [question, labels] = QUESTIONS[kind];
      const target = typeof ask.target === 'string' ? document.querySelector(ask.target) : ask.target;
      const survey = ask.survey;
      loadUi()
        .then((ui) => {
          unmount?.();
          unmount = ui.mount({
            kind,
            scale,
            question: ask.question ?? question,
            labels: ask.labels ?? labels,
            thanks: ask.thanks ?? 'Thank you!',
            closeLabel: 'Close',
            dir: 'ltr',
            theme: options?.theme ?? {},
            ...(options?.nonce ? { nonce: options.nonce } : {}),
            ...(target ? { target } : {}),
            onAnswer(score) {
              const answer: Answer = {
                id: crypto.randomUUID(),
                kind,
                score,
                scale,
                ...(survey ? { survey } : {}),
                ...who(),
                ...(traits ? { traits } : {}),
                url: location.href,
                locale: options?.locale ?? document.documentElement.lang ?? navigator.language,
                ts: Date.now(),
              };
              send({ answers: [answer] });
              emit('answered', { answer });
            },
            onDismiss() {
              emit('dismissed', { kind, ...(survey ? { survey } : {}) });
            },
          });
          emit('shown', { kind, ...(survey ? { survey } : {}) });
        })
        .catch((error: unknown) => emit('error', { error }));
    }),
    reset: guard(() => {
      userId = undefined;
      traits = undefined;
      storage.removeItem('heard:aid');
      unmount?.();
      targeting.reset();
    }),
    on(event, callback) {
      const list: Listener[] = listeners[event] ?? [];
      listeners[event] = list;
      list.push(callback as Listener);
      return () => {
        list.splice(list.indexOf(callback as Listener), 1);
      };
    },
  };
  return heard;
}
