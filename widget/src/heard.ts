import type { Answer, Event, Kind, Props } from '@heard/core';
import { optedOut } from './privacy';
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
 * due. Every public call catches and reports through `on('error')`: it never throws
 * into the host page.
 */
export function createHeard(loadUi: () => Promise<UiModule>): Heard {
  const storage = safeStorage();
  const listeners: Partial<Record<HeardEventName, Listener[]>> = {};
  let options: InitOptions | undefined;
  let userId: string | undefined;
  let traits: Props | undefined;
  let unmount: (() => void) | undefined;

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

  const send = (body: { answers?: Answer[]; events?: Event[] }) => {
    if (!options) throw new Error('heard: call init({ site }) first');
    if (optedOut(options)) return;
    fetch(`${options.endpoint}/v1/collect`, {
      method: 'POST',
      body: JSON.stringify({ site: options.site, ...body }),
      keepalive: true,
    })
      .then(async (response) => {
        if (!response.ok) emit('error', { error: new Error(`heard: collect answered ${response.status}`) });
      })
      .catch((error: unknown) => emit('error', { error }));
  };

  return {
    init: guard((init: InitOptions) => {
      options = { ...init, endpoint: (init.endpoint ?? '').replace(/\/$/, '') };
      if (init.user) userId = init.user;
    }),
    identify: guard((id: string, newTraits?: Props) => {
      userId = id;
      traits = { ...traits, ...newTraits };
    }),
    track: guard((name: string, props?: Props, extra?: { entity?: string; value?: number }) => {
      if (optedOut(options)) return;
      send({
        events: [{ id: crypto.randomUUID(), name, ...who(), ...(props && { props }), ...extra, ts: Date.now() }],
      });
    }),
    ask: guard((kindOrSurvey: string, ask: AskOptions = {}) => {
      if (!options) throw new Error('heard: call init({ site }) first');
      if (optedOut(options)) return;
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
}
