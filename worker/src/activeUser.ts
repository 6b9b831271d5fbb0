import type { ActiveSurvey, Contact } from '@heard/core';

const DAY = 86_400_000;

/** What `GET /v1/surveys/active?user=` may tell about a user. */
export interface UserDisclosure {
  contacts: Contact[];
  firstSeen?: number;
  signedUp?: number;
}

/**
 * The least `GET /v1/surveys/active` can say about a user and still let the widget apply every
 * rule: anyone holding the public key can ask about any user id, so the answer must not tell a
 * stored id from an unknown one, nor give away a prompt history.
 *
 * - contacts: per running survey only the one prompt that blocks it longest (re-contact or
 *   dismissal days), and for the site's global cool-down only the latest prompt, with the
 *   survey id blanked when that survey is not running. Nothing that no longer blocks.
 * - firstSeen / signedUp: not the dates, only the largest `afterDays` threshold of a running
 *   survey the user has passed, as `now − days` (to the minute). A user who passes none, and an
 *   id never seen, get the same answer: firstSeen is `now` (the widget keeps its own earlier date) and
 *   signedUp is left out.
 */
export function disclosedUser(
  running: readonly Pick<ActiveSurvey, 'id' | 'targeting'>[],
  contacts: readonly Contact[],
  user: { firstSeen?: number; signedUp?: number },
  cooldownDays: number,
  now: number,
): UserDisclosure {
  const kept = new Map<string, { contact: Contact; until: number }>();
  for (const survey of running) {
    for (const contact of contacts) {
      if (contact.survey !== survey.id) continue;
      const days = contact.dismissed ? survey.targeting.dismissDays : survey.targeting.recontactDays;
      const until = contact.ts + days * DAY;
      if (until > now && until > (kept.get(survey.id)?.until ?? 0)) kept.set(survey.id, { contact, until });
    }
  }
  const disclosed = [...kept.values()].map((k) => k.contact);
  const latest = contacts.reduce<Contact | undefined>((a, b) => (a && a.ts >= b.ts ? a : b), undefined);
  if (latest && now - latest.ts < cooldownDays * DAY && !disclosed.includes(latest)) {
    const isRunning = running.some((s) => s.id === latest.survey);
    disclosed.push(isRunning ? latest : { ...latest, survey: '' });
  }
  disclosed.sort((a, b) => a.ts - b.ts || a.survey.localeCompare(b.survey));

  const thresholds = (since: 'first_seen' | 'signed_up') =>
    running.flatMap((s) => (s.targeting.afterDays?.since === since ? [s.targeting.afterDays.days] : []));
  const passed = (ts: number | undefined, days: number[]) =>
    ts === undefined ? undefined : Math.max(...days.filter((d) => now - ts >= d * DAY));
  // To the minute, so two requests a few seconds apart give the same answer (and ETag).
  const minute = now - (now % 60_000);
  const out: UserDisclosure = { contacts: disclosed };
  const seenDays = thresholds('first_seen');
  if (seenDays.length > 0) {
    const days = passed(user.firstSeen, seenDays);
    out.firstSeen = days !== undefined && Number.isFinite(days) ? minute - days * DAY : minute;
  }
  const signupDays = thresholds('signed_up');
  if (signupDays.length > 0) {
    const days = passed(user.signedUp, signupDays);
    if (days !== undefined && Number.isFinite(days)) out.signedUp = minute - days * DAY;
  }
  return out;
}
