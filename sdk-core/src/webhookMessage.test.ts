import { describe, expect, it } from 'vitest';
import { alertMessage, alertSummary, isLowAnswer, signBody } from './webhookMessage';

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
