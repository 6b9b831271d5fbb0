import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../env';

// D1 bookmarks are hex groups joined by dashes; anything else is ignored, never passed on.
const BOOKMARK = /^[0-9a-f]{1,16}(?:-[0-9a-f]{1,64}){1,7}$/i;

/**
 * Puts the database read queries use on the context as `c.var.reader` (mounted on `/v1/*`).
 * For GET requests with `D1_READ_REPLICAS=on` that is a D1 session (Sessions API) that may
 * read from a nearby replica: it starts at the `x-d1-bookmark` the client sends back (so a
 * client never reads older data than it has seen) or, without one, at any replica, and the
 * response carries the session's latest bookmark. Otherwise it is the primary database.
 * Authentication keeps reading the primary (`c.env.DB`), so a new key works at once.
 * @example const rows = await c.var.reader.prepare('SELECT …').bind(c.var.site.id).all();
 */
export const readReplicas = createMiddleware<AppEnv>(async (c, next) => {
  const read = c.req.method === 'GET' || c.req.method === 'HEAD';
  if (!read || c.env.D1_READ_REPLICAS !== 'on') {
    c.set('reader', c.env.DB);
    await next();
    return;
  }
  const sent = c.req.header('x-d1-bookmark');
  const session = c.env.DB.withSession(sent && BOOKMARK.test(sent) ? sent : 'first-unconstrained');
  c.set('reader', session);
  await next();
  const bookmark = session.getBookmark();
  if (bookmark) c.res.headers.set('x-d1-bookmark', bookmark);
});
