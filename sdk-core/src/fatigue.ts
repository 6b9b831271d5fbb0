import { DAY_MS } from './constants';
import type { ActiveSurvey, Contact } from './protocol';

/** The global cool-down, in days, across all surveys of a site unless the site sets its own. */
export const DEFAULT_COOLDOWN_DAYS = 7;

/** A stored record of one prompt: shown, answered or dismissed, as displays and answers keep them. */
export interface ContactRecord {
  survey: string;
  action: 'shown' | 'answered' | 'dismissed';
  ts: number;
}

/**
 * Folds displays and answers into prompts: a `shown` starts a prompt, a later answer settles
 * it as answered (closing it afterwards does not count), a dismissal settles it as
 * dismissed. An answer or dismissal without an open prompt before it is a prompt of its own.
 */
export function contactsFrom(records: readonly ContactRecord[]): Contact[] {
  const sorted = [...records].sort((a, b) => a.ts - b.ts);
  const open = new Map<string, { contact: Contact; settled: boolean }>();
  const contacts: Contact[] = [];
  for (const record of sorted) {
    const current = open.get(record.survey);
    // Closing a prompt after answering it, or closing it twice, is part of the same prompt.
    if (record.action === 'dismissed' && current?.settled) continue;
    if (record.action === 'shown' || !current || current.settled) {
      const contact = { survey: record.survey, ts: record.ts, dismissed: record.action === 'dismissed' };
      contacts.push(contact);
      open.set(record.survey, { contact, settled: record.action !== 'shown' });
    } else {
      current.contact.dismissed = record.action === 'dismissed';
      current.settled = true;
    }
  }
  return contacts;
}

/**
 * Whether fatigue rules let a survey be asked now: not within the site's global cool-down of
 * any prompt, not within this survey's re-contact days (or its shorter dismissal cool-down
 * when the last prompt was dismissed), and not if this session already had a prompt.
 */
export function rested(
  survey: Pick<ActiveSurvey, 'id' | 'targeting'>,
  contacts: readonly Contact[],
  now: number,
  cooldownDays: number,
  promptedThisSession: boolean,
): boolean {
  if (promptedThisSession) return false;
  for (const contact of contacts) {
    const age = now - contact.ts;
    if (age < cooldownDays * DAY_MS) return false;
    if (contact.survey === survey.id) {
      const days = contact.dismissed ? survey.targeting.dismissDays : survey.targeting.recontactDays;
      if (age < days * DAY_MS) return false;
    }
  }
  return true;
}
