import { type Answer, alertMessage, defaultDirection, isLowAnswer, SIGNATURE_HEADER, signBody } from '@heard/core';
import type { SiteRow } from './db/sites';
import { claimStages, markRefused, recordAttempt, storedAnswers, type WebhookRow, webhookOf } from './db/webhooks';
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
 * Closes the loop: for each low answer in a collected batch (detractor, low CSAT or CES),
 * posts a Slack-compatible, signed message to the site's webhook. The first receipt alerts
 * with the comment if it came along; a comment that arrives later, in a re-send of the same
 * answer id, sends one follow-up. Each (answer, stage) alerts at most once. `known` is the
 * site's webhook when the caller has read it already (null: none is set). The URL is checked
 * again first (webhookTarget.ts): one that is no longer public is recorded as failed, never sent.
 */
export async function alertLowAnswers(
  env: Pick<Bindings, 'DB' | 'WEBHOOK_LOOPBACK' | 'WEBHOOK_RESOLVER'>,
  site: SiteRow,
  answers: readonly Answer[],
  transport: Transport = realTransport,
  known?: WebhookRow | null,
): Promise<void> {
  const low = lowAnswers(answers);
  if (low.length === 0) return;
  const db = env.DB;
  const webhook = known === undefined ? await webhookOf(db, site.id) : known;
  if (!webhook) return;
  const target = await checkTarget(webhook.url, targetRules(env));
  const stored = await storedAnswers(
    db,
    site.id,
    low.map((a) => a.id),
  );
  await Promise.all(
    stored.filter(isLowAnswer).map(async (answer) => {
      const won = await claimStages(db, site.id, answer.id, answer.comment ? ['answer', 'comment'] : ['answer']);
      const stage = won.has('answer') ? 'answer' : won.has('comment') ? 'comment' : null;
      if (!stage) return;
      const stages = [...won];
      if (!target.ok) {
        // Recorded the same way whatever is (or is not) at that address: nothing was sent.
        await markRefused(db, site.id, answer.id, stages);
        return;
      }
      const body = JSON.stringify(alertMessage(site.name, answer, stage));
      await deliver(
        webhook.url,
        webhook.secret,
        body,
        (outcome) => recordAttempt(db, site.id, answer.id, stages, outcome),
        transport,
      );
    }),
  );
}
