// Survey rules: pure functions the widget and the worker share. Only types come from the
// protocol, so the browser build never pulls zod in.
import { DAY_MS, matchLocale } from './constants';
import { rested } from './fatigue';
import type { ActiveSurvey, Contact, Filter, Props, Trigger, UrlRule } from './protocol';
import { sampled } from './sampling';

export * from './constants';
export * from './fatigue';
export * from './sampling';

type Scalar = string | number | boolean;

/** Whether one property filter holds for a set of properties or traits. A missing key only satisfies `not`. */
export function matchFilter(filter: Filter, props: Readonly<Record<string, Scalar>> = {}): boolean {
  const actual = props[filter.key];
  if (actual === undefined) return filter.op === 'not';
  const value = filter.value;
  switch (filter.op) {
    case 'equals':
      return String(actual) === String(value);
    case 'not':
      return String(actual) !== String(value);
    case 'contains':
      return String(actual).includes(String(value));
    case 'gt':
      return typeof actual !== 'boolean' && actual !== '' && Number(actual) > Number(value);
    case 'lt':
      return typeof actual !== 'boolean' && actual !== '' && Number(actual) < Number(value);
    case 'in':
      return Array.isArray(value) && value.some((v) => String(v) === String(actual));
  }
}

/** Whether every filter holds. */
export function matchFilters(
  filters: readonly Filter[] | undefined,
  props?: Readonly<Record<string, Scalar>>,
): boolean {
  return (filters ?? []).every((filter) => matchFilter(filter, props));
}

function urlHits(rule: UrlRule, url: string): boolean {
  switch (rule.op) {
    case 'exact':
      return url === rule.value;
    case 'contains':
      return url.includes(rule.value);
    case 'startsWith':
      return url.startsWith(rule.value);
    case 'regex':
      try {
        return new RegExp(rule.value).test(url);
      } catch {
        return false;
      }
  }
}

/**
 * Whether a page URL matches a survey's page rules: any positive rule may match (all pages
 * when there is none), and no negated rule's pattern may match.
 * @example matchUrl([{ op: 'startsWith', value: 'https://app.acme.com/billing' }], location.href)
 */
export function matchUrl(rules: readonly UrlRule[], url: string): boolean {
  const positive = rules.filter((rule) => !rule.not);
  return (
    (positive.length === 0 || positive.some((rule) => urlHits(rule, url))) &&
    rules.every((rule) => !rule.not || !urlHits(rule, url))
  );
}

/** Something that happened: a page view, or a `track()` event with its properties. */
export type Occurrence = { type: 'pageview' } | { type: 'event'; name: string; props?: Props };

/** Whether an occurrence fires a trigger. */
export function fires(trigger: Trigger, occurrence: Occurrence): boolean {
  if (trigger.type === 'pageview') return occurrence.type === 'pageview';
  return (
    occurrence.type === 'event' && occurrence.name === trigger.name && matchFilters(trigger.where, occurrence.props)
  );
}

/** Everything about the user and the page the rules look at. */
export interface Situation {
  url: string;
  /** The user id, or the anonymous id before sign-in: the key sampling hashes. */
  userKey: string;
  traits?: Props;
  locale?: string;
  firstSeen?: number;
  signedUp?: number;
  contacts: readonly Contact[];
  cooldownDays: number;
  promptedThisSession: boolean;
}

/** Whether the user belongs to a survey's audience: traits, sample, locale and days since first seen or sign-up. */
export function inAudience(survey: Pick<ActiveSurvey, 'id' | 'targeting'>, situation: Situation, now: number): boolean {
  const { targeting } = survey;
  if (!matchFilters(targeting.traits, situation.traits)) return false;
  if (!sampled(survey.id, situation.userKey, targeting.sample)) return false;
  if (!matchLocale(targeting.locales, situation.locale)) return false;
  if (targeting.afterDays) {
    const since = targeting.afterDays.since === 'signed_up' ? situation.signedUp : situation.firstSeen;
    if (since === undefined || now - since < targeting.afterDays.days * DAY_MS) return false;
  }
  return true;
}

/** Whether a survey may show right now on this page to this user, triggers aside. */
export function eligible(survey: Pick<ActiveSurvey, 'id' | 'targeting'>, situation: Situation, now: number): boolean {
  return (
    matchUrl(survey.targeting.pages, situation.url) &&
    inAudience(survey, situation, now) &&
    rested(survey, situation.contacts, now, situation.cooldownDays, situation.promptedThisSession)
  );
}

/**
 * The one survey an occurrence makes due, if any: among those it triggers and that are
 * eligible, the highest priority (ties go to the lowest id, so every device agrees).
 * A survey with a delay is shown only if `eligible` still holds when the delay ends.
 */
export function due<S extends Pick<ActiveSurvey, 'id' | 'targeting' | 'priority'>>(
  surveys: readonly S[],
  occurrence: Occurrence,
  situation: Situation,
  now: number,
): S | undefined {
  let best: S | undefined;
  for (const survey of surveys) {
    if (!survey.targeting.triggers.some((trigger) => fires(trigger, occurrence))) continue;
    if (!eligible(survey, situation, now)) continue;
    if (!best || survey.priority > best.priority || (survey.priority === best.priority && survey.id < best.id)) {
      best = survey;
    }
  }
  return best;
}
