import { Hono } from 'hono';
import type { AppEnv } from './env';
import { notFound, onError } from './middleware/errors';
import { collect } from './routes/collect';
import { comments } from './routes/comments';
import { health } from './routes/health';
import { scores } from './routes/scores';
import { sites } from './routes/sites';

/** The collector: every route is a sub-app mounted here. */
const app = new Hono<AppEnv>()
  .route('/healthz', health)
  .route('/v1/sites', sites)
  .route('/v1/collect', collect)
  .route('/v1/scores', scores)
  .route('/v1/comments', comments);

app.onError(onError);
app.notFound(notFound);

export default app;
export type App = typeof app;
