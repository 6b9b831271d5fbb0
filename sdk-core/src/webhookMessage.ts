import { type Band, band, type Direction, type Kind, type Scale } from './constants';

/** The answer fields an alert needs. */
export interface AlertAnswer {
  id: string;
  kind: Kind;
  score: number;
  scale: Scale;
  direction: Direction;
  survey?: string | null;
  comment?: string | null;
  userId?: string | null;
  anonymousId?: string | null;
  url?: string | null;
  /** The person's traits and the answer's props as stored: what a segment filter reads, and what a CRM gets. */
  traits?: Record<string, string | number | boolean> | null;
  props?: Record<string, string | number | boolean> | null;
  ts: number;
}

/**
 * Which answers a site's webhook is sent: `answers: 'low'` (the default) the low ones,
 * `'every'` every answer; either way only those that pass every filter given — one of the
 * `metric`s, one of the `band`s (on the answer's own scale and direction), one of the
 * `survey`s, the `segment` (a trait, else a prop, equal to `value`), and with (`hasComment:
 * true`) or without (`false`) a comment.
 */
export interface WebhookFilter {
  answers: 'low' | 'every';
  metric?: readonly Kind[] | undefined;
  band?: readonly Band[] | undefined;
  survey?: readonly string[] | undefined;
  segment?: { by: string; value: string } | undefined;
  hasComment?: boolean | undefined;
}

/** What a webhook set without a filter sends: the low answers, as it always has. */
export const LOW_ANSWERS: WebhookFilter = { answers: 'low' };

/**
 * Whether a webhook with this filter is sent this answer.
 * @example webhookWants({ answers: 'every', hasComment: true }, { kind: 'nps', score: 9, comment: 'great', … }) // true
 */
export function webhookWants(filter: WebhookFilter, answer: AlertAnswer): boolean {
  const which = band(answer.kind, answer.score, answer.scale, answer.direction);
  if (filter.answers === 'low' && which !== 'low') return false;
  if (filter.metric && !filter.metric.includes(answer.kind)) return false;
  if (filter.band && !filter.band.includes(which)) return false;
  if (filter.survey && !filter.survey.includes(answer.survey ?? '')) return false;
  if (filter.hasComment !== undefined && Boolean(answer.comment) !== filter.hasComment) return false;
  if (filter.segment) {
    const { by, value } = filter.segment;
    const found = answer.traits?.[by] ?? answer.props?.[by];
    if (found === undefined || found === null || String(found) !== value) return false;
  }
  return true;
}

/**
 * Whether an answer deserves a human's attention now: its `band()` is `low`, an NPS detractor
 * (0–6), or a CSAT or CES answer in the worst two points of its scale (the worst one on a
 * 3-point scale), read in the scale's own direction (1–2 on 1–5 CSAT; 1–2 on 1–7 CES; 4–5 on
 * the 1–5 effort scale).
 * @example isLowAnswer({ kind: 'nps', score: 6, … }) // true
 */
export function isLowAnswer(answer: Pick<AlertAnswer, 'kind' | 'score' | 'scale' | 'direction'>): boolean {
  return band(answer.kind, answer.score, answer.scale, answer.direction) === 'low';
}

const label = { nps: 'NPS', csat: 'CSAT', ces: 'CES' } as const;

/**
 * Text a visitor wrote, made inert for Slack: `&`, `<` and `>` become entities (so `<!channel>`,
 * `<@U123>` and `<https://…|label>` are shown, not run), and an `@` gets a word joiner after it
 * so `@channel`, `@here` and `@name` never notify anyone. Used for every field a visitor sets
 * (comment, user and anonymous id, survey id, page URL) in `text` and in every block.
 * @example slackText('<!channel> @here') // '&lt;!channel&gt; @\u2060here'
 */
export function slackText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/@/g, '@\u2060');
}

/** Who gave an answer, as an alert names them (escaped). */
const whoOf = (answer: AlertAnswer) =>
  answer.userId
    ? slackText(answer.userId)
    : answer.anonymousId
      ? `anonymous ${slackText(answer.anonymousId)}`
      : 'someone';

/**
 * A Slack-compatible message (`text` plus `blocks`) about a low answer; `heard` carries the
 * answer for receivers that are not Slack. `stage: 'comment'` is the follow-up when the
 * comment arrives after the score. Every visitor-written field is escaped ({@link slackText});
 * the site name is the operator's own and is escaped as well.
 */
export function alertMessage(siteName: string, answer: AlertAnswer, stage: 'answer' | 'comment') {
  const site = slackText(siteName);
  const who = whoOf(answer);
  const headline =
    stage === 'comment'
      ? `${site}: ${who} added a comment to their ${label[answer.kind]} ${answer.score}`
      : `${site}: ${label[answer.kind]} ${answer.score} on ${answer.scale[0]}–${answer.scale[1]} from ${who}`;
  const comment = answer.comment ? slackText(answer.comment) : null;
  const quoted = comment ? `> ${comment.replace(/\n/g, '\n> ')}` : '_no comment yet_';
  const context = [
    answer.survey ? `survey ${slackText(answer.survey)}` : null,
    answer.url ? slackText(answer.url) : null,
    new Date(answer.ts).toISOString(),
  ]
    .filter(Boolean)
    .join(' · ');
  return {
    text: `${headline}\n${comment ? `“${comment}”` : '(no comment yet)'}`,
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text: `*${headline}*\n${quoted}` } },
      { type: 'context', elements: [{ type: 'mrkdwn', text: context }] },
    ],
    heard: { stage, answer },
  };
}

/**
 * One message for a burst of low answers past the site's alert rate: how many, and the first
 * few (escaped like {@link alertMessage}); `heard.answers` lists the ids of all of them.
 */
export function alertSummary(siteName: string, answers: readonly AlertAnswer[], listed = 10, what = 'low answers') {
  const site = slackText(siteName);
  const headline = `${site}: ${answers.length} more ${what} in the last minute`;
  const lines = answers.slice(0, listed).map((a) => {
    const comment = a.comment ? ` “${slackText(a.comment.slice(0, 200))}”` : '';
    return `• ${label[a.kind]} ${a.score} from ${whoOf(a)}${comment}`;
  });
  const more = answers.length > listed ? [`…and ${answers.length - listed} more (GET /v1/webhook lists each one)`] : [];
  const body = [...lines, ...more].join('\n');
  return {
    text: `${headline}\n${body}`,
    blocks: [{ type: 'section', text: { type: 'mrkdwn', text: `*${headline}*\n${body}` } }],
    heard: { stage: 'summary' as const, answers: answers.map((a) => a.id) },
  };
}

/** Header that carries the signature of a webhook body. */
export const SIGNATURE_HEADER = 'X-Heard-Signature';

/**
 * `sha256=<hex HMAC-SHA256 of the body with the site's webhook secret>`, the value of
 * `X-Heard-Signature`. Receivers recompute it over the raw body and compare in constant time.
 * @example await signBody('whsec_…', '{"text":"…"}') // 'sha256=3f…'
 */
export async function signBody(secret: string, body: string): Promise<string> {
  const encoder = new TextEncoder();
  const key = await crypto.subtle.importKey('raw', encoder.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, [
    'sign',
  ]);
  const mac = new Uint8Array(await crypto.subtle.sign('HMAC', key, encoder.encode(body)));
  return `sha256=${[...mac].map((b) => b.toString(16).padStart(2, '0')).join('')}`;
}
