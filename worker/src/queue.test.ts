import { createMessageBatch } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { npsAnswer } from '../test/helpers';
import type { IngestMessage } from './env';
import { planWrites } from './queue';

const message = (siteId: string, n: number): IngestMessage => ({
  v: 1,
  siteId,
  receivedAt: 1,
  answers: Array.from({ length: n }, () => npsAnswer(5)) as unknown as IngestMessage['answers'],
  events: [],
  displays: [],
});
const batchOf = (bodies: IngestMessage[]) =>
  createMessageBatch(
    'heard-ingest',
    bodies.map((body, i) => ({ id: `m${i}`, timestamp: new Date(), attempts: 1, body })),
  ).messages;

describe('planWrites', () => {
  it('packs messages into writes of at most 100 items, one site per write', () => {
    const writes = planWrites(
      batchOf([message('a', 60), message('b', 10), message('a', 40), message('a', 1), message('b', 90)]),
    );
    const shape = writes.map((w) => ({ site: w[0]?.body.siteId, ids: w.map((m) => m.id) }));
    expect(shape).toEqual([
      { site: 'a', ids: ['m0', 'm2'] },
      { site: 'a', ids: ['m3'] },
      { site: 'b', ids: ['m1', 'm4'] },
    ]);
  });

  it('gives a hundred one-answer messages a single write', () => {
    const writes = planWrites(batchOf(Array.from({ length: 100 }, () => message('a', 1))));
    expect(writes).toHaveLength(1);
    expect(writes[0]).toHaveLength(100);
  });
});
