import type { Bindings } from '../env';
import { fail } from '../middleware/errors';
import type { SiteRow } from './sites';

/** The primary database: `sites`, keys and routing, and the data of every site not moved. */
export const PRIMARY = 'DB';

/** A D1 binding's name as wrangler.jsonc declares it: `DB`, `DB_2`, `DB_EU`, … */
const DATABASE_NAME = /^DB(?:_[A-Z0-9]+)?$/;

const isDatabase = (value: unknown): value is D1Database =>
  typeof value === 'object' && value !== null && typeof (value as D1Database).prepare === 'function';

/** The D1 binding of that name, or undefined when the Worker has none (or the name is not a database's). */
export function databaseNamed(env: Bindings, name: string): D1Database | undefined {
  if (!DATABASE_NAME.test(name)) return undefined;
  const value = (env as unknown as Record<string, unknown>)[name];
  return isDatabase(value) ? value : undefined;
}

/** The names of every D1 binding the Worker has, the primary first. */
export function databaseNames(env: Bindings): string[] {
  return Object.keys(env)
    .filter((name) => databaseNamed(env, name))
    .sort((a, b) => (a === PRIMARY ? -1 : b === PRIMARY ? 1 : a.localeCompare(b)));
}

/**
 * The database that holds one site's data: answers, events, surveys, reports. The only way a
 * query reaches a site's rows; `sites`, keys and routing stay in the primary `DB`. A site names
 * its binding in `sites.database`; one whose binding is gone from the Worker answers 503
 * rather than reading or writing another database.
 * @example const rows = await dbFor(c.env, c.var.site).prepare('SELECT …').bind(c.var.site.id).all();
 */
export function dbFor(env: Bindings, site: Pick<SiteRow, 'id' | 'database'>): D1Database {
  const db = databaseNamed(env, site.database ?? PRIMARY);
  if (!db) fail(503, `the database ${site.database} of this site is not bound to the collector`);
  return db;
}
