import { describe, expect, it } from 'vitest';
import { npsAnswer } from '../test/helpers';
import type { IngestMessage } from './env';
import { ITEMS_PER_WRITE, toMessages } from './ingest';

const answers = (n: number, extra: Record<string, unknown> = {}) =>
  Array.from({ length: n }, () => npsAnswer(7, extra)) as unknown as IngestMessage['answers'];
const sizeOf = (m: IngestMessage) => m.answers.length + m.events.length + m.displays.length;

describe('toMessages', () => {
  it('splits a request into messages of at most 100 items, in order, losing none', () => {
    const all = answers(250);
    const event = { id: crypto.randomUUID(), name: 'activated', userId: 'u', ts: 1 };
    const messages = toMessages('site_1', { answers: all, events: [event], displays: [] }, 42);
    expect(messages.map(sizeOf)).toEqual([100, 100, 51]);
    expect(messages.flatMap((m) => m.answers)).toEqual(all);
    expect(messages.at(-1)?.events).toEqual([event]);
    expect(messages.every((m) => m.siteId === 'site_1' && m.receivedAt === 42 && m.v === 1)).toBe(true);
  });

  it('keeps each message under the queue size limit when items are large', () => {
    const large = answers(60, { comment: 'x'.repeat(4900) });
    const messages = toMessages('site_1', { answers: large, events: [], displays: [] }, 1);
    for (const m of messages) {
      expect(sizeOf(m)).toBeLessThanOrEqual(ITEMS_PER_WRITE);
      expect(new TextEncoder().encode(JSON.stringify(m)).byteLength).toBeLessThan(128 * 1024);
    }
    expect(messages.flatMap((m) => m.answers)).toHaveLength(60);
    expect(messages.length).toBeGreaterThan(1);
  });

  it('makes no message for an empty request', () => {
    expect(toMessages('site_1', { answers: [], events: [], displays: [] }, 1)).toEqual([]);
  });
});
