import { describe, expect, it } from 'vitest';
import { ZEvent } from './protocol';
import { fromSegmentCall, isSegmentBatch, segmentName, uuidV5 } from './segment';

const NOW = Date.parse('2026-01-01T00:00:00Z');

// The batch example of Segment's HTTP Tracking API documentation, as published (no messageIds).
const DOCUMENTED_BATCH = {
  batch: [
    {
      type: 'identify',
      userId: '019mr8mf4r',
      traits: { email: 'jake@yahoo.com', name: 'Jake Peterson', age: 26 },
      timestamp: '2012-12-02T00:30:08.276Z',
    },
    {
      type: 'track',
      userId: '019mr8mf4r',
      event: 'Song Played',
      properties: { name: 'Fallin for You', artist: 'Dierks Bentley' },
      timestamp: '2012-12-02T00:30:12.984Z',
    },
  ],
  context: { device: { type: 'phone', name: 'Apple iPhone 6' } },
};

// The full track call of Segment's Spec ("Track" page), messageId a version-1 UUID.
const SPEC_TRACK = {
  anonymousId: '23adfd82-aa0f-45a7-a756-24f2a7a4c895',
  context: { library: { name: 'analytics.js', version: '2.11.1' }, ip: '108.0.78.21' },
  event: 'Course Clicked',
  integrations: {},
  messageId: 'ajs-f8ca1e4de5024d9430b3928bd8ac6b96',
  properties: { title: 'Intro to Analytics' },
  receivedAt: '2015-12-12T19:11:01.266Z',
  sentAt: '2015-12-12T19:11:01.169Z',
  timestamp: '2015-12-12T19:11:01.249Z',
  type: 'track',
  userId: 'AiUGstSDIg',
  originalTimestamp: '2015-12-12T19:11:01.152Z',
};

// Segment's e-commerce spec: Order Completed carries revenue.
const ORDER_COMPLETED = {
  type: 'track',
  userId: 'acct-42',
  event: 'Order Completed',
  messageId: '022bb90c-bbac-11e4-8dfc-aa07a5b093db',
  properties: { order_id: '50314b8e9bcf000000000000', revenue: 25, currency: 'USD', products: [{ sku: 'a' }] },
  timestamp: '2025-06-01T10:00:00.000Z',
};

describe('Segment batches as Heard events', () => {
  it('maps the documented batch: identify to an identify event with the traits, track to its event', async () => {
    expect(isSegmentBatch(DOCUMENTED_BATCH)).toBe(true);
    const [identify, track] = await Promise.all(DOCUMENTED_BATCH.batch.map((call) => fromSegmentCall(call, NOW)));
    expect(identify).toEqual({
      event: {
        id: expect.any(String),
        name: 'identify',
        userId: '019mr8mf4r',
        props: { email: 'jake@yahoo.com', name: 'Jake Peterson', age: 26 },
        ts: Date.parse('2012-12-02T00:30:08.276Z'),
      },
    });
    expect(track).toEqual({
      event: {
        id: expect.any(String),
        name: 'song_played',
        userId: '019mr8mf4r',
        props: { name: 'Fallin for You', artist: 'Dierks Bentley' },
        ts: Date.parse('2012-12-02T00:30:12.984Z'),
      },
    });
    for (const mapped of [identify, track])
      expect(ZEvent.safeParse((mapped as { event: unknown }).event).success).toBe(true);
  });

  it('gives a call without messageId the same id every time it is sent, and different calls different ids', async () => {
    const call = DOCUMENTED_BATCH.batch[1];
    const first = (await fromSegmentCall(call, NOW)) as { event: { id: string } };
    const again = (await fromSegmentCall(structuredClone(call), NOW + 60_000)) as { event: { id: string } };
    const other = (await fromSegmentCall(DOCUMENTED_BATCH.batch[0], NOW)) as { event: { id: string } };
    expect(again.event.id).toBe(first.event.id);
    expect(other.event.id).not.toBe(first.event.id);
  });

  it('turns a messageId that is not a UUID into a stable UUIDv5, and keeps one that is', async () => {
    const spec = (await fromSegmentCall(SPEC_TRACK, NOW)) as { event: Record<string, unknown> };
    expect(spec.event).toMatchObject({
      name: 'course_clicked',
      userId: 'AiUGstSDIg',
      anonymousId: '23adfd82-aa0f-45a7-a756-24f2a7a4c895',
      props: { title: 'Intro to Analytics' },
      ts: Date.parse('2015-12-12T19:11:01.249Z'),
    });
    expect(spec.event.id).toBe(await uuidV5('ajs-f8ca1e4de5024d9430b3928bd8ac6b96'));
    expect(spec.event.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const order = (await fromSegmentCall(ORDER_COMPLETED, NOW)) as { event: Record<string, unknown> };
    expect(order.event.id).toBe('022bb90c-bbac-11e4-8dfc-aa07a5b093db');
    expect(ZEvent.safeParse(spec.event).success).toBe(true);
  });

  it('matches the RFC 9562 UUIDv5 test vector', async () => {
    // RFC 9562 appendix A.4: name "www.example.com" in the DNS namespace.
    expect(await uuidV5('www.example.com', '6ba7b810-9dad-11d1-80b4-00c04fd430c8')).toBe(
      '2ed6657d-e927-568b-95e1-2665a8aea6a2',
    );
  });

  it('reads revenue as the value and leaves out what Heard props cannot hold', async () => {
    const order = (await fromSegmentCall(ORDER_COMPLETED, NOW)) as { event: Record<string, unknown> };
    expect(order.event).toEqual({
      id: '022bb90c-bbac-11e4-8dfc-aa07a5b093db',
      name: 'order_completed',
      userId: 'acct-42',
      value: 25,
      props: { order_id: '50314b8e9bcf000000000000', revenue: 25, currency: 'USD' },
      ts: Date.parse('2025-06-01T10:00:00.000Z'),
    });
  });

  it('flattens nested traits and falls back to originalTimestamp, then now', async () => {
    const identify = (await fromSegmentCall(
      {
        type: 'identify',
        userId: 7,
        traits: { address: { city: 'Lyon' }, plan: 'pro' },
        originalTimestamp: '2025-01-01T00:00:00Z',
      },
      NOW,
    )) as { event: Record<string, unknown> };
    expect(identify.event).toMatchObject({
      userId: '7',
      props: { 'address.city': 'Lyon', plan: 'pro' },
      ts: Date.parse('2025-01-01T00:00:00Z'),
    });
    const untimed = (await fromSegmentCall({ type: 'track', event: 'Signed Up', userId: 'u' }, NOW)) as {
      event: { ts: number };
    };
    expect(untimed.event.ts).toBe(NOW);
  });

  it('refuses page, screen, group and alias calls, and a track without an event, by saying why', async () => {
    for (const type of ['page', 'screen', 'group', 'alias']) {
      expect(await fromSegmentCall({ type, userId: 'u' }, NOW)).toEqual({
        issues: [{ path: 'type', message: `Heard takes Segment track and identify calls, not ${type}` }],
      });
    }
    expect(await fromSegmentCall({ type: 'track', userId: 'u' }, NOW)).toEqual({
      issues: [{ path: 'event', message: 'a track call needs an event name' }],
    });
    expect(await fromSegmentCall('nope', NOW)).toMatchObject({ issues: [{ path: '' }] });
    expect(isSegmentBatch({ events: [] })).toBe(false);
  });

  it('names events as Heard does', () => {
    expect(segmentName('Order Completed')).toBe('order_completed');
    expect(segmentName('  Trial  Started! ')).toBe('trial_started');
    expect(segmentName('signed_up')).toBe('signed_up');
  });
});
