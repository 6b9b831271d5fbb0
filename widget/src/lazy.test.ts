import { fallbackStorage } from '@heard/core';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { lazyTargeting, type TargetingModule } from './lazy';
import type { Targeting } from './targeting';

beforeEach(() => {
  // A loaded page without requestIdleCallback: the idle moment is a timer.
  vi.stubGlobal('window', {});
  vi.stubGlobal('document', { readyState: 'complete' });
});
afterEach(() => {
  vi.unstubAllGlobals();
});

/** Targeting over a session that may already know the site's active surveys. */
function setup(session: Record<string, string>) {
  const store = fallbackStorage(undefined);
  for (const [key, value] of Object.entries(session)) store.setItem(key, value);
  const getItem = vi.spyOn(store, 'getItem');
  const targeting = { start: vi.fn() } as unknown as Targeting;
  const load = vi.fn(async (): Promise<TargetingModule> => ({ createTargeting: () => targeting }));
  const lazy = lazyTargeting(load, {
    storage: fallbackStorage(undefined),
    session: store,
    who: () => ({ anonymousId: 'a1' }),
    show: () => {},
    error: () => {},
  });
  return { lazy, load, getItem, targeting };
}

const idle = () => new Promise((resolve) => setTimeout(resolve, 5));

describe('lazyTargeting', () => {
  it('reads the session only once the browser is idle, then loads the chunk and replays the calls', async () => {
    const { lazy, load, getItem, targeting } = setup({});
    lazy.start('pk_1', 'https://c.example', undefined);
    expect(getItem).not.toHaveBeenCalled();
    await idle();
    expect(getItem).toHaveBeenCalledWith('heard:a');
    await vi.waitFor(() => expect(targeting.start).toHaveBeenCalledWith('pk_1', 'https://c.example', undefined));
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('keeps the chunk off a page whose session knows the site has no survey, until a prompt is shown', async () => {
    const { lazy, load } = setup({ 'heard:a': JSON.stringify({ d: { surveys: [] } }) });
    lazy.start('pk_1', 'https://c.example', undefined);
    lazy.track('activated');
    await idle();
    expect(load).not.toHaveBeenCalled();
    lazy.shown({ kind: 'nps' });
    expect(load).toHaveBeenCalledTimes(1);
  });
});
