import { band, type Direction, type Kind, type Scale } from './constants';

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
  ts: number;
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
 * A Slack-compatible message (`text` plus `blocks`) about a low answer; `heard` carries the
 * answer for receivers that are not Slack. `stage: 'comment'` is the follow-up when the
 * comment arrives after the score.
 */
export function alertMessage(siteName: string, answer: AlertAnswer, stage: 'answer' | 'comment') {
  const who = answer.userId ?? (answer.anonymousId ? `anonymous ${answer.anonymousId}` : 'someone');
  const headline =
    stage === 'comment'
      ? `${siteName}: ${who} added a comment to their ${label[answer.kind]} ${answer.score}`
      : `${siteName}: ${label[answer.kind]} ${answer.score} on ${answer.scale[0]}–${answer.scale[1]} from ${who}`;
  const comment = answer.comment ? `> ${answer.comment.replace(/\n/g, '\n> ')}` : '_no comment yet_';
  const context = [answer.survey ? `survey ${answer.survey}` : null, answer.url, new Date(answer.ts).toISOString()]
    .filter(Boolean)
    .join(' · ');
  return {
    text: `${headline}\n${answer.comment ? `“${answer.comment}”` : '(no comment yet)'}`,
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text: `*${escapeMrkdwn(headline)}*\n${escapeMrkdwn(comment)}` } },
      { type: 'context', elements: [{ type: 'mrkdwn', text: escapeMrkdwn(context) }] },
    ],
    heard: { stage, answer },
  };
}

/** Slack treats &, < and > as control characters in mrkdwn. */
const escapeMrkdwn = (text: string) =>
  text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>(?! )/g, '&gt;');

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
