import type { Answer, Display, Event, Kind, Props } from '@heard/core';

/**
 * Colours, radius and font of the widget, as CSS values. Each key becomes a custom property
 * on the widget's host: `accent` → `--heard-accent`, `bgDark` → `--heard-bg-dark`.
 */
export interface Theme {
  accent?: string;
  bg?: string;
  fg?: string;
  /** Secondary text and borders. */
  muted?: string;
  /** Text on the accent colour. */
  onAccent?: string;
  radius?: string;
  font?: string;
  accentDark?: string;
  bgDark?: string;
  fgDark?: string;
  mutedDark?: string;
  onAccentDark?: string;
  /** `auto` (the default) follows prefers-color-scheme; `light` and `dark` force one. */
  mode?: 'light' | 'dark' | 'auto';
}

/** Every text the widget shows. Built in for en, es, fr, de, pt, ja, ar, he; any can be overridden. */
export interface Strings {
  nps: string;
  npsLo: string;
  npsHi: string;
  csat: string;
  csatLo: string;
  csatHi: string;
  /** CES on the 1–7 agreement scale (higher = easier). */
  ces: string;
  cesLo: string;
  cesHi: string;
  /** CES on the 1–5 effort scale (lower = easier). */
  effort: string;
  effortLo: string;
  effortHi: string;
  /** NPS follow-up questions by band: 0–6, 7–8, 9–10. */
  detractor: string;
  passive: string;
  promoter: string;
  /** CSAT follow-up questions by band: the low, middle and high (satisfied) end of the scale. */
  csatLow: string;
  csatMiddle: string;
  csatHigh: string;
  /** CES follow-up questions by band, in the scale's direction: `cesHigh` is the easy end. */
  cesLow: string;
  cesMiddle: string;
  cesHigh: string;
  send: string;
  thanks: string;
  close: string;
}

/** The score bands a follow-up text can depend on: NPS's three, and low / middle / high for CSAT and CES. */
export type Band = 'detractor' | 'passive' | 'promoter' | 'low' | 'middle' | 'high';

/** Where the popover sits. Under 480 px wide every position becomes a bottom sheet. */
export type Position = 'bottom-right' | 'bottom-left' | 'bottom-center' | 'top-right' | 'top-left';

/** How the points of the scale look. */
export type ScaleDisplay = 'numbers' | 'stars' | 'faces';

/** Options of `init()`; the script tag fills them from its data- attributes. */
export interface InitOptions {
  /** The site's public key, `pk_…`. */
  site: string;
  /** The collector's origin; the script tag's own origin by default. */
  endpoint?: string;
  user?: string;
  /**
   * Proves `user` when the site requires identity verification: hex HMAC-SHA256 of the user id
   * under the site's identity secret, computed by your server; `data-user-hash`.
   */
  userHash?: string;
  /** A BCP 47 tag; otherwise `<html lang>`, then the browser's language. */
  locale?: string;
  /** Overrides of the built-in texts, in whatever locale is in use. */
  strings?: Partial<Strings>;
  theme?: Theme;
  /** A CSP nonce for the widget's <style> where constructable stylesheets are unavailable. */
  nonce?: string;
  /** Also honour Do Not Track (Global Privacy Control is always honoured); `data-respect-dnt`. */
  respectDoNotTrack?: boolean;
}

/** Options of `ask()`; configured surveys pass the same options. */
export interface AskOptions {
  question?: string;
  survey?: string;
  /** `[1, 3]`, `[1, 5]` or `[1, 7]` for CSAT; `[1, 5]` (effort) or `[1, 7]` (agreement) for CES. */
  scale?: [number, number];
  /** The texts at the two ends of the scale. */
  labels?: [string, string];
  thanks?: string;
  /**
   * The open-text question after the score, asked by default with the built-in text of the
   * score's band. One text for every score, or a text per band (missing bands use the built-in
   * text); `false` asks none. Overrides the survey's and the site's setting.
   */
  followUp?: boolean | string | Partial<Record<Band, string>>;
  display?: ScaleDisplay;
  position?: Position;
  /** An element (or its CSS selector) to render into instead of the popover. */
  target?: Element | string;
  /** Move keyboard focus into the question; by default only when a user gesture opened it. */
  focus?: boolean;
}

/** What `on()` listeners receive. */
export interface HeardEvents {
  shown: { kind: Kind; survey?: string };
  answered: { answer: Answer };
  dismissed: { kind: Kind; survey?: string };
  error: { error: unknown };
}
export type HeardEventName = keyof HeardEvents;

/** What the lazily loaded UI chunk gets to render one question. */
export interface PromptSpec {
  kind: Kind;
  scale: [number, number];
  lowerBetter: boolean;
  display: ScaleDisplay;
  question: string;
  labels: [string, string];
  thanks: string;
  send: string;
  close: string;
  lang: string;
  dir: 'ltr' | 'rtl';
  theme: Theme;
  position: Position;
  focus: boolean;
  nonce?: string;
  target?: Element;
  /** Records the score; resolves to the follow-up question for it, if there is one. */
  onAnswer(score: number): Promise<string | undefined>;
  onComment(comment: string): void;
  onDismiss(): void;
}

/** A locale's file (`locales/<lang>.ts`, loaded beside the UI chunk): its texts and the question's logic. */
export interface LocaleModule {
  default: Strings;
  show(ui: UiModule, host: PromptHost): () => void;
}

/** The UI chunk's interface. */
export interface UiModule {
  mount(spec: PromptSpec): () => void;
}

export type { Kind, Props };

/** What `show()` needs from the client that asked. */
export interface PromptHost {
  init: InitOptions;
  /** nps, csat or ces. */
  kind: string;
  ask: AskOptions;
  focus: boolean;
  /** The resolved locale, and the built-in language whose texts these are. */
  locale: string;
  lang: string;
  texts: Strings;
  who(): { userId?: string; anonymousId: string };
  traits(): Props | undefined;
  send(list: 'answers' | 'events' | 'displays', item: Answer | Event | Display): void;
  /** Calls back with whether the site asks the follow-up, once its settings are known. */
  siteFollowUp(callback: (on: boolean) => void): void;
  emit<E extends HeardEventName>(event: E, payload: HeardEvents[E]): void;
}
