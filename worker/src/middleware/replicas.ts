import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import { dbFor } from '../db/site';
import type { SiteRow } from '../db/sites';
import type { AppEnv } from '../env';

// D1 bookmarks are hex groups joined by dashes; anything else is ignored, never passed on.
const BOOKMARK = /^[0-9a-f]{1,16}(?:-[0-9a-f]{1,64}){1,7}$/i;

/**
 * Puts the site's read database on the context as `c.var.reader`, once authentication knows the
 * site (called by the auth middleware): its database (`dbFor`), or for GET requests with
 * `D1_READ_REPLICAS=on` a D1 session (Sessions API) on that database that may read from a nearby
 * replica. The session starts at the `x-d1-bookmark` the client sends back (so a client never
 * reads older data than it has seen) or, without one, at any replica; {@link readReplicas} puts
 * the session's latest bookmark on the response.
 */
export function useSiteReader(c: Context<AppEnv>, site: SiteRow): void {
  const db = dbFor(c.env, site);
  const read = c.req.method === 'GET' || c.req.method === 'HEAD';
  if (!read || c.env.D1_READ_REPLICAS !== 'on') {
    c.set('reader', db);
    return;
  }
  const sent = c.req.header('x-d1-bookmark');
  const session = db.withSession(sent && BOOKMARK.test(sent) ? sent : 'first-unconstrained');
  c.set('reader', session);
  c.set('session', session);
}

/**
 * Mounted on `/v1/*`: routes that know no site read the primary (`c.var.reader` until the auth
 * middleware calls {@link useSiteReader}); after the route, a replica session's latest bookmark
 * goes on the response. Authentication keeps reading the primary (`c.env.DB`), so a new key works at once.
 * @example const rows = await c.var.reader.prepare('SELECT …').bind(c.var.site.id).all();
 */
export const readReplicas = createMiddleware<AppEnv>(async (c, next) => {
  c.set('reader', c.env.DB);
  await next();
  const bookmark = c.var.session?.getBookmark();
  if (bookmark) c.res.headers.set('x-d1-bookmark', bookmark);
});
