import { Hono } from 'hono';
import type { AppEnv } from './env';
import { notFound, onError } from './middleware/errors';
import { securityHeaders } from './middleware/headers';
import { limitByIp } from './middleware/ratelimit';
import { collect } from './routes/collect';
import { health } from './routes/health';
import { keys } from './routes/keys';
import { scores } from './routes/scores';
import { sites } from './routes/sites';
import { users } from './routes/users';
import { scheduled } from './scheduled';

/** The collector: every route is a sub-app mounted here. */
const app = new Hono<AppEnv>()
  .use(securityHeaders)
  .use('/v1/*', limitByIp)
  .route('/healthz', health)
  .route('/v1/sites', sites)
  .route('/v1/collect', collect)
  .route('/v1/scores', scores)
  .route('/v1/keys', keys)
  .route('/v1/users', users);

app.onError(onError);
app.notFound(notFound);

/** The Worker: HTTP through the app, the daily retention purge through the cron trigger. */
export default { fetch: app.fetch, scheduled } satisfies ExportedHandler<AppEnv['Bindings']>;
export { app };
export type App = typeof app;
