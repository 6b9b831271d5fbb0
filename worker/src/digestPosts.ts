import {
  type ChangeAlert,
  changeAlertMessage,
  type Digest,
  type DigestPeriod,
  digestMessage,
  digestWindow,
  KINDS,
  type SiteSettings,
  siteSettingsFrom,
} from '@heard/core';
import { claimPost, postClaimed, recordPostAttempt } from './db/digests';
import { dbFor } from './db/site';
import { type SiteRow, siteById } from './db/sites';
import { type WebhookRow, webhookOf } from './db/webhook';
import type { Bindings } from './env';
import { buildDigest, digestKind, scoreChange } from './reports/digest';
import { deliver, type Transport } from './webhookDelivery';
import { checkTarget, targetRules } from './webhookTarget';

/** What one site's post of one period came to. */
export interface PostOutcome {
  site: string;
  what: string;
  period: string;
  outcome: 'claimed-before' | 'skipped' | 'delivered' | 'failed';
}

/** Sites whose digests are made at the same time by one cron run. */
const SITES_AT_ONCE = 4;

/** The `digest_posts.what` of a change alert. */
export const alertKind = (p: DigestPeriod, metric: string) => `alert:${p}:${metric}`;

/** Claims a period's post and sends it; a URL that is no longer public is recorded as failed, never sent. */
async function claimAndSend(
  env: Bindings,
  site: SiteRow,
  webhook: WebhookRow,
  post: { what: string; period: string; body: string; atRisk?: string[] },
  now: number,
  transport?: Transport,
): Promise<PostOutcome['outcome']> {
  const db = dbFor(env, site);
  const won = await claimPost(db, site.id, { ...post, status: 'pending' }, now);
  if (!won) return 'claimed-before';
  const target = await checkTarget(webhook.url, targetRules(env));
  if (!target.ok) {
    await recordPostAttempt(db, site.id, post.what, post.period, { status: 'failed', httpStatus: null });
    return 'failed';
  }
  const delivered = await deliver(
    webhook.url,
    webhook.secret,
    post.body,
    (outcome) => recordPostAttempt(db, site.id, post.what, post.period, outcome),
    transport,
  );
  return delivered ? 'delivered' : 'failed';
}

/**
 * A site's digest of its last complete period, posted once: a period already claimed costs one
 * read; a quiet one (no answers, no account newly at risk) is recorded as skipped and not sent.
 */
export async function postDigest(
  env: Bindings,
  site: SiteRow,
  webhook: WebhookRow,
  settings: SiteSettings,
  period: DigestPeriod,
  now: number,
  transport?: Transport,
): Promise<PostOutcome> {
  const db = dbFor(env, site);
  const what = digestKind(period);
  const key = digestWindow(period, now, settings.timeZone).key;
  const result = (outcome: PostOutcome['outcome']): PostOutcome => ({ site: site.id, what, period: key, outcome });
  if (await postClaimed(db, site.id, what, key)) return result('claimed-before');
  const { atRiskNow, ...digest } = await buildDigest(db, site.id, settings, period, now);
  if (digest.quiet) {
    const won = await claimPost(db, site.id, { what, period: key, status: 'skipped', atRisk: atRiskNow }, now);
    return result(won ? 'skipped' : 'claimed-before');
  }
  const body = JSON.stringify(digestMessage(site.name, digest satisfies Digest));
  return result(await claimAndSend(env, site, webhook, { what, period: key, body, atRisk: atRiskNow }, now, transport));
}

/**
 * Change alerts of a site's last complete period: for each metric whose change from the period
 * before is significant (the digest's test), one post with the figures; each (metric, period)
 * is checked once and alerts at most once.
 */
export async function postChangeAlerts(
  env: Bindings,
  site: SiteRow,
  webhook: WebhookRow,
  settings: SiteSettings,
  period: DigestPeriod,
  now: number,
  transport?: Transport,
): Promise<PostOutcome[]> {
  const db = dbFor(env, site);
  const tz = settings.timeZone;
  const window = digestWindow(period, now, tz);
  const outcomes: PostOutcome[] = [];
  for (const metric of KINDS) {
    const what = alertKind(period, metric);
    const result = (outcome: PostOutcome['outcome']) => ({ site: site.id, what, period: window.key, outcome });
    if (await postClaimed(db, site.id, what, window.key)) {
      outcomes.push(result('claimed-before'));
      continue;
    }
    const { current, previous, change } = await scoreChange(db, site.id, metric, window, tz);
    if (!change?.significant) {
      const won = await claimPost(db, site.id, { what, period: window.key, status: 'skipped' }, now);
      outcomes.push(result(won ? 'skipped' : 'claimed-before'));
      continue;
    }
    const alert: ChangeAlert = {
      metric,
      period,
      key: window.key,
      from: window.from,
      to: window.to,
      tz,
      current: { n: current.n, score: current.score, ci95: current.ci95 },
      previous: { n: previous.n, score: previous.score, ci95: previous.ci95 },
      change,
    };
    const body = JSON.stringify(changeAlertMessage(site.name, alert));
    outcomes.push(result(await claimAndSend(env, site, webhook, { what, period: window.key, body }, now, transport)));
  }
  return outcomes;
}

/**
 * The hourly cron's work: for every site with a webhook, its digest and change alerts of the
 * last complete period in its time zone (settings `digest`, `timeZone`). One site's failure is
 * logged and does not stop the others.
 */
export async function postDigests(env: Bindings, now = Date.now(), transport?: Transport): Promise<PostOutcome[]> {
  // Webhooks live with each site's data (dbFor), so the sites come from the primary; a site being
  // moved gets its posts on the next run.
  const { results } = await env.DB.prepare('SELECT id AS site_id FROM sites WHERE moving_to IS NULL ORDER BY id').all<{
    site_id: string;
  }>();
  const perSite = async (siteId: string): Promise<PostOutcome[]> => {
    try {
      const site = await siteById(env.DB, siteId);
      if (!site) return [];
      const webhook = await webhookOf(dbFor(env, site), siteId);
      if (!webhook) return [];
      const settings = siteSettingsFrom(site.settings);
      const outcomes: PostOutcome[] = [];
      if (settings.digest.period !== 'off') {
        outcomes.push(await postDigest(env, site, webhook, settings, settings.digest.period, now, transport));
      }
      if (settings.digest.changeAlerts !== 'off') {
        outcomes.push(
          ...(await postChangeAlerts(env, site, webhook, settings, settings.digest.changeAlerts, now, transport)),
        );
      }
      return outcomes;
    } catch (error) {
      console.log('digest', JSON.stringify({ site: siteId, error: String(error) }));
      return [];
    }
  };
  // A few sites at a time: a slow receiver's retries hold up its own site, not every other.
  const outcomes: PostOutcome[] = [];
  for (let i = 0; i < results.length; i += SITES_AT_ONCE) {
    const group = results.slice(i, i + SITES_AT_ONCE);
    for (const done of await Promise.all(group.map((r) => perSite(r.site_id)))) outcomes.push(...done);
  }
  return outcomes;
}
