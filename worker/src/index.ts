import { Hono } from 'hono';
import type { AppEnv } from './env';
import { notFound, onError } from './middleware/errors';
import { securityHeaders } from './middleware/headers';
import { limitByIp } from './middleware/ratelimit';
import { readReplicas } from './middleware/replicas';
import { consumeIngest } from './queue';
import { accountHealth } from './routes/accountHealth';
import { batch } from './routes/batch';
import { collect } from './routes/collect';
import { comments } from './routes/comments';
import { durations } from './routes/durations';
import { exportAnswers } from './routes/export';
import { health } from './routes/health';
import { identity } from './routes/identity';
import { keys } from './routes/keys';
import { openapi } from './routes/openapi';
import { retention } from './routes/retention';
import { revenue } from './routes/revenue';
import { scores } from './routes/scores';
import { settings } from './routes/settings';
import { sites } from './routes/sites';
import { surveys } from './routes/surveys';
import { ttv } from './routes/ttv';
import { users } from './routes/users';
import { webhook } from './routes/webhook';
import { scheduled } from './scheduled';

/** The collector: every route is a sub-app mounted here. */
const app = new Hono<AppEnv>()
  .use(securityHeaders)
  .use('/v1/*', limitByIp)
  .use('/v1/*', readReplicas)
  .route('/healthz', health)
  .route('/v1/sites', sites)
  .route('/v1/collect', collect)
  .route('/v1/batch', batch)
  .route('/v1/identity', identity)
  .route('/v1/scores', scores)
  .route('/v1/surveys', surveys)
  .route('/v1/export', exportAnswers)
  .route('/v1/webhook', webhook)
  .route('/', openapi)
  .route('/v1/settings', settings)
  .route('/v1/ttv', ttv)
  .route('/v1/durations', durations)
  .route('/v1/retention', retention)
  .route('/v1/revenue', revenue)
  .route('/v1/health', accountHealth)
  .route('/v1/keys', keys)
  .route('/v1/users', users)
  .route('/v1/comments', comments);

app.onError(onError);
app.notFound(notFound);

/**
 * The Worker: HTTP through the app, the ingest queue's consumer (SCALING.md) and the daily
 * retention purge through the cron trigger.
 */
export default Object.assign(app, { queue: consumeIngest, scheduled });
export { app };
export type App = typeof app;
