// The survey editor: every field of the API's survey, in a PM's words. Each change is kept as
// a draft in this tab (so switching views or a failed save loses nothing); the API's 400
// issues appear beside the fields they name.

import type { Filter, SiteSettings, SurveyTexts, Trigger, UrlRule } from '@heard/core';
import {
  BAND_NAMES,
  BANDS,
  bandRange,
  DEFAULT_SCALE,
  defaultDirection,
  type Kind,
  SCALES,
} from '@heard/core/constants';
import { matchUrl } from '@heard/core/rules';
import { WIDGET_LOCALES } from '@heard/core/surveyDefaults';
import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import {
  draftOf,
  filterText,
  filterValue,
  fromLocalInput,
  issuesByPath,
  loadDraft,
  localInput,
  missingTranslations,
  type SurveyDraft,
  saveDraft,
  withDefaults,
} from '../surveyForm';
import { TEMPLATES } from '../templates';
import type { ViewProps } from '../views';
import { languageOf, Preview, useBuiltIn } from './preview';

const KIND_NAMES: Record<Kind, string> = {
  nps: 'NPS: how likely to recommend',
  csat: 'CSAT: how satisfied',
  ces: 'CES: how easy',
};

/** The direction and bands of a scale, said plainly. */
function scaleWords(kind: Kind, scale: [number, number]): string {
  const [lo, hi] = scale;
  if (kind === 'nps') return 'From 0 to 10. Promoters answer 9–10, passives 7–8, detractors 0–6.';
  if (kind === 'csat') return `From ${lo} to ${hi}, higher is more satisfied. Satisfied means the top two points.`;
  return defaultDirection(kind, scale) === 'lower-better'
    ? `Effort from ${lo} to ${hi}: lower is easier (${lo} = very little effort). Easy means ${lo}–${lo + 1}.`
    : `Agreement from ${lo} to ${hi} with a statement like “It was easy to…”: higher is easier (${hi} = strongly agree).`;
}

/** What NPS calls its bands in follow-up texts (the widget's `Band`). */
const NPS_BANDS = { low: 'detractor', middle: 'passive', high: 'promoter' } as const;

const OPS: [Filter['op'], string][] = [
  ['equals', 'is'],
  ['not', 'is not'],
  ['contains', 'contains'],
  ['gt', 'is more than'],
  ['lt', 'is less than'],
  ['in', 'is one of (a, b, …)'],
];
const URL_OPS: [UrlRule['op'], string][] = [
  ['startsWith', 'starts with'],
  ['contains', 'contains'],
  ['exact', 'is exactly'],
  ['regex', 'matches the pattern'],
];
const POSITIONS = ['bottom-right', 'bottom-left', 'top-right', 'top-left', 'center'] as const;

/** The id of a field's input, from its path in the API's body (`targeting.pages.0.value`). */
const idOf = (path: string) => `f-${path.replace(/[^\w-]/g, '_')}`;

type Issues = Record<string, string>;
type Edit = (change: (draft: SurveyDraft) => void) => void;

/** What an input needs to be tied to its field's issue. */
const tie = (issues: Issues, path: string) => ({
  id: idOf(path),
  'aria-invalid': issues[path] ? ('true' as const) : undefined,
  'aria-describedby': issues[path] ? `${idOf(path)}-issue` : undefined,
});

/** A labelled field with the API's issue for it beside it. */
function Field(props: {
  label: string;
  path: string;
  issues: Issues;
  hint?: string;
  for?: string;
  children: ComponentChildren;
}) {
  const issue = props.issues[props.path];
  return (
    <div class="field">
      <label for={props.for ?? idOf(props.path)}>{props.label}</label>
      {props.children}
      {props.hint && <span class="muted hint">{props.hint}</span>}
      {issue && (
        <span class="issue" id={`${idOf(props.path)}-issue`}>
          {issue}
        </span>
      )}
    </div>
  );
}

/** A number box; an empty box is `empty` (null for optional numbers, NaN for the API to refuse). */
const numberOf = (value: string) => (value.trim() === '' ? Number.NaN : Number(value));
/** An optional number's box: empty is null. */
const optionalNumber = (value: string) => (value.trim() === '' ? null : Number(value));

/** Conditions on traits or event properties: key, comparison, value. */
function Filters(props: {
  filters: Filter[];
  path: string;
  issues: Issues;
  noun: string;
  onChange: (f: Filter[]) => void;
}) {
  const { filters, path, issues } = props;
  const set = (index: number, filter: Filter) => props.onChange(filters.map((f, i) => (i === index ? filter : f)));
  return (
    <div class="filters-list">
      {filters.map((filter, index) => {
        const at = `${path}.${index}`;
        return (
          <fieldset class="row group" key={index}>
            <legend class="sr-only">{`${props.noun} ${index + 1}`}</legend>
            <Field label={props.noun} path={`${at}.key`} issues={issues}>
              <input
                {...tie(issues, `${at}.key`)}
                value={filter.key}
                placeholder="plan"
                onInput={(e) => set(index, { ...filter, key: e.currentTarget.value })}
              />
            </Field>
            <Field label="Comparison" path={`${at}.op`} issues={issues}>
              <select
                {...tie(issues, `${at}.op`)}
                value={filter.op}
                onChange={(e) => {
                  const op = e.currentTarget.value as Filter['op'];
                  set(index, { ...filter, op, value: filterValue(op, filterText(filter.value)) });
                }}
              >
                {OPS.map(([op, words]) => (
                  <option key={op} value={op}>
                    {words}
                  </option>
                ))}
              </select>
            </Field>
            <Field label="Value" path={`${at}.value`} issues={issues}>
              <input
                {...tie(issues, `${at}.value`)}
                value={filterText(filter.value)}
                onChange={(e) => set(index, { ...filter, value: filterValue(filter.op, e.currentTarget.value) })}
              />
            </Field>
            <button type="button" class="ghost" onClick={() => props.onChange(filters.filter((_, i) => i !== index))}>
              Remove
              <span class="sr-only">
                {' '}
                {props.noun.toLowerCase()} {index + 1}
              </span>
            </button>
          </fieldset>
        );
      })}
      <button
        type="button"
        class="ghost"
        onClick={() => props.onChange([...filters, { key: '', op: 'equals', value: '' }])}
      >
        Add {props.noun.toLowerCase()}
      </button>
    </div>
  );
}

/** The question, labels, follow-ups and thanks of one locale, with the widget's own as placeholders. */
function Texts(props: { draft: SurveyDraft; edit: Edit; issues: Issues; locale: string; endpoint: string }) {
  const { draft, edit, issues, locale } = props;
  const texts = draft.texts[locale] ?? { question: '' };
  const builtIn = useBuiltIn(props.endpoint, locale) ?? {};
  const key = defaultDirection(draft.kind, draft.scale) === 'lower-better' ? 'effort' : draft.kind;
  const at = `texts.${locale}`;
  const set = (change: (t: SurveyTexts) => void) =>
    edit((d) => {
      d.texts[locale] ??= { question: '' };
      change(d.texts[locale]);
    });
  const follow = texts.followUp;
  const mode = follow === undefined ? 'built-in' : typeof follow === 'string' ? 'one' : 'bands';
  const rtl = languageOf(locale) === 'ar' || languageOf(locale) === 'he';
  const dir = rtl ? 'rtl' : undefined;
  const bandKey = (band: (typeof BANDS)[number]): string => (draft.kind === 'nps' ? NPS_BANDS[band] : band);
  const builtInBand = (band: (typeof BANDS)[number]) =>
    draft.kind === 'nps' ? builtIn[bandKey(band)] : builtIn[`${draft.kind}${band[0]?.toUpperCase()}${band.slice(1)}`];
  return (
    <div class="texts" lang={locale === 'default' ? undefined : locale}>
      <Field
        label={`Question (${locale})`}
        path={`${at}.question`}
        issues={issues}
        hint="Empty: the widget's own question."
      >
        <textarea
          {...tie(issues, `${at}.question`)}
          dir={dir}
          rows={2}
          value={texts.question}
          placeholder={builtIn[key]}
          onInput={(e) => set((t) => (t.question = e.currentTarget.value))}
        />
      </Field>
      <div class="row">
        {[0, 1].map((end) => (
          <Field
            key={end}
            label={end === 0 ? `Label under ${draft.scale[0]}` : `Label under ${draft.scale[1]}`}
            path={`${at}.labels`}
            issues={end === 0 ? issues : {}}
            for={`${idOf(`${at}.labels`)}-${end}`}
          >
            <input
              {...tie(issues, `${at}.labels`)}
              id={`${idOf(`${at}.labels`)}-${end}`}
              dir={dir}
              value={texts.labels?.[end] ?? ''}
              placeholder={builtIn[`${key}${end === 0 ? 'Lo' : 'Hi'}`]}
              onInput={(e) =>
                set((t) => {
                  const labels: [string, string] = [...(t.labels ?? ['', ''])];
                  labels[end] = e.currentTarget.value;
                  if (labels[0] || labels[1]) t.labels = labels;
                  else delete t.labels;
                })
              }
            />
          </Field>
        ))}
      </div>
      <Field label="Follow-up question" path={`${at}.followUp`} issues={issues}>
        <select
          {...tie(issues, `${at}.followUp`)}
          value={mode}
          onChange={(e) =>
            set((t) => {
              const next = e.currentTarget.value;
              if (next === 'built-in') delete t.followUp;
              else t.followUp = next === 'one' ? '' : {};
            })
          }
        >
          <option value="built-in">The widget's question for each score band</option>
          <option value="one">One question for every score</option>
          <option value="bands">A question per score band</option>
        </select>
      </Field>
      {mode === 'one' && (
        <Field
          label="Follow-up for every score"
          path={`${at}.followUp`}
          issues={{}}
          for={`${idOf(`${at}.followUp`)}-one`}
        >
          <input
            id={`${idOf(`${at}.followUp`)}-one`}
            dir={dir}
            value={follow as string}
            placeholder={builtIn.passive}
            onInput={(e) => set((t) => (t.followUp = e.currentTarget.value))}
          />
        </Field>
      )}
      {mode === 'bands' &&
        BANDS.map((band) => {
          const range = bandRange(draft.kind, band, draft.scale, defaultDirection(draft.kind, draft.scale));
          if (!range) return null;
          const name = bandKey(band);
          return (
            <Field
              key={band}
              label={`Follow-up for ${BAND_NAMES[draft.kind][band].toLowerCase()} (${range[0]}–${range[1]})`}
              path={`${at}.followUp.${name}`}
              issues={issues}
            >
              <input
                {...tie(issues, `${at}.followUp.${name}`)}
                dir={dir}
                value={(follow as Record<string, string>)[name] ?? ''}
                placeholder={builtInBand(band)}
                onInput={(e) =>
                  set((t) => {
                    const bands = { ...(t.followUp as Record<string, string>) };
                    if (e.currentTarget.value) bands[name] = e.currentTarget.value;
                    else delete bands[name];
                    t.followUp = bands;
                  })
                }
              />
            </Field>
          );
        })}
      <Field label="Thank-you message" path={`${at}.thanks`} issues={issues}>
        <input
          {...tie(issues, `${at}.thanks`)}
          dir={dir}
          value={texts.thanks ?? ''}
          placeholder={builtIn.thanks}
          onInput={(e) =>
            set((t) => {
              if (e.currentTarget.value) t.thanks = e.currentTarget.value;
              else delete t.thanks;
            })
          }
        />
      </Field>
    </div>
  );
}

function Section(props: { title: string; children: ComponentChildren }) {
  const id = `s-${props.title.replace(/\W+/g, '-').toLowerCase()}`;
  return (
    <fieldset class="section" aria-labelledby={id}>
      <legend id={id}>{props.title}</legend>
      {props.children}
    </fieldset>
  );
}

/** What the last save said, for the editor that opens the survey it created. */
let flash = '';

/** Creates or edits one survey: `id` for a stored survey, else `template` (`blank` or a template id). */
export function Editor(props: ViewProps & { id?: string | undefined; template: string }) {
  const { heard } = props;
  const draftKey = props.id ?? `new:${props.template}`;
  const [draft, setDraft] = useState<SurveyDraft | null>(() => loadDraft(draftKey));
  const [restored] = useState(() => draft !== null);
  // undefined while it loads; null when this collector has no settings to give.
  const [settings, setSettings] = useState<SiteSettings | null>();
  const [dirty, setDirty] = useState(restored);
  const [reload, setReload] = useState(0);
  const [issues, setIssues] = useState<Issues>({});
  const [note, setNote] = useState(() => {
    const said = flash || (restored ? 'Your unsaved changes were restored.' : '');
    flash = '';
    return said;
  });
  const [busy, setBusy] = useState(false);
  const [picked, setPicked] = useState('');
  const [added, setAdded] = useState('');
  const [testUrl, setTestUrl] = useState('');

  useEffect(() => {
    heard.settings().then(setSettings, () => setSettings(null));
  }, []);
  useEffect(() => {
    if (draft) return;
    if (props.id) {
      heard.survey(props.id).then(
        (survey) => setDraft(draftOf(survey)),
        (error) => setNote(`Could not load the survey: ${error instanceof Error ? error.message : error}`),
      );
      return;
    }
    const template = TEMPLATES.find((t) => t.id === props.template);
    if (template && settings === undefined) return;
    setDraft(
      template
        ? template.survey({
            resolutionEvent: settings?.resolution.end ?? 'ticket_resolved',
            valueEvent: settings?.ttv.value ?? 'activated',
          })
        : withDefaults({ name: '', kind: 'nps', texts: { en: { question: '' } } }),
    );
  }, [settings, reload]);

  if (!draft)
    return (
      <p class="muted" role="status">
        {note || 'Loading the survey…'}
      </p>
    );

  const edit: Edit = (change) => {
    const next = structuredClone(draft);
    change(next);
    saveDraft(draftKey, next);
    setDraft(next);
    setDirty(true);
  };
  const save = async (status?: SurveyDraft['status']) => {
    const body = status ? { ...draft, status } : draft;
    setBusy(true);
    setNote('Saving…');
    try {
      const saved = props.id ? await heard.updateSurvey(props.id, body) : await heard.createSurvey(body);
      saveDraft(draftKey, null);
      setIssues({});
      setDraft(draftOf(saved));
      setDirty(false);
      setNote(saved.status === 'active' ? 'Saved. The survey is active.' : `Saved as ${saved.status}.`);
      if (!props.id) {
        // The editor of the new survey replaces this one: it says what happened.
        flash = saved.status === 'active' ? 'Saved. The survey is active.' : `Saved as ${saved.status}.`;
        location.hash = `#/surveys?edit=${encodeURIComponent(saved.id)}`;
      }
    } catch (error) {
      // A HeardApiError carries the collector's issues (checked by shape: the class stays in the first screen).
      const byPath = issuesByPath((error as { issues?: unknown }).issues);
      setIssues(byPath);
      setNote(`Not saved: ${error instanceof Error ? error.message : String(error)}. Your changes are kept.`);
    }
    setBusy(false);
  };

  const t = draft.targeting;
  const locales = Object.keys(draft.texts);
  const locale = locales.includes(picked) ? picked : (locales[0] as string);
  const missing = missingTranslations(draft.texts);
  const listed = Object.entries(issues);
  let urlResult = '';
  if (testUrl) {
    try {
      urlResult = matchUrl(t.pages, testUrl)
        ? 'Matches: the survey may show on this page.'
        : 'Does not match: the survey never shows on this page.';
    } catch {
      urlResult = 'This URL cannot be tested.';
    }
  }
  const focusIssue = (path: string) => {
    const inLocale = /^texts\.([^.]+)/.exec(path)?.[1];
    if (inLocale && locales.includes(inLocale)) setPicked(inLocale);
    setTimeout(() => document.getElementById(idOf(path))?.focus());
  };

  return (
    <div class="editor">
      <header class="editor-head">
        <h2>{props.id ? `Edit: ${draft.name || 'survey'}` : 'New survey'}</h2>
        <div class="inline">
          {dirty && (
            <button
              type="button"
              class="ghost"
              onClick={() => {
                saveDraft(draftKey, null);
                setDraft(null);
                setDirty(false);
                setIssues({});
                setNote('Unsaved changes discarded.');
                setReload((n) => n + 1);
              }}
            >
              Discard unsaved changes
            </button>
          )}
          <a href="#/surveys" class="button ghost">
            Back to surveys
          </a>
        </div>
      </header>
      <p class="muted" role="status" data-note>
        {note}
      </p>
      {listed.length > 0 && (
        <div class="issues" role="alert">
          <p>The collector refused these fields:</p>
          <ul>
            {listed.map(([path, message]) => (
              <li key={path}>
                <button type="button" class="link" onClick={() => focusIssue(path)}>
                  {path || 'survey'}
                </button>
                : {message}
              </li>
            ))}
          </ul>
        </div>
      )}
      <div class="editor-grid">
        <form
          class="editor-form"
          noValidate
          aria-label="Survey"
          onSubmit={(e) => {
            e.preventDefault();
            save();
          }}
        >
          <Section title="Question">
            <Field label="Name (only you see it)" path="name" issues={issues}>
              <input
                {...tie(issues, 'name')}
                value={draft.name}
                onInput={(e) => edit((d) => (d.name = e.currentTarget.value))}
              />
            </Field>
            <Field label="Kind" path="kind" issues={issues}>
              <select
                {...tie(issues, 'kind')}
                value={draft.kind}
                onChange={(e) =>
                  edit((d) => {
                    d.kind = e.currentTarget.value as Kind;
                    d.scale = [...DEFAULT_SCALE[d.kind]] as [number, number];
                  })
                }
              >
                {(Object.keys(KIND_NAMES) as Kind[]).map((k) => (
                  <option key={k} value={k}>
                    {KIND_NAMES[k]}
                  </option>
                ))}
              </select>
            </Field>
            <Field label="Scale" path="scale" issues={issues} hint={scaleWords(draft.kind, draft.scale)}>
              <select
                {...tie(issues, 'scale')}
                value={draft.scale.join('-')}
                onChange={(e) =>
                  edit((d) => (d.scale = e.currentTarget.value.split('-').map(Number) as [number, number]))
                }
              >
                {SCALES[draft.kind].map((s) => (
                  <option key={s.join('-')} value={s.join('-')}>
                    {s[0]} to {s[1]}
                    {draft.kind === 'ces'
                      ? defaultDirection('ces', s) === 'lower-better'
                        ? ' (effort: lower is easier)'
                        : ' (agreement: higher is easier)'
                      : ''}
                  </option>
                ))}
              </select>
            </Field>
            <Field label="Points look like" path="appearance.display" issues={issues}>
              <select
                {...tie(issues, 'appearance.display')}
                value={draft.appearance.display ?? 'numbers'}
                onChange={(e) =>
                  edit((d) => (d.appearance.display = e.currentTarget.value as 'numbers' | 'stars' | 'faces'))
                }
              >
                <option value="numbers">Numbers</option>
                <option value="stars">Stars</option>
                <option value="faces">Faces</option>
              </select>
            </Field>
          </Section>

          <Section title="Texts">
            <div class="row">
              <Field label="Language" path="texts" issues={issues}>
                <select {...tie(issues, 'texts')} value={locale} onChange={(e) => setPicked(e.currentTarget.value)}>
                  {locales.map((l) => (
                    <option key={l} value={l}>
                      {l}
                      {missing[l] ? ` (missing: ${missing[l].join(', ')})` : ''}
                    </option>
                  ))}
                </select>
              </Field>
              <Field label="Add a language" path="texts-add" issues={{}}>
                <input
                  id={idOf('texts-add')}
                  list="built-in-locales"
                  value={added}
                  placeholder="de, pt-BR…"
                  onInput={(e) => setAdded(e.currentTarget.value.trim())}
                />
                <datalist id="built-in-locales">
                  {WIDGET_LOCALES.filter((l) => !locales.includes(l)).map((l) => (
                    <option key={l} value={l} />
                  ))}
                </datalist>
              </Field>
              <button
                type="button"
                class="ghost"
                disabled={!added || locales.includes(added)}
                onClick={() => {
                  edit((d) => (d.texts[added] = { question: '' }));
                  setPicked(added);
                  setAdded('');
                }}
              >
                Add language
              </button>
              <button
                type="button"
                class="ghost"
                disabled={locales.length < 2}
                onClick={() => edit((d) => delete d.texts[locale])}
              >
                Remove {locale}
              </button>
            </div>
            {Object.keys(missing).length > 0 && (
              <p class="flagged">
                Missing translations:{' '}
                {Object.entries(missing)
                  .map(([l, fields]) => `${l}: ${fields.join(', ')}`)
                  .join('; ')}
                . The widget's own text shows instead.
              </p>
            )}
            <Texts
              key={locale}
              draft={draft}
              edit={edit}
              issues={issues}
              locale={locale}
              endpoint={props.session.endpoint}
            />
            <label class="check">
              <input
                type="checkbox"
                checked={draft.appearance.followUp !== false}
                onChange={(e) =>
                  edit((d) => {
                    if (e.currentTarget.checked) delete d.appearance.followUp;
                    else d.appearance.followUp = false;
                  })
                }
              />{' '}
              Ask the follow-up question after a score
            </label>
          </Section>

          <Section title="Who">
            <Field
              label="Sample: share of users asked (%)"
              path="targeting.sample"
              issues={issues}
              hint="The same users stay in the sample."
            >
              <input
                {...tie(issues, 'targeting.sample')}
                type="number"
                min={0}
                max={100}
                step="any"
                value={Math.round(t.sample * 1000) / 10}
                onInput={(e) => edit((d) => (d.targeting.sample = numberOf(e.currentTarget.value) / 100))}
              />
            </Field>
            <Field
              label="Languages of users asked"
              path="targeting.locales"
              issues={issues}
              hint="Comma-separated, such as en, de. Empty: everyone."
            >
              <input
                {...tie(issues, 'targeting.locales')}
                value={t.locales.join(', ')}
                onChange={(e) =>
                  edit(
                    (d) =>
                      (d.targeting.locales = e.currentTarget.value
                        .split(',')
                        .map((l) => l.trim())
                        .filter(Boolean)),
                  )
                }
              />
            </Field>
            <p class="muted">Only users whose traits (from identify()) meet every condition:</p>
            <Filters
              filters={t.traits}
              path="targeting.traits"
              issues={issues}
              noun="Trait"
              onChange={(f) => edit((d) => (d.targeting.traits = f))}
            />
          </Section>

          <Section title="Where">
            <p class="muted">Pages the survey may show on; with no rule, every page.</p>
            {t.pages.map((rule, index) => {
              const at = `targeting.pages.${index}`;
              const set = (next: UrlRule) => edit((d) => (d.targeting.pages[index] = next));
              return (
                <fieldset class="row group" key={index}>
                  <legend class="sr-only">{`Page rule ${index + 1}`}</legend>
                  <Field label="Rule" path={`${at}.not`} issues={issues}>
                    <select
                      {...tie(issues, `${at}.not`)}
                      value={rule.not ? 'not' : 'on'}
                      onChange={(e) => {
                        const { not: _, ...rest } = rule;
                        set(e.currentTarget.value === 'not' ? { ...rest, not: true } : rest);
                      }}
                    >
                      <option value="on">Show on pages whose URL</option>
                      <option value="not">Never on pages whose URL</option>
                    </select>
                  </Field>
                  <Field label="Match" path={`${at}.op`} issues={issues}>
                    <select
                      {...tie(issues, `${at}.op`)}
                      value={rule.op}
                      onChange={(e) => set({ ...rule, op: e.currentTarget.value as UrlRule['op'] })}
                    >
                      {URL_OPS.map(([op, words]) => (
                        <option key={op} value={op}>
                          {words}
                        </option>
                      ))}
                    </select>
                  </Field>
                  <Field label="URL or pattern" path={`${at}.value`} issues={issues}>
                    <input
                      {...tie(issues, `${at}.value`)}
                      value={rule.value}
                      placeholder="https://app.example.com/billing"
                      onInput={(e) => set({ ...rule, value: e.currentTarget.value })}
                    />
                  </Field>
                  <button type="button" class="ghost" onClick={() => edit((d) => d.targeting.pages.splice(index, 1))}>
                    Remove<span class="sr-only"> page rule {index + 1}</span>
                  </button>
                </fieldset>
              );
            })}
            <button
              type="button"
              class="ghost"
              onClick={() => edit((d) => d.targeting.pages.push({ op: 'startsWith', value: '' }))}
            >
              Add page rule
            </button>
            <Field label="Test this URL" path="test-url" issues={{}}>
              <input
                id={idOf('test-url')}
                type="url"
                value={testUrl}
                placeholder="https://app.example.com/billing/plans"
                aria-describedby="test-url-result"
                onInput={(e) => setTestUrl(e.currentTarget.value)}
              />
            </Field>
            <p
              id="test-url-result"
              class="url-result"
              role="status"
              data-matches={testUrl ? String(urlResult.startsWith('Matches')) : undefined}
            >
              {urlResult}
            </p>
          </Section>

          <Section title="When">
            {t.triggers.map((trigger, index) => {
              const at = `targeting.triggers.${index}`;
              const set = (next: Trigger) => edit((d) => (d.targeting.triggers[index] = next));
              return (
                <fieldset class="trigger group" key={index}>
                  <legend class="sr-only">{`Trigger ${index + 1}`}</legend>
                  <div class="row">
                    <Field label="Ask when" path={`${at}.type`} issues={issues}>
                      <select
                        {...tie(issues, `${at}.type`)}
                        value={trigger.type}
                        onChange={(e) =>
                          set(e.currentTarget.value === 'event' ? { type: 'event', name: '' } : { type: 'pageview' })
                        }
                      >
                        <option value="pageview">A page is viewed</option>
                        <option value="event">An event is tracked</option>
                      </select>
                    </Field>
                    {trigger.type === 'event' && (
                      <Field label="Event name" path={`${at}.name`} issues={issues}>
                        <input
                          {...tie(issues, `${at}.name`)}
                          value={trigger.name}
                          placeholder="ticket_resolved"
                          onInput={(e) => set({ ...trigger, name: e.currentTarget.value })}
                        />
                      </Field>
                    )}
                    <button
                      type="button"
                      class="ghost"
                      disabled={t.triggers.length < 2}
                      onClick={() => edit((d) => d.targeting.triggers.splice(index, 1))}
                    >
                      Remove<span class="sr-only"> trigger {index + 1}</span>
                    </button>
                  </div>
                  {trigger.type === 'event' && (
                    <Filters
                      filters={trigger.where ?? []}
                      path={`${at}.where`}
                      issues={issues}
                      noun="Property"
                      onChange={(where) => {
                        const { where: _, ...rest } = trigger;
                        set(where.length ? { ...rest, where } : rest);
                      }}
                    />
                  )}
                </fieldset>
              );
            })}
            <button
              type="button"
              class="ghost"
              onClick={() => edit((d) => d.targeting.triggers.push({ type: 'pageview' }))}
            >
              Add trigger
            </button>
            <Field label="Wait before asking (seconds)" path="targeting.delaySeconds" issues={issues}>
              <input
                {...tie(issues, 'targeting.delaySeconds')}
                type="number"
                min={0}
                max={3600}
                value={t.delaySeconds}
                onInput={(e) => edit((d) => (d.targeting.delaySeconds = numberOf(e.currentTarget.value)))}
              />
            </Field>
            <div class="row">
              <Field label="Only users" path="targeting.afterDays.since" issues={issues}>
                <select
                  {...tie(issues, 'targeting.afterDays.since')}
                  value={t.afterDays?.since ?? ''}
                  onChange={(e) =>
                    edit((d) => {
                      const since = e.currentTarget.value;
                      if (since === 'first_seen' || since === 'signed_up')
                        d.targeting.afterDays = { days: d.targeting.afterDays?.days ?? 7, since };
                      else delete d.targeting.afterDays;
                    })
                  }
                >
                  <option value="">at any time</option>
                  <option value="first_seen">days after they were first seen</option>
                  <option value="signed_up">days after they signed up</option>
                </select>
              </Field>
              {t.afterDays && (
                <Field label="Days" path="targeting.afterDays.days" issues={issues}>
                  <input
                    {...tie(issues, 'targeting.afterDays.days')}
                    type="number"
                    min={0}
                    value={t.afterDays.days}
                    onInput={(e) =>
                      edit((d) => {
                        if (d.targeting.afterDays) d.targeting.afterDays.days = numberOf(e.currentTarget.value);
                      })
                    }
                  />
                </Field>
              )}
            </div>
          </Section>

          <Section title="How often">
            <Field label="Ask the same user again after (days)" path="targeting.recontactDays" issues={issues}>
              <input
                {...tie(issues, 'targeting.recontactDays')}
                type="number"
                min={0}
                value={t.recontactDays}
                onInput={(e) => edit((d) => (d.targeting.recontactDays = numberOf(e.currentTarget.value)))}
              />
            </Field>
            <Field label="After a dismissal, ask again after (days)" path="targeting.dismissDays" issues={issues}>
              <input
                {...tie(issues, 'targeting.dismissDays')}
                type="number"
                min={0}
                value={t.dismissDays}
                onInput={(e) => edit((d) => (d.targeting.dismissDays = numberOf(e.currentTarget.value)))}
              />
            </Field>
            <p class="muted" data-cooldown={settings?.surveys.cooldownDays}>
              Site-wide: a user gets at most one survey every{' '}
              {settings ? `${settings.surveys.cooldownDays} days` : '… days'}, across all surveys (Settings).
            </p>
          </Section>

          <Section title="Schedule and limits">
            <div class="row">
              <Field label="Start" path="schedule.start" issues={issues} hint="Empty: as soon as it is active.">
                <input
                  {...tie(issues, 'schedule.start')}
                  type="datetime-local"
                  value={localInput(draft.schedule.start)}
                  onInput={(e) =>
                    edit((d) => {
                      const at = fromLocalInput(e.currentTarget.value);
                      if (at === undefined) delete d.schedule.start;
                      else d.schedule.start = at;
                    })
                  }
                />
              </Field>
              <Field label="End" path="schedule.end" issues={issues} hint="Empty: no end.">
                <input
                  {...tie(issues, 'schedule.end')}
                  type="datetime-local"
                  value={localInput(draft.schedule.end)}
                  onInput={(e) =>
                    edit((d) => {
                      const at = fromLocalInput(e.currentTarget.value);
                      if (at === undefined) delete d.schedule.end;
                      else d.schedule.end = at;
                    })
                  }
                />
              </Field>
            </div>
            <Field
              label="Priority (0–1000)"
              path="priority"
              issues={issues}
              hint="When two surveys are due, the higher one asks."
            >
              <input
                {...tie(issues, 'priority')}
                type="number"
                min={0}
                max={1000}
                value={draft.priority}
                onInput={(e) => edit((d) => (d.priority = numberOf(e.currentTarget.value)))}
              />
            </Field>
            <Field
              label="Stop after this many answers"
              path="maxAnswers"
              issues={issues}
              hint="Empty: no limit. Reached: the survey is completed."
            >
              <input
                {...tie(issues, 'maxAnswers')}
                type="number"
                min={1}
                value={draft.maxAnswers ?? ''}
                onInput={(e) => edit((d) => (d.maxAnswers = optionalNumber(e.currentTarget.value)))}
              />
            </Field>
          </Section>

          <Section title="Look">
            <div class="row">
              <Field label="Position" path="appearance.position" issues={issues}>
                <select
                  {...tie(issues, 'appearance.position')}
                  value={draft.appearance.position ?? ''}
                  onChange={(e) =>
                    edit((d) => {
                      const value = e.currentTarget.value as (typeof POSITIONS)[number] | '';
                      if (value) d.appearance.position = value;
                      else delete d.appearance.position;
                    })
                  }
                >
                  <option value="">The site's default</option>
                  {POSITIONS.map((p) => (
                    <option key={p} value={p}>
                      {p.replace('-', ' ')}
                    </option>
                  ))}
                </select>
              </Field>
              <Field
                label="Accent colour"
                path="appearance.accent"
                issues={issues}
                hint="A CSS colour, such as #4f46e5."
              >
                <input
                  {...tie(issues, 'appearance.accent')}
                  value={draft.appearance.accent ?? ''}
                  onInput={(e) =>
                    edit((d) => {
                      if (e.currentTarget.value) d.appearance.accent = e.currentTarget.value;
                      else delete d.appearance.accent;
                    })
                  }
                />
              </Field>
            </div>
          </Section>

          <div class="editor-actions">
            <Field label="Status" path="status" issues={issues}>
              <select
                {...tie(issues, 'status')}
                value={draft.status}
                onChange={(e) => edit((d) => (d.status = e.currentTarget.value as SurveyDraft['status']))}
              >
                <option value="draft">Draft</option>
                <option value="active">Active</option>
                <option value="paused">Paused</option>
                {draft.status === 'completed' && <option value="completed">Completed</option>}
              </select>
            </Field>
            <button type="submit" disabled={busy}>
              Save
            </button>
            {draft.status !== 'active' && (
              <button type="button" disabled={busy} onClick={() => save('active')}>
                Save and activate
              </button>
            )}
          </div>
        </form>
        <Preview
          draft={draft}
          endpoint={props.session.endpoint}
          locales={locales}
          siteFollowUp={settings?.surveys.followUp ?? true}
        />
      </div>
    </div>
  );
}
