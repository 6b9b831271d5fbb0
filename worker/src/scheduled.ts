import { purgeExpired } from './db/purge';
import type { Bindings } from './env';

/** The cron trigger (wrangler.jsonc `triggers.crons`): applies each site's retention setting. */
export async function scheduled(controller: ScheduledController, env: Bindings, ctx: ExecutionContext) {
  ctx.waitUntil(
    purgeExpired(env, controller.scheduledTime).then((purged) => {
      for (const site of purged) console.log('retention', JSON.stringify(site));
    }),
  );
}
