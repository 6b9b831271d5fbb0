import { describe, expect, it } from 'vitest';
import type { ActiveSurvey, Contact } from './protocol';
import { ZTargeting } from './protocol';
import { DAY_MS, due, eligible, fires, matchFilter, matchLocale, matchUrl, type Situation } from './rules';

const survey = (id: string, targeting: Record<string, unknown> = {}, priority = 0): ActiveSurvey => ({
  id,
  kind: 'ces',
  scale: [1, 7],
  texts: { question: 'Easy?' },
  appearance: {},
  targeting: ZTargeting.parse(targeting),
  priority,
});
const now = 1_800_000_000_000;
const situation = (extra: Partial<Situation> = {}): Situation => ({
  url: 'https://app.acme.com/tickets/42',
  userKey: 'user-1',
  contacts: [],
  cooldownDays: 7,
  promptedThisSession: false,
  ...extra,
});

describe('property filters', () => {
  const props = { plan: 'pro', seats: 12, beta: true, tags: 'a,b' };
  it.each([
    [{ key: 'plan', op: 'equals', value: 'pro' }, true],
    [{ key: 'plan', op: 'equals', value: 'free' }, false],
    [{ key: 'plan', op: 'not', value: 'free' }, true],
    [{ key: 'missing', op: 'not', value: 'free' }, true],
    [{ key: 'missing', op: 'equals', value: 'free' }, false],
    [{ key: 'tags', op: 'contains', value: 'b' }, true],
    [{ key: 'seats', op: 'gt', value: 10 }, true],
    [{ key: 'seats', op: 'lt', value: 10 }, false],
    [{ key: 'beta', op: 'gt', value: 0 }, false],
    [{ key: 'plan', op: 'in', value: ['team', 'pro'] }, true],
    [{ key: 'plan', op: 'in', value: ['team'] }, false],
    [{ key: 'beta', op: 'equals', value: true }, true],
  ] as const)('%o → %s', (filter, expected) => {
    expect(matchFilter(filter as never, props)).toBe(expected);
  });
});

describe('page URL rules', () => {
  const url = 'https://app.acme.com/billing/plans?x=1';
  it('matches exact, contains, startsWith and regex, and their negations', () => {
    expect(matchUrl([{ op: 'exact', value: url }], url)).toBe(true);
    expect(matchUrl([{ op: 'exact', value: 'https://app.acme.com/billing' }], url)).toBe(false);
    expect(matchUrl([{ op: 'contains', value: '/billing/' }], url)).toBe(true);
    expect(matchUrl([{ op: 'startsWith', value: 'https://app.acme.com/bill' }], url)).toBe(true);
    expect(matchUrl([{ op: 'regex', value: '/plans\\?x=\\d$' }], url)).toBe(true);
    expect(matchUrl([{ op: 'contains', value: '/billing', not: true }], url)).toBe(false);
    expect(matchUrl([{ op: 'contains', value: '/settings', not: true }], url)).toBe(true);
  });
  it('positive rules are alternatives, negated ones must all hold', () => {
    const rules = [
      { op: 'contains', value: '/billing' },
      { op: 'contains', value: '/tickets' },
      { op: 'contains', value: '?x=1', not: true },
    ] as const;
    expect(matchUrl(rules as never, 'https://a.com/tickets/1')).toBe(true);
    expect(matchUrl(rules as never, url)).toBe(false);
    expect(matchUrl(rules as never, 'https://a.com/home')).toBe(false);
    expect(matchUrl([], 'https://a.com/anything')).toBe(true);
  });
});

describe('triggers', () => {
  it('fire on the named event when its property filters hold', () => {
    const trigger = {
      type: 'event',
      name: 'ticket_resolved',
      where: [{ key: 'channel', op: 'equals', value: 'chat' }],
    };
    expect(fires(trigger as never, { type: 'event', name: 'ticket_resolved', props: { channel: 'chat' } })).toBe(true);
    expect(fires(trigger as never, { type: 'event', name: 'ticket_resolved', props: { channel: 'mail' } })).toBe(false);
    expect(fires(trigger as never, { type: 'event', name: 'ticket_opened', props: { channel: 'chat' } })).toBe(false);
    expect(fires(trigger as never, { type: 'pageview' })).toBe(false);
    expect(fires({ type: 'pageview' }, { type: 'pageview' })).toBe(true);
  });
});

describe('audience', () => {
  it('filters by traits, locale and days since first seen or sign-up', () => {
    const pro = survey('s', { traits: [{ key: 'plan', op: 'equals', value: 'pro' }], locales: ['de'] });
    expect(eligible(pro, situation({ traits: { plan: 'pro' }, locale: 'de-AT' }), now)).toBe(true);
    expect(eligible(pro, situation({ traits: { plan: 'free' }, locale: 'de' }), now)).toBe(false);
    expect(eligible(pro, situation({ traits: { plan: 'pro' }, locale: 'en' }), now)).toBe(false);
    const later = survey('s', { afterDays: { days: 14, since: 'signed_up' } });
    expect(eligible(later, situation({ signedUp: now - 15 * DAY_MS }), now)).toBe(true);
    expect(eligible(later, situation({ signedUp: now - 13 * DAY_MS }), now)).toBe(false);
    expect(eligible(later, situation({ firstSeen: now - 30 * DAY_MS }), now)).toBe(false);
    const seen = survey('s', { afterDays: { days: 3, since: 'first_seen' } });
    expect(eligible(seen, situation({ firstSeen: now - 4 * DAY_MS }), now)).toBe(true);
  });
  it('matches a language to its regional variants, not the other way round', () => {
    expect(matchLocale(['pt'], 'pt-BR')).toBe(true);
    expect(matchLocale(['pt-BR'], 'pt')).toBe(false);
    expect(matchLocale([], undefined)).toBe(true);
  });
  it('a sample of 0 never shows and of 1 always does', () => {
    expect(eligible(survey('s', { sample: 0 }), situation(), now)).toBe(false);
    expect(eligible(survey('s', { sample: 1 }), situation(), now)).toBe(true);
  });
});

describe('fatigue and priority', () => {
  const contact = (survey: string, daysAgo: number, dismissed = false): Contact => ({
    survey,
    ts: now - daysAgo * DAY_MS,
    dismissed,
  });
  it('honours re-contact days, the shorter dismissal cool-down, the global cool-down and the session cap', () => {
    const s = survey('s', { recontactDays: 30, dismissDays: 10 });
    expect(eligible(s, situation({ contacts: [contact('s', 20)] }), now)).toBe(false);
    expect(eligible(s, situation({ contacts: [contact('s', 31)] }), now)).toBe(true);
    expect(eligible(s, situation({ contacts: [contact('s', 11, true)] }), now)).toBe(true);
    expect(eligible(s, situation({ contacts: [contact('s', 9, true)] }), now)).toBe(false);
    expect(eligible(s, situation({ contacts: [contact('other', 6)] }), now)).toBe(false);
    expect(eligible(s, situation({ contacts: [contact('other', 8)] }), now)).toBe(true);
    expect(eligible(s, situation({ promptedThisSession: true }), now)).toBe(false);
  });
  it('shows only the highest-priority survey among those due', () => {
    const surveys = [
      survey('low', {}, 1),
      survey('high', {}, 5),
      survey('event', { triggers: [{ type: 'event', name: 'x' }] }, 9),
    ];
    expect(due(surveys, { type: 'pageview' }, situation(), now)?.id).toBe('high');
    expect(due(surveys, { type: 'event', name: 'x' }, situation(), now)?.id).toBe('event');
    expect(due(surveys, { type: 'event', name: 'y' }, situation(), now)).toBeUndefined();
    const onlyElsewhere = [survey('high', { pages: [{ op: 'contains', value: '/billing' }] }, 5), survey('low', {}, 1)];
    expect(due(onlyElsewhere, { type: 'pageview' }, situation(), now)?.id).toBe('low');
  });
});
