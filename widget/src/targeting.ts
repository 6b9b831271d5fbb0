import type { ActiveSurvey, ActiveSurveys, Contact, Kind, Props } from '@heard/core';
import { due, eligible, matchUrl, type Occurrence, type Situation } from '@heard/core/rules';
import type { safeStorage } from './storage';
import type { AskOptions } from './types';

type Store = Pick<ReturnType<typeof safeStorage>, 'getItem' | 'setItem' | 'removeItem'>;

/** What targeting needs from the client around it. */
export interface TargetingHost {
  /** localStorage: anonymous fatigue state that outlives the session. */
  storage: Store;
  /** sessionStorage: the active surveys and whether this session had a prompt. */
  session: Store;
  who(): { userId?: string; anonymousId: string };
  /** Shows a question through the normal ask path. */
  show(kind: Kind, options: AskOptions): void;
  error(error: unknown): void;
}

const read = <T>(store: Store, key: string): T | undefined => {
  try {
    return JSON.parse(store.getItem(key) ?? 'null') ?? undefined;
  } catch {
    return undefined;
  }
};

/**
 * Decides when to ask: fetches the site's active surveys at most once per session, fires
 * triggers on `track()` and page views (following single-page-app route changes), waits out
 * delays and cancels a delayed survey whose page no longer matches, and keeps the fatigue
 * record (displays here, and on the collector for identified users).
 */
export function createTargeting(host: TargetingHost) {
  const { storage, session } = host;
  let config: { site: string; endpoint: string; locale?: string } | undefined;
  let active: ActiveSurveys | undefined;
  let loading: Promise<void> | undefined;
  let waiting: Occurrence[] = [];
  let traits: Props | undefined;
  let pending: { survey: ActiveSurvey; timer: ReturnType<typeof setTimeout> } | undefined;
  let href = '';
  let prompt: Contact | undefined;
  let started = false;

  const now = () => Date.now();
  const localContacts = (): Contact[] => read(storage, 'heard:c') ?? [];
  const situation = (): Situation => {
    const who = host.who();
    const firstSeen = Math.min(Number(storage.getItem('heard:f')) || now(), active?.firstSeen ?? Infinity);
    const signedUp = Math.min(Number(storage.getItem('heard:su')) || Infinity, active?.signedUp ?? Infinity);
    return {
      url: location.href,
      userKey: who.userId ?? who.anonymousId,
      ...(traits ? { traits } : {}),
      ...(config?.locale ? { locale: config.locale } : {}),
      firstSeen,
      ...(signedUp < Infinity ? { signedUp } : {}),
      contacts: [...(active?.contacts ?? []), ...localContacts()],
      cooldownDays: active?.cooldownDays ?? 7,
      promptedThisSession: session.getItem('heard:p') === '1',
    };
  };

  const cancel = () => {
    if (pending) clearTimeout(pending.timer);
    pending = undefined;
  };

  const occur = (occurrence: Occurrence) => {
    if (!active) {
      waiting.push(occurrence);
      return;
    }
    if (pending) return;
    const survey = due(active.surveys, occurrence, situation(), now());
    if (!survey) return;
    const show = () => {
      pending = undefined;
      // Re-checked when the delay ends: the page, the session cap and the cool-downs may have changed.
      if (!eligible(survey, situation(), now())) return;
      // Claimed before the UI chunk loads, so nothing else slips in while it does.
      session.setItem('heard:p', '1');
      ask(survey, {});
    };
    if (survey.targeting.delaySeconds > 0)
      pending = { survey, timer: setTimeout(show, survey.targeting.delaySeconds * 1000) };
    else show();
  };

  const pageview = () => {
    if (location.href === href) return;
    href = location.href;
    if (pending && !matchUrl(pending.survey.targeting.pages, href)) cancel();
    occur({ type: 'pageview' });
  };

  let generation = 0;
  const load = () => {
    const mine = ++generation;
    if (!config) return Promise.resolve();
    const who = host.who();
    const key = `${config.site}|${who.userId ?? ''}|${config.locale ?? ''}`;
    const cached = read<{ k: string; d: ActiveSurveys }>(session, 'heard:a');
    if (cached?.k === key) {
      active = cached.d;
      return Promise.resolve();
    }
    const query = new URLSearchParams({ site: config.site });
    if (who.userId) query.set('user', who.userId);
    if (config.locale) query.set('locale', config.locale);
    return fetch(`${config.endpoint}/v1/surveys/active?${query}`)
      .then((response) => {
        if (!response.ok) throw new Error(`heard: active surveys answered ${response.status}`);
        return response.json() as Promise<ActiveSurveys>;
      })
      .then((data) => {
        // An older request (before identify or reset) must not overwrite a newer one.
        if (mine !== generation) return;
        active = data;
        session.setItem('heard:a', JSON.stringify({ k: key, d: data }));
      });
  };

  const refresh = () => {
    loading = load()
      .catch(host.error)
      .then(() => {
        active ??= { surveys: [], contacts: [], cooldownDays: 7 };
        const replay = waiting;
        waiting = [];
        for (const occurrence of replay) occur(occurrence);
      });
  };

  /** A survey's kind, scale, texts and follow-up, under the caller's explicit options. */
  const ask = (survey: ActiveSurvey, options: AskOptions) => {
    const { question, labels, thanks } = survey.texts;
    // The survey's own follow-up switch or text; without either, the site's setting decides.
    const followUp =
      survey.appearance.followUp === false ? false : (survey.texts.followUp ?? survey.appearance.followUp);
    host.show(survey.kind, {
      question,
      scale: survey.scale,
      ...(labels ? { labels } : {}),
      ...(thanks ? { thanks } : {}),
      ...(followUp !== undefined ? { followUp } : {}),
      ...(survey.appearance.display ? { display: survey.appearance.display } : {}),
      ...options,
      survey: survey.id,
    });
  };

  return {
    /** Starts targeting once `init` and the queued calls after it have run. */
    start(site: string, endpoint: string, locale: string | undefined) {
      const lang = locale || document.documentElement.lang || navigator.language;
      config = { site, endpoint, ...(lang ? { locale: lang } : {}) };
      if (!storage.getItem('heard:f')) storage.setItem('heard:f', String(now()));
      queueMicrotask(() => {
        started = true;
        refresh();
        pageview();
        const nav = (window as { navigation?: EventTarget }).navigation;
        if (nav) nav.addEventListener('currententrychange', pageview);
        else {
          for (const method of ['pushState', 'replaceState'] as const) {
            const original = history[method];
            history[method] = function (this: History, ...args: Parameters<History['pushState']>) {
              original.apply(this, args);
              pageview();
            };
          }
          addEventListener('popstate', pageview);
        }
      });
    },
    /** A new user (or none): their surveys and cross-device fatigue are fetched again. */
    identify(newTraits: Props | undefined, changed: boolean) {
      traits = { ...traits, ...newTraits };
      if (changed && started) {
        active = undefined;
        refresh();
      }
    },
    track(name: string, props?: Props) {
      if (name === 'signed_up' && !storage.getItem('heard:su')) storage.setItem('heard:su', String(now()));
      occur({ type: 'event', name, ...(props ? { props } : {}) });
    },
    /** `ask(surveyId)`: shows a configured survey now, whatever its triggers and fatigue say. */
    ask(id: string, options: AskOptions) {
      // One turn later, so a `start` queued just before has begun loading.
      Promise.resolve()
        .then(() => loading)
        .then(() => {
          const survey = active?.surveys.find((s) => s.id === id);
          if (!survey) throw new Error(`heard: no active survey ${id}`);
          ask(survey, options);
        })
        .catch(host.error);
    },
    /** Calls back with whether the site asks a follow-up after a score, once its active surveys are known. */
    followUp(callback: (on: boolean) => void) {
      Promise.resolve()
        .then(() => loading)
        .then(() => callback(active?.followUp !== false));
    },
    shown({ survey }: { kind: Kind; survey?: string }) {
      cancel();
      session.setItem('heard:p', '1');
      prompt = { survey: survey ?? '', ts: now(), dismissed: false };
      storage.setItem('heard:c', JSON.stringify([...localContacts().slice(-49), prompt]));
    },
    dismissed(_prompt: { kind: Kind; survey?: string }) {
      const contacts = localContacts();
      const last = contacts.at(-1);
      if (last && prompt && last.ts === prompt.ts && last.survey === prompt.survey) last.dismissed = true;
      storage.setItem('heard:c', JSON.stringify(contacts));
    },
    reset() {
      cancel();
      traits = undefined;
      session.removeItem('heard:a');
      storage.removeItem('heard:c');
      storage.removeItem('heard:f');
      storage.removeItem('heard:su');
      if (started) {
        active = undefined;
        refresh();
      }
    },
  };
}

export type Targeting = ReturnType<typeof createTargeting>;
