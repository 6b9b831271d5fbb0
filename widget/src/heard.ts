import type { Answer, Display, Event, Outbox, OutboxList, Props } from '@heard/core';
import { pickLocale } from '@heard/core/constants';
import { WIDGET_LOCALES } from '@heard/core/surveyDefaults';
import { type SendModule, startDelivery } from './delivery';
import { lazyTargeting, type TargetingModule } from './lazy';
import { optedOut } from './privacy';
import { safeStorage } from './storage';
import type { AskOptions, HeardEventName, HeardEvents, InitOptions, LocaleModule, UiModule } from './types';

type Listener = (payload: unknown) => void;

/** The public calls of Heard, shared by the script-tag loader and the npm entry. */
export interface Heard {
  init(options: InitOptions): void;
  identify(userId: string, traits?: Props, options?: { userHash?: string }): void;
  track(name: string, props?: Props, extra?: { entity?: string; value?: number }): void;
  ask(kindOrSurvey: string, options?: AskOptions): void;
  reset(): void;
  on<E extends HeardEventName>(event: E, callback: (payload: HeardEvents[E]) => void): () => void;
}

/**
 * Builds a Heard client. The UI chunk is loaded through `loadUi` only when a question is
 * due, beside one locale's file (its texts and the question's logic) through `loadLocale`;
 * survey targeting through `loadTargeting`, after `init`; the sending half of delivery
 * through `loadSend`, once there is something to send. Every public call catches and
 * reports through `on('error')`: it never throws into the host page.
 */
export function createHeard(
  loadUi: () => Promise<UiModule>,
  loadLocale: (lang: string) => Promise<LocaleModule>,
  loadTargeting: () => Promise<TargetingModule>,
  loadSend: () => Promise<SendModule>,
): Heard {
  const storage = safeStorage();
  const listeners: Partial<Record<HeardEventName, Listener[]>> = {};
  let options: InitOptions | undefined;
  let userId: string | undefined;
  let userHash: string | undefined;
  let traits: Props | undefined;
  let unmount: (() => void) | undefined;
  let outbox: Pick<Outbox, 'add'> | undefined;

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
  // The hash travels with the user id on every item: the collector verifies each one on its own.
  const who = () => ({ ...(userId && { userId, ...(userHash && { userHash }) }), anonymousId: anonymousId() });

  const send = (list: OutboxList, item: Answer | Event | Display) => {
    if (optedOut(options)) return;
    if (!outbox) throw Error('heard: call init({ site }) first');
    outbox.add(list, item);
  };

  // Surveys and targeting (targeting.ts, a lazy chunk): triggers and fatigue hook in here. Displays
  // are sent by the ask path below, once each, whether or not a configured survey asked.
  const targeting = lazyTargeting(loadTargeting, {
    storage,
    session: safeStorage('sessionStorage'),
    who,
    show: (kind, ask) => heard.ask(kind, ask),
    error: (error) => emit('error', { error }),
  });
  listeners.shown = [(shown) => targeting.shown(shown as HeardEvents['shown'])];
  listeners.dismissed = [(dismissed) => targeting.dismissed(dismissed as HeardEvents['dismissed'])];

  const heard: Heard = {
    init: guard((init: InitOptions) => {
      options = { ...init, endpoint: (init.endpoint ?? '').replace(/\/$/, '') };
      if (init.user) {
        userId = init.user;
        userHash = init.userHash;
      }
      // A visitor who opted out (GPC, or DNT where the site respects it): no outbox, no survey fetch.
      if (optedOut(options)) return;
      outbox ??= startDelivery(
        init.site,
        options.endpoint as string,
        storage,
        (error) => emit('error', { error }),
        loadSend,
      );
      targeting.start(options.site, options.endpoint as string, options.locale);
    }),
    identify: guard((id: string, newTraits?: Props, verified?: { userHash?: string }) => {
      const changed = id !== userId;
      // Another user's hash never carries over; the same user keeps theirs unless given a new one.
      if (changed || verified?.userHash) userHash = verified?.userHash;
      userId = id;
      traits = { ...traits, ...newTraits };
      targeting.identify(newTraits, changed);
    }),
    track: guard((name: string, props?: Props, extra?: { entity?: string; value?: number }) => {
      if (optedOut(options)) return;
      send('events', { id: crypto.randomUUID(), name, ...who(), ...(props && { props }), ...extra, ts: Date.now() });
      targeting.track(name, props);
    }),
    ask: guard((kindOrSurvey: string, ask: AskOptions = {}) => {
      if (!options) throw Error('heard: call init({ site }) first');
      if (optedOut(options)) return;
      // A configured survey: the targeting chunk resolves it and comes back here with its kind.
      if (!/^(nps|csat|ces)$/.test(kindOrSurvey)) return targeting.ask(kindOrSurvey, ask);
      const init = options;
      // Focus moves in only when the user opened the question: ask() runs inside their click or key press.
      const gesture = (window as { event?: { isTrusted: boolean; type: string } }).event;
      const focus = ask.focus ?? (!!gesture?.isTrusted && /^(click|key)/.test(gesture.type));
      // The locale: init({ locale }), then <html lang>, then the browser; its file is a built-in one.
      const locale = (init.locale || document.documentElement.lang || navigator.language || 'en').slice(0, 35);
      const lang = pickLocale(WIDGET_LOCALES, locale) ?? 'en';
      Promise.all([loadUi(), loadLocale(lang)])
        // The first render in a task of its own, not the one that evaluated the chunks (and parsed
        // the widget's CSS): on a busy CPU each stays short instead of adding up to a long task.
        // (A callback of ours, not `resolve` itself, so long-animation-frame entries name heard.js.)
        .then((chunks) => new Promise<typeof chunks>((resolve) => setTimeout(() => resolve(chunks))))
        .then(([ui, prompt]) => {
          unmount?.();
          unmount = prompt.show(ui, {
            init,
            kind: kindOrSurvey,
            ask,
            focus,
            locale,
            lang,
            texts: prompt.default,
            who,
            traits: () => traits,
            send,
            siteFollowUp: targeting.followUp,
            emit,
          });
        })
        .catch((error: unknown) => emit('error', { error }));
    }),
    reset: guard(() => {
      userId = userHash = undefined;
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
