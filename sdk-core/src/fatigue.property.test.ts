import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ActiveSurvey, Contact } from './protocol';
import { ZTargeting } from './protocol';
import { DAY_MS, due, eligible, matchUrl, type Occurrence } from './rules';

const URLS = ['https://a.com/', 'https://a.com/billing', 'https://a.com/tickets/1', 'https://a.com/settings'];

const arbSurvey = fc.record({
  id: fc.constantFrom('s1', 's2', 's3', 's4'),
  priority: fc.integer({ min: 0, max: 3 }),
  recontactDays: fc.integer({ min: 0, max: 60 }),
  dismissDays: fc.integer({ min: 0, max: 20 }),
  delaySeconds: fc.constantFrom(0, 0, 5, 60),
  trigger: fc.constantFrom<ActiveSurvey['targeting']['triggers'][number]>(
    { type: 'pageview' },
    { type: 'event', name: 'ticket_resolved' },
    { type: 'event', name: 'activated', where: [{ key: 'n', op: 'gt', value: 2 }] },
  ),
  page: fc.option(fc.constantFrom('/billing', '/tickets', '/settings'), { nil: undefined }),
  negate: fc.boolean(),
});

const arbStep = fc.oneof(
  fc.record({ type: fc.constant('pageview' as const), url: fc.integer({ min: 0, max: URLS.length - 1 }) }),
  fc.record({
    type: fc.constant('event' as const),
    name: fc.constantFrom('ticket_resolved', 'activated', 'other'),
    n: fc.integer({ min: 0, max: 5 }),
  }),
  fc.record({
    type: fc.constant('wait' as const),
    ms: fc.oneof(fc.integer({ min: 0, max: 120_000 }), fc.integer({ min: 0, max: 20 * DAY_MS })),
  }),
  fc.record({ type: fc.constant('session' as const) }),
  fc.record({ type: fc.constant('outcome' as const), dismissed: fc.boolean() }),
);

type Step = typeof arbStep extends fc.Arbitrary<infer T> ? T : never;

interface Shown {
  survey: ActiveSurvey;
  ts: number;
  session: number;
  url: string;
  dismissed: boolean;
}

/**
 * Drives the rules the way the widget does: an occurrence picks the due survey; a delayed one
 * waits, is cancelled when the page stops matching, and is re-checked when its delay ends.
 */
function simulate(surveys: ActiveSurvey[], steps: readonly Step[], cooldownDays: number) {
  let now = 1_800_000_000_000;
  let url = URLS[0] as string;
  let session = 0;
  let promptedThisSession = false;
  const contacts: Contact[] = [];
  const shown: Shown[] = [];
  let pending: { survey: ActiveSurvey; at: number } | undefined;
  const situation = () => ({ url, userKey: 'u1', contacts, cooldownDays, promptedThisSession });
  const show = (survey: ActiveSurvey) => {
    const contact = { survey: survey.id, ts: now, dismissed: false };
    contacts.push(contact);
    shown.push({ survey, ts: now, session, url, dismissed: false });
    promptedThisSession = true;
  };
  const occur = (occurrence: Occurrence) => {
    const survey = due(surveys, occurrence, situation(), now);
    if (!survey || pending) return;
    if (survey.targeting.delaySeconds === 0) show(survey);
    else pending = { survey, at: now + survey.targeting.delaySeconds * 1000 };
  };
  for (const step of steps) {
    if (step.type === 'pageview') {
      url = URLS[step.url] as string;
      if (pending && !matchUrl(pending.survey.targeting.pages, url)) pending = undefined;
      occur({ type: 'pageview' });
    } else if (step.type === 'event') {
      occur({ type: 'event', name: step.name, props: { n: step.n } });
    } else if (step.type === 'wait') {
      now += step.ms;
      if (pending && pending.at <= now) {
        const { survey } = pending;
        pending = undefined;
        if (eligible(survey, situation(), now)) show(survey);
      }
    } else if (step.type === 'session') {
      session++;
      promptedThisSession = false;
      pending = undefined;
    } else if (step.type === 'outcome') {
      const last = shown.at(-1);
      const contact = contacts.at(-1);
      if (last && contact && last.session === session) {
        last.dismissed = step.dismissed;
        contact.dismissed = step.dismissed;
      }
    }
  }
  return shown;
}

describe('fatigue under any sequence of events, page views and days', () => {
  it('never breaks a cool-down, the one-per-session cap, or the page rules', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(arbSurvey, { minLength: 1, maxLength: 4, selector: (s) => s.id }),
        fc.array(arbStep, { maxLength: 80 }),
        fc.integer({ min: 0, max: 10 }),
        (specs, steps, cooldownDays) => {
          const surveys: ActiveSurvey[] = specs.map((s) => ({
            id: s.id,
            kind: 'nps',
            scale: [0, 10],
            texts: { question: '?' },
            appearance: {},
            priority: s.priority,
            targeting: ZTargeting.parse({
              triggers: [s.trigger],
              pages: s.page ? [{ op: 'contains', value: s.page, not: s.negate }] : [],
              delaySeconds: s.delaySeconds,
              recontactDays: s.recontactDays,
              dismissDays: s.dismissDays,
            }),
          }));
          const shown = simulate(surveys, steps, cooldownDays);
          for (let i = 0; i < shown.length; i++) {
            const later = shown[i] as Shown;
            expect(matchUrl(later.survey.targeting.pages, later.url)).toBe(true);
            for (let j = 0; j < i; j++) {
              const earlier = shown[j] as Shown;
              const gap = later.ts - earlier.ts;
              expect(later.session).not.toBe(earlier.session);
              expect(gap).toBeGreaterThanOrEqual(cooldownDays * DAY_MS);
              if (earlier.survey.id === later.survey.id) {
                const days = earlier.dismissed
                  ? earlier.survey.targeting.dismissDays
                  : earlier.survey.targeting.recontactDays;
                expect(gap).toBeGreaterThanOrEqual(days * DAY_MS);
              }
            }
          }
        },
      ),
      { numRuns: 500 },
    );
  });

  it('shows the highest-priority survey when several are due at once', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 0, max: 1000 }), { minLength: 2, maxLength: 6 }), (priorities) => {
        const surveys = priorities.map((priority, i) => ({
          id: `s${i}`,
          priority,
          targeting: ZTargeting.parse({}),
        }));
        const picked = due(
          surveys,
          { type: 'pageview' },
          { url: 'https://a.com/', userKey: 'u', contacts: [], cooldownDays: 7, promptedThisSession: false },
          0,
        );
        expect(picked?.priority).toBe(Math.max(...priorities));
      }),
    );
  });
});
