import { compactArchive } from './archive';
import { resumeMoves } from './db/move';
import { purgeExpired } from './db/purge';
import { postDigests } from './digestPosts';
import type { Bindings } from './env';

/** The daily cron (wrangler.jsonc `triggers.crons`) that applies each site's retention setting. */
export const PURGE_CRON = '17 3 * * *';
/** The hourly cron that posts digests and change alerts, so each site's period ends at its own midnight. */
export const DIGEST_CRON = '7 * * * *';

/**
 * The cron triggers: digests and change alerts hourly, with the R2 archive's compaction of the
 * days that are over and the resumption of stalled moves; the retention purge daily (any other cron).
 */
export async function scheduled(controller: ScheduledController, env: Bindings, ctx: ExecutionContext) {
  if (controller.cron === DIGEST_CRON) {
    ctx.waitUntil(
      postDigests(env, controller.scheduledTime).then((outcomes) => {
        for (const o of outcomes) if (o.outcome !== 'claimed-before') console.log('digest', JSON.stringify(o));
      }),
    );
    ctx.waitUntil(
      compactArchive(env, controller.scheduledTime).then((days) => {
        for (const day of days) console.log('archive', JSON.stringify(day));
      }),
    );
    ctx.waitUntil(
      resumeMoves(env, controller.scheduledTime).then((sites) => {
        for (const site of sites) console.log('move resumed', site);
      }),
    );
    return;
  }
  ctx.waitUntil(
    purgeExpired(env, controller.scheduledTime).then((purged) => {
      for (const site of purged) console.log('retention', JSON.stringify(site));
    }),
  );
}
