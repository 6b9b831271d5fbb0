import { fallbackStorage, type OutboxStorage } from '@heard/core';

/**
 * The page's localStorage or sessionStorage, opened on first use: opening one waits on the
 * browser, and a loader that only asks a question has no reason to do that while the page is
 * loading. Any call throws where merely reading the area throws (sandboxed frames, disabled
 * storage), like the area itself.
 */
export function webStorage(area: 'localStorage' | 'sessionStorage' = 'localStorage'): OutboxStorage {
  let opened: Storage | undefined;
  const open = () => (opened ??= window[area]);
  return {
    get length() {
      return open().length;
    },
    key: (index) => open().key(index),
    getItem: (key) => open().getItem(key),
    setItem: (key, value) => open().setItem(key, value),
    removeItem: (key) => open().removeItem(key),
  };
}

/** localStorage (or sessionStorage) that never throws: private modes, disabled storage and full quotas fall back to memory. */
export const safeStorage = (area?: 'localStorage' | 'sessionStorage') => fallbackStorage(webStorage(area));
