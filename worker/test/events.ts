import { batch, collect } from './helpers';

export { DAY_MS as DAY } from '@heard/core';

export const HOUR = 3_600_000;

/** A track() event with a fresh id. */
export function event(name: string, userId: string, ts: number, extra: Record<string, unknown> = {}) {
  return { id: crypto.randomUUID(), name, userId, ts, ...extra };
}

/**
 * Sends events in batches through the door the key opens (a public key: collect, as the widget;
 * a secret key: `/v1/batch`, as a backend, which trusted events need), failing the test when
 * any is refused.
 */
export async function track(key: string, events: unknown[]): Promise<void> {
  for (let i = 0; i < events.length; i += 500) {
    const slice = events.slice(i, i + 500);
    const response = key.startsWith('sk_')
      ? await batch(key, { events: slice })
      : await collect({ site: key, events: slice });
    const body = (await response.json()) as { rejected?: unknown[] };
    if (response.status !== 200 || (body.rejected ?? []).length > 0) {
      throw new Error(`collect: ${response.status} ${JSON.stringify(body)}`);
    }
  }
}
