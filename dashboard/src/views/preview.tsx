// The editor's live preview: the widget's own UI chunk and locale file, as the collector serves
// them (heard-ui.js, heard-locale.<lang>.js), rendered inline into a frame with the survey's
// texts. Nothing here draws a question: the widget does, through the same show() it uses on a
// customer's page, with a host that records nothing.
import { pickLocale } from '@heard/core/constants';
import { RTL_LANGUAGES, WIDGET_LOCALES } from '@heard/core/surveyDefaults';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { SurveyDraft } from '../surveyForm';

/** The widget's built-in texts of one language (widget/src/types.ts `Strings`). */
export type Strings = Record<string, string>;

/** What the widget's locale file exports (widget/src/types.ts `LocaleModule`). */
interface LocaleModule {
  default: Strings;
  show(ui: unknown, host: unknown): () => void;
}

/** The built-in language whose texts a survey locale gets: `pt-BR` → `pt`, `default` → `en`. */
export const languageOf = (locale: string) => pickLocale(WIDGET_LOCALES, locale) ?? 'en';

const modules = new Map<string, Promise<unknown>>();
/** One of the widget's files from the collector, imported once per page. */
function widgetFile<T>(endpoint: string, file: string): Promise<T> {
  const url = new URL(file, `${endpoint}/`).href;
  if (!modules.has(url)) modules.set(url, import(/* @vite-ignore */ url));
  return modules.get(url) as Promise<T>;
}

/** The widget's built-in texts for a survey locale, once its file is in (undefined before). */
export function useBuiltIn(endpoint: string, locale: string): Strings | undefined {
  const lang = languageOf(locale);
  const [texts, setTexts] = useState<{ lang: string; strings: Strings }>();
  useEffect(() => {
    let current = true;
    widgetFile<LocaleModule>(endpoint, `heard-locale.${lang}.js`)
      .then((m) => current && setTexts({ lang, strings: m.default }))
      .catch(() => {});
    return () => {
      current = false;
    };
  }, [endpoint, lang]);
  return texts?.lang === lang ? texts.strings : undefined;
}

/** The survey's preview in one locale, theme and frame width; picking a score shows its follow-up. */
export function Preview(props: { draft: SurveyDraft; endpoint: string; locales: string[]; siteFollowUp: boolean }) {
  const { draft, locales } = props;
  const [mode, setMode] = useState<'light' | 'dark'>('light');
  const [frame, setFrame] = useState<'desktop' | 'phone'>('desktop');
  const [picked, setPicked] = useState('');
  const [round, setRound] = useState(0);
  const [error, setError] = useState('');
  const locale = locales.includes(picked) ? picked : (locales[0] ?? 'en');
  const target = useRef<HTMLDivElement>(null);
  const texts = draft.texts[locale] ?? { question: '' };
  const lang = languageOf(locale);
  const rtl = (RTL_LANGUAGES as readonly string[]).includes(lang);
  const inputs = JSON.stringify([draft.kind, draft.scale, draft.appearance, texts, mode, locale, frame, round]);

  useEffect(() => {
    const into = target.current;
    if (!into) return;
    let unmount: (() => void) | undefined;
    let current = true;
    Promise.all([
      widgetFile(props.endpoint, 'heard-ui.js'),
      widgetFile<LocaleModule>(props.endpoint, `heard-locale.${lang}.js`),
    ])
      .then(([ui, file]) => {
        if (!current) return;
        setError('');
        const { appearance } = draft;
        // The survey's follow-up as the widget's targeting hands it to ask() (targeting.ts).
        const followUp = appearance.followUp === false ? false : (texts.followUp ?? appearance.followUp);
        unmount = file.show(ui, {
          init: { site: 'preview', theme: { mode } },
          kind: draft.kind,
          ask: {
            scale: draft.scale,
            ...(texts.question ? { question: texts.question } : {}),
            ...(texts.labels ? { labels: texts.labels } : {}),
            ...(texts.thanks ? { thanks: texts.thanks } : {}),
            ...(followUp !== undefined ? { followUp } : {}),
            ...(appearance.display ? { display: appearance.display } : {}),
            target: into,
            focus: false,
          },
          focus: false,
          locale,
          lang,
          texts: file.default,
          who: () => ({ anonymousId: 'preview' }),
          traits: () => undefined,
          send() {},
          siteFollowUp: (callback: (on: boolean) => void) => callback(props.siteFollowUp),
          emit() {},
        });
      })
      .catch(() => current && setError('The widget could not be loaded from the collector.'));
    return () => {
      current = false;
      unmount?.();
    };
  }, [inputs, props.endpoint, props.siteFollowUp]);

  return (
    <section class="preview" aria-labelledby="preview-title" data-mode={mode} data-frame={frame} data-locale={locale}>
      <h3 id="preview-title">Preview</h3>
      <div class="inline">
        <label for="preview-locale">Preview language</label>
        <select id="preview-locale" value={locale} onChange={(e) => setPicked(e.currentTarget.value)}>
          {locales.map((l) => (
            <option key={l} value={l}>
              {l}
            </option>
          ))}
        </select>
        <fieldset class="inline">
          <legend class="sr-only">Theme</legend>
          {(['light', 'dark'] as const).map((m) => (
            <label key={m}>
              <input type="radio" name="preview-mode" checked={mode === m} onChange={() => setMode(m)} />{' '}
              {m === 'light' ? 'Light' : 'Dark'}
            </label>
          ))}
        </fieldset>
        <fieldset class="inline">
          <legend class="sr-only">Screen</legend>
          {(['desktop', 'phone'] as const).map((f) => (
            <label key={f}>
              <input type="radio" name="preview-frame" checked={frame === f} onChange={() => setFrame(f)} />{' '}
              {f === 'desktop' ? 'Desktop' : 'Phone (375 px)'}
            </label>
          ))}
        </fieldset>
        <button type="button" class="ghost" onClick={() => setRound((r) => r + 1)}>
          Show again
        </button>
      </div>
      <p class="muted">Pick a score to see the follow-up question for its band. Nothing is recorded.</p>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      <div class={`frame ${frame} ${mode}`} dir={rtl ? 'rtl' : 'ltr'}>
        <div ref={target} class="stage" data-preview />
      </div>
    </section>
  );
}
