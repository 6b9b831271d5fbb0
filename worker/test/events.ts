import { collect } from './helpers';

export { DAY_MS as DAY } from '@heard/core';

export const HOUR = 3_600_000;

/** A track() event with a fresh id. */
export function event(name: string, userId: string, ts: number, extra: Record<string, unknown> = {}) {
  return { id: crypto.randomUUID(), name, userId, ts, ...extra };
}

/** Collects events in batches, failing the test when any is refused. */
export async function track(publicKey: string, events: unknown[]): Promise<void> {
  for (let i = 0; i < events.length; i += 500) {
    const response = await collect({ site: publicKey, events: events.slice(i, i + 500) });
    const body = (await response.json()) as { rejected?: unknown[] };
    if (response.status !== 200 || (body.rejected ?? []).length > 0) {
      throw new Error(`collect: ${response.status} ${JSON.stringify(body)}`);
    }
  }
}
