import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../env';
import { fail } from './errors';

/**
 * Seconds a limited client should wait: the longest window a Workers rate-limiting binding
 * can have (60 s), so a client that honours it never lands in the same window again.
 */
export const RETRY_AFTER_SECONDS = 60;

/** Answers 429 with Retry-After when a binding says the key is over its limit. */
async function check(limiter: RateLimit | undefined, key: string, what: string): Promise<void> {
  if (!limiter) return;
  const { success } = await limiter.limit({ key });
  if (!success) {
    fail(429, `too many requests ${what}; retry after ${RETRY_AFTER_SECONDS} s`, {
      headers: { 'Retry-After': String(RETRY_AFTER_SECONDS) },
    });
  }
}

/**
 * Stripe's webhook endpoint: Stripe delivers every account's events, for every site, from a
 * few shared addresses, so a per-IP limit would let one busy Stripe account starve all the
 * others. It is limited per site (the site its path names) instead.
 */
const STRIPE_DELIVERY = /^\/v1\/sources\/stripe\/[^/]+$/;

/**
 * Per client IP (`CF-Connecting-IP`), except Stripe's deliveries (see `STRIPE_DELIVERY`). Cloudflare's edge sets it and overwrites any value a
 * client sent; anywhere else (`wrangler dev`, a self-hosted workerd, tests calling the Worker
 * directly) it is whatever the client sent, so there the per-site limit is the one that holds.
 * A request without it is limited per site only.
 */
export const limitByIp = createMiddleware<AppEnv>(async (c, next) => {
  const ip = c.req.header('CF-Connecting-IP');
  const stripeDelivery = c.req.method === 'POST' && STRIPE_DELIVERY.test(c.req.path);
  if (ip && !stripeDelivery) await check(c.env.RATE_LIMIT_IP, `ip:${ip}`, 'from this address');
  await next();
});

/** Per site, once the route knows which site a request is for (public or secret key). */
export function limitBySite(c: Context<AppEnv>, siteId: string): Promise<void> {
  return check(c.env.RATE_LIMIT_SITE, `site:${siteId}`, 'for this site');
}
