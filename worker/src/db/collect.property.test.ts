import { env } from 'cloudflare:test';
import type { Answer, Display, Event } from '@heard/core';
import { DAY_MS as DAY } from '@heard/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { kept, recomputed, storedState } from '../../test/stored';
import { type Items, storeBatch } from './collect';
import { createSite } from './sites';

const now = Date.now();

// Small pools, so batches repeat ids within themselves and across re-sends, and users,
// days and rollup keys collide.
const users = [{ userId: 'u1' }, { userId: 'u2' }, { anonymousId: 'a1' }, { anonymousId: 'a2' }];
const answerPool: Answer[] = Array.from({ length: 12 }, (_, i) => ({
  id: crypto.randomUUID(),
  kind: i % 3 === 0 ? 'csat' : 'nps',
  score: i % 3 === 0 ? 1 + (i % 5) : i % 11,
  scale: i % 3 === 0 ? [1, 5] : [0, 10],
  ...(i % 4 === 0 ? { survey: 'onboarding' } : {}),
  ...(i % 5 === 0 ? { comment: `comment ${i}` } : {}),
  ...(i % 2 === 0 ? { traits: { plan: i % 4 ? 'pro' : 'free', seats: i } } : {}),
  ...(users[i % users.length] as { userId: string }),
  ts: now - (i % 3) * DAY - i * 1000,
}));
const eventPool: Event[] = Array.from({ length: 8 }, (_, i) => ({
  id: crypto.randomUUID(),
  name: ['signed_up', 'activated', 'identify'][i % 3] as string,
  ...(i % 3 === 2 ? { props: { plan: `p${i}` } } : {}),
  ...(users[i % users.length] as { userId: string }),
  ts: now - (i % 4) * DAY - i * 1000,
}));
const displayPool: Display[] = Array.from({ length: 6 }, (_, i) => ({
  id: crypto.randomUUID(),
  kind: 'nps',
  action: i % 2 ? 'dismissed' : 'shown',
  ...(users[i % users.length] as { userId: string }),
  ts: now - (i % 2) * DAY - i * 1000,
}));

const picks = (size: number) => fc.array(fc.nat(size - 1), { maxLength: 10 });
const batch = fc.record({
  answers: picks(answerPool.length),
  events: picks(eventPool.length),
  displays: picks(displayPool.length),
});

/**
 * A later copy of an answer may bring a comment the first did not have (a partial answer); a
 * copy after that with another comment is a conflict and changes nothing.
 */
const withLaterComment = (answer: Answer, copy: number): Answer =>
  copy > 0 && answer.comment === undefined && copy % 2 === 0 ? { ...answer, comment: `added ${copy}` } : answer;

describe('storeBatch under any mix of duplicates and re-sends', () => {
  it('stores what one-item writes would, counts each item once, and keeps every rollup equal to the raw rows', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(batch, { minLength: 1, maxLength: 4 }), async (plan) => {
        const batched = await createSite(env.DB, { name: 'batched', origins: [] });
        const single = await createSite(env.DB, { name: 'single', origins: [] });
        const seen = new Set<string>();
        const copies = new Map<string, number>();
        const copy = (id: string) => {
          const n = copies.get(id) ?? 0;
          copies.set(id, n + 1);
          return n;
        };
        let acceptedTotal = 0;
        // The comment each answer id holds once one arrived: a later copy with another is refused.
        const comments = new Map<string, string>();
        for (const picked of plan) {
          const items: Items = {
            answers: picked.answers.map((i) => {
              const answer = answerPool[i] as Answer;
              return withLaterComment(answer, copy(answer.id));
            }),
            events: picked.events.map((i) => eventPool[i] as Event),
            displays: picked.displays.map((i) => displayPool[i] as Display),
          };
          const all = [...items.answers, ...items.events, ...items.displays];
          const fresh = new Set(all.map((item) => item.id).filter((id) => !seen.has(id)));
          for (const id of fresh) seen.add(id);
          const conflicts: { type: 'answer'; position: number }[] = [];
          items.answers.forEach((answer, position) => {
            if (answer.comment === undefined) return;
            const known = comments.get(answer.id);
            if (known === undefined) comments.set(answer.id, answer.comment);
            else if (known !== answer.comment) conflicts.push({ type: 'answer', position });
          });
          const stored = await storeBatch(env.DB, batched.id, items, now);
          expect(stored).toEqual({
            accepted: fresh.size,
            duplicates: all.length - fresh.size - conflicts.length,
            ...(conflicts.length > 0 ? { conflicts } : {}),
          });
          acceptedTotal += stored.accepted;
          // The same items, one request each, in the same order.
          for (const answer of items.answers) await storeBatch(env.DB, single.id, { ...none, answers: [answer] }, now);
          for (const event of items.events) await storeBatch(env.DB, single.id, { ...none, events: [event] }, now);
          for (const display of items.displays) {
            await storeBatch(env.DB, single.id, { ...none, displays: [display] }, now);
          }
        }
        const state = await storedState(batched.id);
        expect(state).toEqual(await storedState(single.id));
        expect(state.answers.length + state.events.length + state.displays.length).toBe(acceptedTotal);
        expect(await kept(batched.id)).toEqual(await recomputed(batched.id));
        // Everything again in one batch: nothing moves.
        const everything = { answers: answerPool, events: eventPool, displays: displayPool };
        const again = await storeBatch(env.DB, batched.id, everything, now);
        expect(again.accepted).toBe(answerPool.length + eventPool.length + displayPool.length - acceptedTotal);
        expect(await kept(batched.id)).toEqual(await recomputed(batched.id));
      }),
      { numRuns: 15 },
    );
  }, 120_000);
});

const none: Items = { answers: [], events: [], displays: [] };
