import { Hono } from 'hono';
import type { AppEnv } from './env';
import { notFound, onError } from './middleware/errors';
import { readReplicas } from './middleware/replicas';
import { consumeIngest } from './queue';
import { collect } from './routes/collect';
import { exportAnswers } from './routes/export';
import { health } from './routes/health';
import { openapi } from './routes/openapi';
import { scores } from './routes/scores';
import { sites } from './routes/sites';
import { surveys } from './routes/surveys';
import { webhook } from './routes/webhook';

/** The collector: every route is a sub-app mounted here. */
const app = new Hono<AppEnv>()
  .use('/v1/*', readReplicas)
  .route('/healthz', health)
  .route('/v1/sites', sites)
  .route('/v1/collect', collect)
  .route('/v1/scores', scores)
  .route('/v1/surveys', surveys)
  .route('/v1/export', exportAnswers)
  .route('/v1/webhook', webhook)
  .route('/', openapi);

app.onError(onError);
app.notFound(notFound);

/** The Worker: HTTP through the Hono app, and the ingest queue's consumer (SCALING.md). */
export default Object.assign(app, { queue: consumeIngest });
export type App = typeof app;
