import type { Bindings } from '../env';
import type { SiteRow } from './sites';

/**
 * The database that holds one site's data: answers, events, surveys, reports. The only way a
 * query reaches a site's rows; `sites`, keys and routing stay in the primary `DB`.
 * (Issue 22 routes it by `sites.database`; until then every site lives in `DB`.)
 * @example const rows = await dbFor(c.env, c.var.site).prepare('SELECT …').bind(c.var.site.id).all();
 */
export function dbFor(env: Pick<Bindings, 'DB'>, _site: Pick<SiteRow, 'id'>): D1Database {
  return env.DB;
}
