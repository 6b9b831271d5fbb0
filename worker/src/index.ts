import { Hono } from 'hono';
import type { AppEnv } from './env';
import { notFound, onError } from './middleware/errors';
import { securityHeaders } from './middleware/headers';
import { limitByIp } from './middleware/ratelimit';
import { readReplicas } from './middleware/replicas';
import { consumeIngest } from './queue';
import type { Route } from './route';
import { accountHealth } from './routes/accountHealth';
import { archive } from './routes/archive';
import { batch } from './routes/batch';
import { collect } from './routes/collect';
import { comments } from './routes/comments';
import { digest } from './routes/digest';
import { durations } from './routes/durations';
import { events } from './routes/events';
import { exportAnswers } from './routes/export';
import { healthz } from './routes/healthz';
import { identity } from './routes/identity';
import { keys } from './routes/keys';
import { links } from './routes/links';
import { mrr } from './routes/mrr';
import { documentation } from './routes/openapi';
import { responses } from './routes/responses';
import { retention } from './routes/retention';
import { revenue } from './routes/revenue';
import { scores } from './routes/scores';
import { settings } from './routes/settings';
import { sites } from './routes/sites';
import { stripe } from './routes/stripe';
import { surveys } from './routes/surveys';
import { themes } from './routes/themes';
import { ttv } from './routes/ttv';
import { users } from './routes/users';
import { webhook } from './routes/webhook';
import { scheduled } from './scheduled';

/** Every route of the API; each is defined and documented by one spec (route.ts). */
const api: Route[] = [
  ...healthz,
  ...sites,
  ...collect,
  ...batch,
  ...archive,
  ...identity,
  ...surveys,
  ...scores,
  ...comments,
  ...themes,
  ...digest,
  ...responses,
  ...exportAnswers,
  ...users,
  ...ttv,
  ...durations,
  ...events,
  ...retention,
  ...revenue,
  ...accountHealth,
  ...settings,
  ...keys,
  ...webhook,
  ...stripe,
  ...mrr,
  ...links,
];
/** The routes and the two that document them. */
export const routes: Route[] = [...api, ...documentation(api)];

/** The collector: the routes' sub-apps mounted behind the headers, the IP limit and replicas. */
const app = new Hono<AppEnv>()
  .use(securityHeaders)
  .use('/v1/*', limitByIp)
  .use('/s/*', limitByIp)
  .use('/v1/*', readReplicas);
for (const route of routes) app.route('/', route.app);

app.onError(onError);
app.notFound(notFound);

/**
 * The Worker: HTTP through the app, the ingest queue's consumer (docs/scaling.md) and the daily
 * retention purge through the cron trigger.
 */
export default Object.assign(app, { queue: consumeIngest, scheduled });
export { app };
