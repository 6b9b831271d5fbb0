import type { Issue } from '@heard/core';
import { cachedSiteSettings, LIMITS, SERVER_LIMITS } from '@heard/core';
import type { SiteRow } from './db/sites';
import type { Bindings } from './env';
import { openIdentitySecret, verifiedUsers } from './identity';
import type { Door, ItemCheck, RawItems } from './intake';

const PUBLIC_TOO_OLD = 'ts must be at most 400 days old and at most 5 minutes ahead of the collector';
const SERVER_TOO_OLD = 'ts must be at most 5 years old and at most 5 minutes ahead of the collector';

/** `POST /v1/batch`, the secret-key door: history up to five years, every event name. */
export const SERVER_DOOR: Door = { pastMs: SERVER_LIMITS.pastMs, tooOld: SERVER_TOO_OLD };

/**
 * The public-key door (`POST /v1/collect`): what any page, or anyone who read it, may write.
 * Trusted events are refused as server-only; when the site requires identity verification,
 * an item with a `userId` needs its `userHash`, and an item without a verified user may not
 * set the account trait (which would move a user, and their answers, to another account).
 */
export async function publicDoor(env: Bindings, site: SiteRow, raw: RawItems): Promise<Door> {
  const settings = cachedSiteSettings(site.settings);
  const trusted = new Set(settings.trustedEvents);
  const required = settings.identity.required;
  const account = settings.account.trait;
  const verified = required
    ? await verifiedUsers(await openIdentitySecret(env, site), [...raw.answers, ...raw.events, ...raw.displays])
    : undefined;
  const noSecret = required && site.identitySecret === null;
  const check: ItemCheck = (type, item) => {
    const issues: Issue[] = [];
    if (type === 'event' && 'name' in item && trusted.has(item.name)) {
      issues.push({
        path: 'name',
        message: `${item.name} is a server-only event (trustedEvents): send it with a secret key through POST /v1/batch or @heard/node`,
      });
    }
    if (verified) {
      const { userId, userHash } = item as { userId?: string; userHash?: string };
      if (userId !== undefined && !verified(userId, userHash)) {
        issues.push({
          path: 'userHash',
          message: noSecret
            ? 'this site requires identity verification but has no identity secret yet (POST /v1/identity/secret)'
            : userHash === undefined
              ? 'this site requires identity verification: send userHash = hex HMAC-SHA256(identity secret, userId)'
              : 'userHash does not match the userId',
        });
      } else if (userId === undefined && setsAccount(type, item, account)) {
        issues.push({
          path: type === 'answer' ? `traits.${account}` : `props.${account}`,
          message: `only a verified user or the server may set the account trait ${account}`,
        });
      }
    }
    return issues.length > 0 ? issues : undefined;
  };
  return { pastMs: LIMITS.pastMs, tooOld: PUBLIC_TOO_OLD, check };
}

/** Whether an item would set a user's account: an answer's traits, or an `identify` event's props. */
function setsAccount(type: string, item: object, account: string): boolean {
  if (type === 'answer') return Object.hasOwn((item as { traits?: object }).traits ?? {}, account);
  if (type === 'event' && (item as { name?: string }).name === 'identify') {
    return Object.hasOwn((item as { props?: object }).props ?? {}, account);
  }
  return false;
}
