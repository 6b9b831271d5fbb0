import { fallbackStorage, type OutboxStorage } from '@heard/core';

/** The page's localStorage or sessionStorage; undefined where merely reading it throws (sandboxed frames, disabled storage). */
export function webStorage(area: 'localStorage' | 'sessionStorage' = 'localStorage'): OutboxStorage | undefined {
  try {
    return window[area];
  } catch {}
}

/** localStorage (or sessionStorage) that never throws: private modes, disabled storage and full quotas fall back to memory. */
export const safeStorage = (area?: 'localStorage' | 'sessionStorage') => fallbackStorage(webStorage(area));
