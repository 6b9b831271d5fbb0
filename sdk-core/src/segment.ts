import type { Issue } from './protocol';

/**
 * Segment's HTTP Tracking API batch (`POST /v1/batch` at api.segment.io), as Segment, its
 * webhook destination and RudderStack send it. Only the fields Heard reads are typed.
 * https://segment.com/docs/connections/sources/catalog/libraries/server/http-api/#batch
 */
export interface SegmentCall {
  type?: unknown;
  messageId?: unknown;
  userId?: unknown;
  anonymousId?: unknown;
  event?: unknown;
  properties?: unknown;
  traits?: unknown;
  timestamp?: unknown;
  originalTimestamp?: unknown;
}

/** One Segment call as a Heard event (to be validated as any other), or why it cannot be one. */
export type SegmentMapped = { event: Record<string, unknown> } | { issues: Issue[] };

/** Heard's namespace for ids made from Segment messageIds (UUIDv5, RFC 9562 §5.5). */
export const SEGMENT_NAMESPACE = '5f2b9f3e-7c1a-4e0b-9a53-1d6c2b8e4a70';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;
const KEY_CHARS = /[^A-Za-z0-9_.:-]+/g;

const hex = (bytes: Uint8Array) => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');

/**
 * A name-based UUID (version 5: SHA-1 of namespace and name): the same name always gives the
 * same id, so a re-sent Segment message is a duplicate, not a second event.
 * @example await uuidV5('ajs-next-1a2b', SEGMENT_NAMESPACE) // '…-5…-…'
 */
export async function uuidV5(name: string, namespace: string = SEGMENT_NAMESPACE): Promise<string> {
  const ns = Uint8Array.from(namespace.replace(/-/g, '').match(/../g) ?? [], (pair) => Number.parseInt(pair, 16));
  const text = new TextEncoder().encode(name);
  const input = new Uint8Array(ns.length + text.length);
  input.set(ns);
  input.set(text, ns.length);
  const hash = new Uint8Array(await crypto.subtle.digest('SHA-1', input)).slice(0, 16);
  hash[6] = ((hash[6] as number) & 0x0f) | 0x50;
  hash[8] = ((hash[8] as number) & 0x3f) | 0x80;
  const h = hex(hash);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/**
 * A Segment event or property name as a Heard name (letters, digits, `_ . : -`): lower case,
 * every run of other characters one `_`. `Order Completed` → `order_completed`.
 * @example segmentName('Order Completed') // 'order_completed'
 */
export function segmentName(name: string): string {
  return name
    .trim()
    .toLowerCase()
    .replace(KEY_CHARS, '_')
    .replace(/^_+|_+$/g, '');
}

/**
 * Segment properties or traits as Heard props: scalars kept, nested objects flattened one
 * `.`-joined key per scalar (`address.city`), arrays and nulls left out (Heard props are flat).
 */
export function segmentProps(value: unknown): Record<string, string | number | boolean> | undefined {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const props: Record<string, string | number | boolean> = {};
  const walk = (object: object, prefix: string, depth: number) => {
    for (const [key, inner] of Object.entries(object)) {
      const name = prefix + key.trim().replace(KEY_CHARS, '_');
      if (typeof inner === 'string' || typeof inner === 'boolean') props[name] = inner;
      else if (typeof inner === 'number' && Number.isFinite(inner)) props[name] = inner;
      else if (inner && typeof inner === 'object' && !Array.isArray(inner) && depth < 3)
        walk(inner, `${name}.`, depth + 1);
    }
  };
  walk(value, '', 0);
  return Object.keys(props).length > 0 ? props : undefined;
}

const idOf = (value: unknown) =>
  typeof value === 'string' && value !== '' ? value : typeof value === 'number' ? String(value) : undefined;

const timeOf = (value: unknown): number | undefined => {
  if (typeof value !== 'string') return undefined;
  const ms = Date.parse(value);
  return Number.isFinite(ms) ? ms : undefined;
};

/**
 * Maps one Segment `track` or `identify` call to a Heard event, as Heard's collector reads
 * it: `messageId` is the id (a UUID as is, anything else through {@link uuidV5}; without one,
 * the call's own content names it, so a re-send still dedupes); `track`'s event name through
 * {@link segmentName}, its properties as props, `properties.revenue` (else `value`) as the
 * value; `identify` becomes an `identify` event whose props are the traits. `timestamp` (else
 * `originalTimestamp`, else `now`) is the time. Other call types are refused.
 * @example await fromSegmentCall({ type: 'track', event: 'Order Completed', userId: 'u1', properties: { revenue: 30 }, messageId: 'm-1', timestamp: '2024-05-01T10:00:00Z' }, Date.now())
 *   // { event: { id, name: 'order_completed', userId: 'u1', value: 30, props: { revenue: 30 }, ts: 1714557600000 } }
 */
export async function fromSegmentCall(call: unknown, now: number): Promise<SegmentMapped> {
  if (!call || typeof call !== 'object' || Array.isArray(call)) {
    return { issues: [{ path: '', message: 'a Segment call is an object' }] };
  }
  const c = call as SegmentCall;
  if (c.type !== 'track' && c.type !== 'identify') {
    const type = typeof c.type === 'string' ? c.type : 'missing';
    return { issues: [{ path: 'type', message: `Heard takes Segment track and identify calls, not ${type}` }] };
  }
  const messageId = idOf(c.messageId);
  const id =
    messageId === undefined
      ? await uuidV5(`content:${JSON.stringify(call)}`)
      : UUID.test(messageId)
        ? messageId.toLowerCase()
        : await uuidV5(messageId);
  const ts = timeOf(c.timestamp) ?? timeOf(c.originalTimestamp) ?? now;
  const who = {
    ...(idOf(c.userId) !== undefined ? { userId: idOf(c.userId) } : {}),
    ...(idOf(c.anonymousId) !== undefined ? { anonymousId: idOf(c.anonymousId) } : {}),
  };
  if (c.type === 'identify') {
    const props = segmentProps(c.traits);
    return { event: { id, name: 'identify', ...who, ...(props ? { props } : {}), ts } };
  }
  if (typeof c.event !== 'string' || segmentName(c.event) === '') {
    return { issues: [{ path: 'event', message: 'a track call needs an event name' }] };
  }
  const props = segmentProps(c.properties);
  const properties = (c.properties ?? {}) as Record<string, unknown>;
  const value = [properties.revenue, properties.value].find((v) => typeof v === 'number' && Number.isFinite(v));
  return {
    event: {
      id,
      name: segmentName(c.event),
      ...who,
      ...(value !== undefined ? { value } : {}),
      ...(props ? { props } : {}),
      ts,
    },
  };
}

/** Whether a body is Segment's batch (`{ batch: [...] }`) rather than Heard's own. */
export const isSegmentBatch = (body: unknown): body is { batch: unknown[] } =>
  !!body && typeof body === 'object' && Array.isArray((body as { batch?: unknown }).batch);
