import type { ActiveSurvey, ActiveSurveys } from '@heard/core';
import { DAY_MS, matchUrl, ZTargeting } from '@heard/core';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createTargeting, type Targeting } from './targeting';

// The widget's real targeting code, driven by random sessions of page views, events, dismissals
// and days passing, in a stand-in browser: location, the Navigation API, storage and fetch.

const URLS = ['https://a.com/', 'https://a.com/billing', 'https://a.com/tickets/1', 'https://a.com/settings'];

const memory = () => {
  const map = new Map<string, string>();
  return {
    getItem: (key: string) => map.get(key) ?? null,
    setItem: (key: string, value: string) => void map.set(key, value),
    removeItem: (key: string) => void map.delete(key),
  };
};

const arbSurvey = fc.record({
  id: fc.constantFrom('s1', 's2', 's3'),
  priority: fc.integer({ min: 0, max: 3 }),
  recontactDays: fc.integer({ min: 0, max: 40 }),
  dismissDays: fc.integer({ min: 0, max: 10 }),
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
    ms: fc.oneof(fc.integer({ min: 0, max: 90_000 }), fc.integer({ min: 0, max: 15 * DAY_MS })),
  }),
  fc.constant({ type: 'session' as const }),
  fc.constant({ type: 'dismiss' as const }),
);

interface Shown {
  survey: ActiveSurvey;
  ts: number;
  session: number;
  url: string;
  dismissed: boolean;
}

// Node's setImmediate is not faked: it lets the stand-in fetch and the microtasks after it settle.
const { setImmediate } = globalThis as unknown as { setImmediate(callback: () => void): void };
const flush = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('widget targeting under any sequence of page views, events, dismissals and days', () => {
  const location = { href: URLS[0] as string };
  let navigation = new EventTarget();
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    vi.stubGlobal('location', location);
    vi.stubGlobal('document', { documentElement: { lang: 'en' } });
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('never breaks a cool-down, the one-per-session cap, or the page rules', async () => {
    let prompts = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(arbSurvey, { minLength: 1, maxLength: 3, selector: (s) => s.id }),
        fc.array(arbStep, { maxLength: 60 }),
        fc.integer({ min: 0, max: 10 }),
        async (specs, steps, cooldownDays) => {
          vi.setSystemTime(1_800_000_000_000);
          location.href = URLS[0] as string;
          const active: ActiveSurveys = {
            cooldownDays,
            contacts: [],
            surveys: specs.map((s) => ({
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
            })),
          };
          vi.stubGlobal('fetch', async () => new Response(JSON.stringify(active)));
          const storage = memory();
          const shown: Shown[] = [];
          let session = -1;
          let targeting!: Targeting;
          const open = async () => {
            session++;
            const mine = session;
            // A new tab: its own session storage and history; the old tab is closed.
            navigation = new EventTarget();
            vi.stubGlobal('window', { navigation });
            targeting = createTargeting({
              storage,
              session: memory(),
              who: () => ({ anonymousId: 'anon-1' }),
              show: (kind, options) => {
                if (mine !== session) return;
                const survey = active.surveys.find((s) => s.id === options.survey) as ActiveSurvey;
                shown.push({ survey, ts: Date.now(), session, url: location.href, dismissed: false });
                // What heard.ts does once the UI has mounted the prompt.
                targeting.shown({ kind, survey: survey.id });
              },
              error: (error) => {
                throw error;
              },
            });
            targeting.start('pk_test', 'https://collector.test', undefined);
            await flush();
          };
          await open();
          for (const step of steps) {
            if (step.type === 'pageview') {
              location.href = URLS[step.url] as string;
              navigation.dispatchEvent(new Event('currententrychange'));
            } else if (step.type === 'event') {
              targeting.track(step.name, { n: step.n });
            } else if (step.type === 'wait') {
              await vi.advanceTimersByTimeAsync(step.ms);
            } else if (step.type === 'session') {
              await open();
            } else {
              const last = shown.at(-1);
              if (last && last.session === session && !last.dismissed) {
                last.dismissed = true;
                targeting.dismissed({ kind: 'nps', survey: last.survey.id });
              }
            }
            await flush();
          }

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
          prompts += shown.length;
        },
      ),
      { numRuns: 150 },
    );
    // The runs did show prompts: the rules above were exercised, not vacuously true.
    expect(prompts).toBeGreaterThan(10);
  });
});
