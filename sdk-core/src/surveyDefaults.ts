// Survey defaults and the widget's languages: zod-free, for the widget, the worker and the
// dashboard's editor (which imports this file alone, so the dashboard's first screen does not
// carry it). Not re-exported by constants.ts for that reason; the package index has it.

/** What a survey's targeting is without a value of its own (ZTargeting's defaults; the editor starts from them). */
export const TARGETING_DEFAULTS = {
  delaySeconds: 0,
  sample: 1,
  recontactDays: 90,
  dismissDays: 14,
} as const;

/** The widget's built-in locales: each has every text of the widget (widget/src/locales/), and a file beside its UI chunk. */
export const WIDGET_LOCALES = ['en', 'es', 'fr', 'de', 'pt', 'ja', 'ar', 'he'] as const;

/** Languages written right to left: the widget mirrors its layout for them. */
export const RTL_LANGUAGES = ['ar', 'he'] as const;
