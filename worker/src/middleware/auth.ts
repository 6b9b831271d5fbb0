import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import { sameSecret } from '../crypto';
import { originAllowed, type SiteRow, siteBySecretKey } from '../db/sites';
import type { AppEnv } from '../env';
import { publicKeys } from '../siteCache';
import { fail } from './errors';
import { limitBySite } from './ratelimit';
import { useSiteReader } from './replicas';

/** The token of an `Authorization: Bearer …` header. */
export const bearer = (header: string | undefined) => /^Bearer\s+(\S+)$/i.exec(header ?? '')?.[1];

/** Lets through requests that carry the admin token (`ADMIN_TOKEN`). */
export const requireAdmin = createMiddleware<AppEnv>(async (c, next) => {
  const token = bearer(c.req.header('Authorization'));
  if (!token) fail(401, 'send the admin token as Authorization: Bearer …');
  const expected = c.env.ADMIN_TOKEN;
  if (!expected || !(await sameSecret(token, expected))) fail(401, 'the admin token is not valid');
  await next();
});

// Ingest keeps going during a move (its writes are parked and replayed); every other write waits.
const WRITES_DURING_MOVE = new Set(['/v1/collect', '/v1/batch']);

/** A 503 for a write to a site whose data a move is copying (reads keep the old database until the switch). */
function refuseWritesWhileMoving(c: Context<AppEnv>, site: SiteRow): void {
  const write = c.req.method !== 'GET' && c.req.method !== 'HEAD';
  if (site.movingTo && write && !WRITES_DURING_MOVE.has(c.req.path)) {
    fail(503, 'this site is being moved to another database; send the change again in a minute', {
      headers: { 'Retry-After': '60' },
    });
  }
}

/** Lets through requests that carry a site's secret key, and puts that site on the context. */
export const requireSecretKey = createMiddleware<AppEnv>(async (c, next) => {
  const key = bearer(c.req.header('Authorization'));
  if (!key) fail(401, 'send a secret key as Authorization: Bearer sk_…');
  if (!key.startsWith('sk_')) fail(401, 'this route takes a secret key (sk_…), not a public key');
  const site = await siteBySecretKey(c.env.DB, key);
  if (!site) fail(401, 'the secret key is not valid');
  await limitBySite(c, site.id);
  c.set('site', site);
  useSiteReader(c, site);
  refuseWritesWhileMoving(c, site);
  await next();
});

/**
 * Lets through a request whose public key (`site`, in the body or the query) is a site's and
 * whose Origin, when sent, is one of that site's; puts the site on the context. The key rides
 * in the request itself, so route definitions call this once the input is parsed.
 */
export async function requirePublicKey(c: Context<AppEnv>, key: string | undefined): Promise<void> {
  if (!key) fail(401, 'send the public key (pk_…) as site');
  if (key.startsWith('sk_')) fail(401, 'never send a secret key from a page; use the public key (pk_…)');
  const site = await publicKeys.get(c.env.DB, key);
  if (!site) fail(401, 'the public key is not valid');
  const origin = c.req.header('Origin');
  if (origin && !originAllowed(site, origin)) fail(403, `origin ${origin} is not allowed for this site`);
  c.set('site', site);
  useSiteReader(c, site);
  await limitBySite(c, site.id);
}
