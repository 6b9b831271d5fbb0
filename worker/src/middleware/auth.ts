import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import { sameSecret } from '../crypto';
import { originAllowed, siteBySecretKey } from '../db/sites';
import type { AppEnv } from '../env';
import { publicKeys } from '../siteCache';
import { fail } from './errors';
import { limitBySite } from './ratelimit';

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

/** Lets through requests that carry a site's secret key, and puts that site on the context. */
export const requireSecretKey = createMiddleware<AppEnv>(async (c, next) => {
  const key = bearer(c.req.header('Authorization'));
  if (!key) fail(401, 'send a secret key as Authorization: Bearer sk_…');
  if (!key.startsWith('sk_')) fail(401, 'this route takes a secret key (sk_…), not a public key');
  const site = await siteBySecretKey(c.env.DB, key);
  if (!site) fail(401, 'the secret key is not valid');
  await limitBySite(c, site.id);
  c.set('site', site);
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
  await limitBySite(c, site.id);
}
