import { describe, expect, it } from 'vitest';
import { defaultDirection } from './constants';
import { ZAnswer, ZCollectBatch, ZEvent } from './protocol';

const answer = {
  id: '3f0e8b4c-2a55-4a7e-9c1d-0b6f1f3e9a10',
  kind: 'nps',
  score: 9,
  scale: [0, 10],
  anonymousId: 'anon-1',
  ts: 1_700_000_000_000,
};

describe('protocol', () => {
  it('accepts a minimal answer and a minimal event', () => {
    expect(ZAnswer.safeParse(answer).success).toBe(true);
    expect(ZEvent.safeParse({ id: answer.id, name: 'activated', userId: 'u1', ts: answer.ts }).success).toBe(true);
  });

  it('refuses scores outside the scale and scales a kind does not use', () => {
    expect(ZAnswer.safeParse({ ...answer, score: 11 }).success).toBe(false);
    expect(ZAnswer.safeParse({ ...answer, score: -1 }).success).toBe(false);
    expect(ZAnswer.safeParse({ ...answer, score: 8.5 }).success).toBe(false);
    expect(ZAnswer.safeParse({ ...answer, kind: 'csat', scale: [1, 10], score: 3 }).success).toBe(false);
  });

  it('requires an identity and a UUID', () => {
    const { anonymousId: _, ...anonymousless } = answer;
    expect(ZAnswer.safeParse(anonymousless).success).toBe(false);
    expect(ZAnswer.safeParse({ ...answer, id: 'not-a-uuid' }).success).toBe(false);
  });

  it('drops unknown fields instead of storing them', () => {
    const parsed = ZAnswer.parse({ ...answer, ip: '1.2.3.4' });
    expect('ip' in parsed).toBe(false);
  });

  it('caps a batch at 500 items in all', () => {
    const events = Array.from({ length: 501 }, () => ({
      id: crypto.randomUUID(),
      name: 'x',
      userId: 'u',
      ts: 1,
    }));
    expect(ZCollectBatch.safeParse({ site: 'pk_x', events }).success).toBe(false);
    expect(ZCollectBatch.safeParse({ site: 'pk_x', events: events.slice(0, 500) }).success).toBe(true);
  });

  it('reads a 1–5 CES scale as lower-is-better and everything else as higher-is-better', () => {
    expect(defaultDirection('ces', [1, 5])).toBe('lower-better');
    expect(defaultDirection('ces', [1, 7])).toBe('higher-better');
    expect(defaultDirection('csat', [1, 5])).toBe('higher-better');
  });
});
