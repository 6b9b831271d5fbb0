import {
  type Answer,
  alertMessage,
  alertSummary,
  defaultDirection,
  isLowAnswer,
  SIGNATURE_HEADER,
  signBody,
  webhookWants,
} from '@heard/core';
import { dbFor } from './db/site';
import type { SiteRow } from './db/sites';
import {
  type AlertStage,
  claimAlerts,
  markUnsent,
  recordAttempts,
  storedAnswers,
  type WebhookRow,
  webhookOf,
} from './db/webhook';
import type { Bindings } from './env';
import { checkTarget, targetRules } from './webhookTarget';

/** Waits before each retry, in ms: five attempts within ~15 s, inside a Worker's waitUntil budget. */
export const RETRY_DELAYS_MS = [1000, 2000, 4000, 8000];

/** What delivery needs from the outside world; tests pass their own. */
export interface Transport {
  fetch: (url: string, init: RequestInit) => Promise<Response>;
  sleep: (ms: number) => Promise<void>;
}

const realTransport: Transport = {
  fetch: (url, init) => fetch(url, init),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/**
 * Sends a signed POST, retrying network errors, 429 and 5xx with backoff; other 4xx are final.
 * Returns whether it was delivered.
 */
export async function deliver(
  url: string,
  secret: string,
  body: string,
  onAttempt: (outcome: { status: 'pending' | 'delivered' | 'failed'; httpStatus: number | null }) => Promise<void>,
  transport: Transport = realTransport,
): Promise<boolean> {
  const signature = await signBody(secret, body);
  for (let attempt = 0; ; attempt++) {
    let httpStatus: number | null = null;
    try {
      const response = await transport.fetch(url, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', [SIGNATURE_HEADER]: signature, 'User-Agent': 'Heard-Webhook/1' },
        body,
        // A redirect could lead anywhere, past the checks on the URL: a 3xx is a final answer.
        redirect: 'manual',
        signal: AbortSignal.timeout(5000),
      });
      httpStatus = response.status;
      await response.body?.cancel();
    } catch {
      httpStatus = null;
    }
    const ok = httpStatus !== null && httpStatus >= 200 && httpStatus < 300;
    const retryable = httpStatus === null || httpStatus === 429 || httpStatus >= 500;
    // (3xx, like other 4xx, is not retryable: it is never followed.)
    const last = attempt >= RETRY_DELAYS_MS.length || (!ok && !retryable);
    await onAttempt({ status: ok ? 'delivered' : last ? 'failed' : 'pending', httpStatus });
    if (ok) return true;
    if (last) return false;
    await transport.sleep(RETRY_DELAYS_MS[attempt] as number);
  }
}

/** The answers of a batch that alert: detractors, low CSAT and CES. */
export function lowAnswers(answers: readonly Answer[]): Answer[] {
  return answers.filter((a) => isLowAnswer({ ...a, direction: a.direction ?? defaultDirection(a.kind, a.scale) }));
}

/**
 * Alert posts a site's webhook gets one by one in a minute (a fixed window, counted across all
 * requests and isolates in D1). Past it, each request's further low answers go out together in
 * one summary post, one per site per minute; any after that are recorded (failed, 0 attempts)
 * and never posted. Every low answer keeps its row in `GET /v1/webhook`'s history either way.
 */
export const ALERTS_PER_MINUTE = 10;
const WINDOW_MS = 60_000;

/**
 * Closes the loop: for each answer in a collected batch the site's webhook is sent (by
 * default the low ones, detractor, low CSAT or CES; or every answer, or those matching its
 * filters: `send`, webhookWants() in @heard/core), posts a Slack-compatible, signed message. The first receipt alerts
 * with the comment if it came along; a comment that arrives later, in a re-send of the same
 * answer id, sends one follow-up. Each (answer, stage) alerts at most once, and past
 * {@link ALERTS_PER_MINUTE} a burst is coalesced into one summary. `known` is the site's
 * webhook when the caller has read it already (null: none is set). The URL is checked again
 * first (webhookTarget.ts): one that is no longer public is recorded as failed, never sent.
 */
export async function alertAnswers(
  env: Bindings,
  site: SiteRow,
  answers: readonly Answer[],
  transport: Transport = realTransport,
  known?: WebhookRow | null,
  now = Date.now(),
): Promise<void> {
  if (answers.length === 0) return;
  const db = dbFor(env, site);
  const webhook = known === undefined ? await webhookOf(db, site.id) : known;
  if (!webhook) return;
  const { send } = webhook;
  // Low answers only (the default): the batch's other answers need not be read back.
  const candidates = send.answers === 'low' ? lowAnswers(answers) : answers;
  if (candidates.length === 0) return;
  const target = await checkTarget(webhook.url, targetRules(env));
  const stored = (
    await storedAnswers(
      db,
      site.id,
      candidates.map((a) => a.id),
    )
  ).filter((a) => webhookWants(send, a));
  if (stored.length === 0) return;
  const windowStart = now - (now % WINDOW_MS);
  const wanted = stored.flatMap((a): AlertStage[] =>
    a.comment
      ? [
          [a.id, 'answer'],
          [a.id, 'comment'],
        ]
      : [[a.id, 'answer']],
  );
  const { won, inWindow } = await claimAlerts(db, site.id, wanted, windowStart, now);
  const byAnswer = new Map<string, AlertStage[]>();
  for (const row of won) byAnswer.set(row[0], [...(byAnswer.get(row[0]) ?? []), row]);
  const mine = stored.filter((a) => byAnswer.has(a.id));
  if (mine.length === 0) return;
  if (!target.ok) {
    // Recorded the same way whatever is (or is not) at that address: nothing was sent.
    await markUnsent(db, site.id, won);
    return;
  }
  const slots = Math.max(0, ALERTS_PER_MINUTE - (inWindow - mine.length));
  const post = (body: string, rows: readonly AlertStage[]) =>
    deliver(webhook.url, webhook.secret, body, (outcome) => recordAttempts(db, site.id, rows, outcome), transport);
  const one = mine.slice(0, slots).map((answer) => {
    const rows = byAnswer.get(answer.id) ?? [];
    const stage = rows.some(([, s]) => s === 'answer') ? 'answer' : 'comment';
    return post(JSON.stringify(alertMessage(site.name, answer, stage)), rows);
  });
  const rest = mine.slice(slots);
  const summary = async () => {
    if (rest.length === 0) return;
    const rows = rest.flatMap((a) => byAnswer.get(a.id) ?? []);
    const slot: AlertStage = [`summary:${new Date(windowStart).toISOString()}`, 'answer'];
    const claimed = await claimAlerts(db, site.id, [slot], windowStart, now);
    if (claimed.won.length === 0) {
      // This minute's summary has gone out already: these stay in the history, unsent.
      await markUnsent(db, site.id, rows);
      return;
    }
    await post(JSON.stringify(alertSummary(site.name, rest, 10, send.answers === 'low' ? 'low answers' : 'answers')), [
      ...rows,
      slot,
    ]);
  };
  await Promise.all([...one, summary()]);
}
