import type { Answer, Kind, Props } from '@heard/core';

/** Colours, radius and font of the widget, as CSS values. */
export interface Theme {
  accent?: string;
  bg?: string;
  fg?: string;
  radius?: string;
  font?: string;
  /** `auto` follows prefers-color-scheme. */
  mode?: 'light' | 'dark' | 'auto';
}

/** Options of `init()`; the script tag fills them from its data- attributes. */
export interface InitOptions {
  /** The site's public key, `pk_…`. */
  site: string;
  /** The collector's origin; the script tag's own origin by default. */
  endpoint?: string;
  user?: string;
  locale?: string;
  theme?: Theme;
  /** A CSP nonce for the widget's <style> where constructable stylesheets are unavailable. */
  nonce?: string;
  /** Also honour Do Not Track (Global Privacy Control is always honoured); `data-respect-dnt`. */
  respectDoNotTrack?: boolean;
}

/** Options of `ask()`. */
export interface AskOptions {
  question?: string;
  survey?: string;
  scale?: [number, number];
  labels?: [string, string];
  thanks?: string;
  /** An element (or its CSS selector) to render into instead of the popover. */
  target?: Element | string;
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
  question: string;
  labels: [string, string];
  thanks: string;
  closeLabel: string;
  dir: 'ltr' | 'rtl';
  theme: Theme;
  nonce?: string;
  target?: Element;
  onAnswer(score: number): void;
  onDismiss(): void;
}

/** The UI chunk's interface. */
export interface UiModule {
  mount(spec: PromptSpec): () => void;
}

export type { Kind, Props };
