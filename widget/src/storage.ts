/** localStorage (or sessionStorage) that never throws: private modes, disabled storage and full quotas fall back to memory. */
export function safeStorage(
  area: 'localStorage' | 'sessionStorage' = 'localStorage',
): Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> {
  const memory = new Map<string, string>();
  let store: Storage | undefined;
  try {
    store = window[area];
  } catch {}
  return {
    getItem(key) {
      try {
        return store?.getItem(key) ?? memory.get(key) ?? null;
      } catch {
        return memory.get(key) ?? null;
      }
    },
    setItem(key, value) {
      memory.set(key, value);
      try {
        store?.setItem(key, value);
      } catch {}
    },
    removeItem(key) {
      memory.delete(key);
      try {
        store?.removeItem(key);
      } catch {}
    },
  };
}
