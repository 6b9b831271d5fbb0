import { defaultDirection, type Survey } from '@heard/core';
import ar from '../../../widget/src/locales/ar';
import de from '../../../widget/src/locales/de';
import en from '../../../widget/src/locales/en';
import es from '../../../widget/src/locales/es';
import fr from '../../../widget/src/locales/fr';
import he from '../../../widget/src/locales/he';
import ja from '../../../widget/src/locales/ja';
import pt from '../../../widget/src/locales/pt';
import { sha256Base64 } from '../crypto';
import { textsFor } from '../routes/surveys';
import { ENHANCE_PATH } from './enhance';

/** The widget's own texts, by language: the page and the email say what the widget says. */
const STRINGS = { en, es, fr, de, pt, ja, ar, he };
type Lang = keyof typeof STRINGS;
// The widget's right-to-left languages (prompt.ts spec()).
const RTL = new Set<string>(['ar', 'he']);

/** Everything a page or an email shows of one survey in one locale. */
export interface Question {
  lang: string;
  dir: 'ltr' | 'rtl';
  question: string;
  labels: [string, string];
  followUp: string;
  send: string;
  thanks: string;
  scores: number[];
}

/** A survey's texts for a locale: its own question and labels, the widget's texts for the rest. */
export function questionOf(survey: Survey, locale: string | null): Question {
  const lang = (locale ?? 'en').split('-')[0]?.toLowerCase() ?? 'en';
  const strings = STRINGS[(lang in STRINGS ? lang : 'en') as Lang];
  const texts = textsFor(survey.texts, locale ?? undefined);
  const key = defaultDirection(survey.kind, survey.scale) === 'lower-better' ? 'effort' : survey.kind;
  const [lo, hi] = survey.scale;
  return {
    lang: locale ?? 'en',
    dir: RTL.has(lang) ? 'rtl' : 'ltr',
    question: texts.question || strings[key],
    labels: texts.labels ?? [strings[`${key}Lo`], strings[`${key}Hi`]],
    // Without JavaScript the comment is asked beside the score, before the score is known: the
    // widget's neutral follow-up, unless the survey has its own (its middle band's, when per band).
    followUp:
      (typeof texts.followUp === 'string' ? texts.followUp : (texts.followUp?.passive ?? texts.followUp?.middle)) ??
      strings.passive,
    send: strings.send,
    thanks: texts.thanks || strings.thanks,
    scores: Array.from({ length: hi - lo + 1 }, (_, i) => lo + i),
  };
}

/** Text made safe for HTML text and quoted attributes. */
export const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

const CSS = `:root{color-scheme:light dark;--bg:#f8fafc;--card:#fff;--fg:#111827;--muted:#4b5563;--accent:#4338ca;--on-accent:#fff;--line:#9ca3af}
@media (prefers-color-scheme:dark){:root{--bg:#0b1120;--card:#111827;--fg:#f3f4f6;--muted:#d1d5db;--accent:#a5b4fc;--on-accent:#111827;--line:#6b7280}}
*{box-sizing:border-box}body{margin:0;background:var(--bg);color:var(--fg);font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}
main{max-width:40rem;margin:2rem auto;padding:1.5rem;background:var(--card);border-radius:12px}
h1{font-size:1.25rem;margin:0 0 1rem}fieldset{border:0;margin:0 0 1.5rem;padding:0}legend{padding:0;margin-bottom:1rem}
.scale{display:flex;flex-wrap:wrap;gap:.375rem}.scale label{position:relative}
.scale input{position:absolute;opacity:0;inset:0;margin:0}
.scale span{display:inline-flex;align-items:center;justify-content:center;min-width:2.75rem;min-height:2.75rem;border:1px solid var(--line);border-radius:8px;font-weight:600;cursor:pointer}
.scale input:checked+span{background:var(--accent);color:var(--on-accent);border-color:var(--accent)}
.scale input:focus-visible+span,textarea:focus-visible,button:focus-visible{outline:3px solid var(--accent);outline-offset:2px}
.ends{display:flex;justify-content:space-between;color:var(--muted);font-size:.875rem;margin:.5rem 0 0}
label.comment{display:block;font-weight:600;margin-bottom:.5rem}
textarea{width:100%;font:inherit;color:inherit;background:transparent;border:1px solid var(--line);border-radius:8px;padding:.5rem}
button{margin-top:1rem;font:inherit;font-weight:600;background:var(--accent);color:var(--on-accent);border:0;border-radius:8px;padding:.625rem 1.5rem;cursor:pointer}
p{color:var(--muted)}`;

/**
 * The page's Content-Security-Policy: its own style (by hash), its one script file (by path,
 * no inline code), fetches and form posts to the collector only; nothing else loads.
 */
export async function pageCsp(origin: string): Promise<string> {
  return `default-src 'none'; style-src 'sha256-${await sha256Base64(CSS)}'; script-src ${origin}${ENHANCE_PATH}; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'`;
}

function page(q: Pick<Question, 'lang' | 'dir'>, title: string, body: string, script = false): string {
  return `<!doctype html>
<html lang="${escapeHtml(q.lang)}" dir="${q.dir}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<meta name="robots" content="noindex">
<title>${escapeHtml(title)}</title>
<style>${CSS}</style>${script ? `\n<script src="${ENHANCE_PATH}" defer></script>` : ''}
</head>
<body>
<main>
${body}
</main>
</body>
</html>
`;
}

/** What the page knows of the link's answer. */
export interface PageState {
  action: string;
  /** The score to show chosen: the stored answer's, else `?score=`. */
  score?: number | undefined;
  comment?: string | undefined;
  /** Opened from an email's score link. */
  fromEmail: boolean;
}

const hidden = (state: PageState) => (state.fromEmail ? '<input type="hidden" name="via" value="email">' : '');

const commentField = (
  q: Question,
  comment: string | undefined,
) => `<label class="comment" for="comment">${escapeHtml(q.followUp)}</label>
<textarea id="comment" name="comment" rows="4" maxlength="5000">${escapeHtml(comment ?? '')}</textarea>`;

/** The survey page: one form that posts the score and the comment; works without JavaScript. */
export function surveyPage(q: Question, state: PageState): string {
  const radios = q.scores
    .map(
      (score) =>
        `<label><input type="radio" name="score" value="${score}" required${score === state.score ? ' checked' : ''}><span>${score}</span></label>`,
    )
    .join('\n');
  return page(
    q,
    q.question,
    `<form method="post" action="${escapeHtml(state.action)}"${state.fromEmail ? ' data-record' : ''}>
<fieldset aria-describedby="ends">
<legend><h1>${escapeHtml(q.question)}</h1></legend>
<div class="scale">
${radios}
</div>
<p class="ends" id="ends"><span>${q.scores[0]}: ${escapeHtml(q.labels[0])}</span><span>${q.scores.at(-1)}: ${escapeHtml(q.labels[1])}</span></p>
</fieldset>
${commentField(q, state.comment)}
${hidden(state)}
<button type="submit">${escapeHtml(q.send)}</button>
</form>`,
    true,
  );
}

/** The thank-you page; until a comment is given it still asks for one, for the same answer. */
export function thanksPage(q: Question, state: PageState & { score: number }): string {
  const ask = state.comment
    ? ''
    : `<form method="post" action="${escapeHtml(state.action)}">
<input type="hidden" name="score" value="${state.score}">
${hidden(state)}
${commentField(q, undefined)}
<button type="submit">${escapeHtml(q.send)}</button>
</form>`;
  return page(q, q.thanks, `<div role="status"><h1>${escapeHtml(q.thanks)}</h1></div>\n${ask}`);
}

/** The page of a link that is not (or no longer) valid. */
export function linkErrorPage(expired: boolean): string {
  const [title, text] = expired
    ? ['This link has expired', 'Thank you for opening it. The survey it pointed to is closed for this link.']
    : ['This link is not valid', 'Please check that the whole link was copied. Nothing was recorded.'];
  return page({ lang: 'en', dir: 'ltr' }, title, `<h1>${title}</h1>\n<p>${text}</p>`);
}

/**
 * The email snippet: the question and one link per score, as tables with inline styles
 * (Outlook ignores most CSS; Gmail drops <style>), in the survey's locale and direction.
 * Colours stay readable when a client inverts them for dark mode: a light button with a
 * strong border and text on any background.
 */
export function emailHtml(q: Question, scoreUrl: (score: number) => string): string {
  const align = q.dir === 'rtl' ? 'right' : 'left';
  const far = q.dir === 'rtl' ? 'left' : 'right';
  const font = "font-family:-apple-system,'Segoe UI',Roboto,Helvetica,Arial,sans-serif;";
  const cells = q.scores
    .map(
      (score) =>
        `<td style="padding:0 2px;"><a href="${escapeHtml(scoreUrl(score))}" style="display:inline-block;min-width:34px;padding:10px 0;${font}font-size:16px;font-weight:bold;line-height:20px;text-align:center;text-decoration:none;color:#312e81;background-color:#eef2ff;border:2px solid #4338ca;border-radius:6px;">${score}</a></td>`,
    )
    .join('');
  return `<table role="presentation" dir="${q.dir}" lang="${escapeHtml(q.lang)}" width="100%" cellpadding="0" cellspacing="0" border="0" style="max-width:600px;border-collapse:collapse;">
<tr><td style="padding:0 0 12px 0;${font}font-size:18px;line-height:26px;font-weight:bold;text-align:${align};">${escapeHtml(q.question)}</td></tr>
<tr><td style="text-align:${align};"><table role="presentation" dir="${q.dir}" cellpadding="0" cellspacing="0" border="0"><tr>${cells}</tr></table></td></tr>
<tr><td style="padding:8px 0 0 0;"><table role="presentation" dir="${q.dir}" width="100%" cellpadding="0" cellspacing="0" border="0"><tr>
<td style="${font}font-size:13px;line-height:18px;text-align:${align};">${q.scores[0]}: ${escapeHtml(q.labels[0])}</td>
<td style="${font}font-size:13px;line-height:18px;text-align:${far};">${q.scores.at(-1)}: ${escapeHtml(q.labels[1])}</td>
</tr></table></td></tr>
</table>`;
}
