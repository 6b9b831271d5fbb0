import { createMiddleware } from 'hono/factory';
import { siteBySecretKey } from '../db/sites';
import type { AppEnv } from '../env';
import { sameSecret } from '../keys';
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
