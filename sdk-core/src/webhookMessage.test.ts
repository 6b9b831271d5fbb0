import { describe, expect, it } from 'vitest';
import {
  type AlertAnswer,
  alertMessage,
  alertSummary,
  isLowAnswer,
  LOW_ANSWERS,
  signBody,
  webhookWants,
} from './webhookMessage';

const answer = (
  kind: 'nps' | 'csat' | 'ces',
  score: number,
  scale: [number, number],
  direction = 'higher-better' as const,
) => ({
  kind,
  score,
  scale,
  direction,
});

describe('isLowAnswer', () => {
  it('flags detractors and the worst two points of CSAT and CES, in the scale direction', () => {
    expect([0, 6, 7, 10].map((s) => isLowAnswer(answer('nps', s, [0, 10])))).toEqual([true, true, false, false]);
    expect([1, 2, 3, 5].map((s) => isLowAnswer(answer('csat', s, [1, 5])))).toEqual([true, true, false, false]);
    expect([1, 2].map((s) => isLowAnswer(answer('csat', s, [1, 3])))).toEqual([true, false]);
    expect([1, 2, 3, 7].map((s) => isLowAnswer(answer('ces', s, [1, 7])))).toEqual([true, true, false, false]);
    const effort = (s: number) => isLowAnswer({ kind: 'ces', score: s, scale: [1, 5], direction: 'lower-better' });
    expect([1, 3, 4, 5].map(effort)).toEqual([false, false, true, true]);
  });
});

describe('signBody', () => {
  it('is HMAC-SHA256, checked against RFC 4231 test case 2', async () => {
    expect(await signBody('Jefe', 'what do ya want for nothing?')).toBe(
      'sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843',
    );
  });
});

describe('alertMessage', () => {
  it('is Slack-compatible: text plus blocks, with the comment quoted and escaped', () => {
    const message = alertMessage(
      'Acme',
      {
        id: 'a1',
        kind: 'nps',
        score: 3,
        scale: [0, 10],
        direction: 'higher-better',
        comment: 'slow <script>',
        userId: 'u_1',
        ts: 0,
      },
      'answer',
    );
    expect(message.text).toContain('Acme: NPS 3 on 0–10 from u_1');
    expect(message.text).toContain('slow &lt;script&gt;');
    expect(JSON.stringify(message.blocks)).toContain('slow &lt;script&gt;');
    expect(message.heard.stage).toBe('answer');
  });
});

describe('Slack markup from visitors', () => {
  const hostile =
    '<!channel> <!here|x> <@U024BE7LH> <#C024BE7LH> <https://evil.example|click> & @channel @here @everyone';
  /** Every string a Slack client would read: `text` and each block's text. */
  const slackStrings = (message: { text: string; blocks: unknown[] }) =>
    [message.text, ...(JSON.stringify(message.blocks).match(/"text":"[^"]*"/g) ?? [])].join('\n');

  it('escapes control characters and mentions in every visitor-written field, in text and blocks', () => {
    const message = alertMessage(
      'Acme',
      {
        id: 'a1',
        kind: 'nps',
        score: 1,
        scale: [0, 10],
        direction: 'higher-better',
        comment: hostile,
        userId: hostile,
        survey: '<!channel>',
        url: 'https://app.example/<!everyone>',
        ts: 0,
      },
      'comment',
    );
    const summary = alertSummary('Acme', [
      {
        id: 'a2',
        kind: 'nps',
        score: 0,
        scale: [0, 10],
        direction: 'higher-better',
        anonymousId: hostile,
        comment: hostile,
        ts: 0,
      },
    ]);
    for (const m of [message, summary]) {
      const text = slackStrings(m);
      expect(text).not.toMatch(/<[!@#]|<https?:/);
      expect(text).not.toMatch(/@(channel|here|everyone)/);
      expect(text).not.toMatch(/&(?!amp;|lt;|gt;)/);
      expect(text).toContain('&lt;!channel&gt;');
    }
  });
});

describe('webhookWants', () => {
  const answer = (extra: Partial<AlertAnswer> = {}): AlertAnswer => ({
    id: 'a1',
    kind: 'nps',
    score: 9,
    scale: [0, 10],
    direction: 'higher-better',
    survey: 'onboarding',
    comment: null,
    traits: { plan: 'pro', beta: true },
    props: { page: 'billing' },
    ts: 0,
    ...extra,
  });

  it('sends only low answers by default, every answer with answers: every', () => {
    expect(webhookWants(LOW_ANSWERS, answer())).toBe(false);
    expect(webhookWants(LOW_ANSWERS, answer({ score: 6 }))).toBe(true);
    expect(webhookWants({ answers: 'every' }, answer())).toBe(true);
    expect(webhookWants({ answers: 'every' }, answer({ score: 0 }))).toBe(true);
  });

  it('reads the band on the answer’s own scale and direction', () => {
    const effort = (score: number) => answer({ kind: 'ces', scale: [1, 5], direction: 'lower-better', score });
    expect(webhookWants(LOW_ANSWERS, effort(5))).toBe(true);
    expect(webhookWants(LOW_ANSWERS, effort(1))).toBe(false);
    expect(webhookWants({ answers: 'every', band: ['high'] }, effort(1))).toBe(true);
    expect(webhookWants({ answers: 'every', band: ['middle'] }, effort(3))).toBe(true);
    expect(webhookWants({ answers: 'every', band: ['middle'] }, effort(4))).toBe(false);
  });

  it('applies every filter given: metric, survey, segment (trait, else prop) and comment', () => {
    const every = { answers: 'every' } as const;
    expect(webhookWants({ ...every, metric: ['csat'] }, answer())).toBe(false);
    expect(webhookWants({ ...every, metric: ['csat', 'nps'] }, answer())).toBe(true);
    expect(webhookWants({ ...every, survey: ['pricing'] }, answer())).toBe(false);
    expect(webhookWants({ ...every, survey: ['onboarding'] }, answer())).toBe(true);
    expect(webhookWants({ ...every, survey: ['onboarding'] }, answer({ survey: null }))).toBe(false);
    expect(webhookWants({ ...every, segment: { by: 'plan', value: 'pro' } }, answer())).toBe(true);
    expect(webhookWants({ ...every, segment: { by: 'plan', value: 'free' } }, answer())).toBe(false);
    expect(webhookWants({ ...every, segment: { by: 'beta', value: 'true' } }, answer())).toBe(true);
    expect(webhookWants({ ...every, segment: { by: 'page', value: 'billing' } }, answer())).toBe(true);
    expect(webhookWants({ ...every, segment: { by: 'plan', value: 'pro' } }, answer({ traits: null }))).toBe(false);
    expect(webhookWants({ ...every, hasComment: true }, answer())).toBe(false);
    expect(webhookWants({ ...every, hasComment: true }, answer({ comment: 'nice' }))).toBe(true);
    expect(webhookWants({ ...every, hasComment: false }, answer({ comment: 'nice' }))).toBe(false);
    expect(webhookWants({ ...every, hasComment: false }, answer({ comment: '' }))).toBe(true);
    // Low, and narrowed: only low NPS with a comment.
    const lowNps = { answers: 'low', metric: ['nps'], hasComment: true } as const;
    expect(webhookWants(lowNps, answer({ score: 2, comment: 'slow' }))).toBe(true);
    expect(webhookWants(lowNps, answer({ score: 2 }))).toBe(false);
    expect(webhookWants(lowNps, answer({ kind: 'csat', scale: [1, 5], score: 1, comment: 'slow' }))).toBe(false);
  });
});
