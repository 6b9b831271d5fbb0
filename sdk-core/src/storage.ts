/**
 * Web Storage that never throws, shared by the outbox and the widget so the loader carries one
 * copy. Private modes, disabled storage and full quotas fall back to memory, per key: a value is
 * kept in memory only while storage refuses it, so another tab's writes and removals stay visible.
 */

/** The part of Web Storage used here; any call may throw (private modes, full quotas). */
export interface OutboxStorage {
  readonly length: number;
  key(index: number): string | null;
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/** A storage area that never throws, with the keys it holds in storage and in memory. */
export interface SafeStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
  /** Every key held, in storage or in memory. */
  keys(): Set<string>;
}

/**
 * Wraps a storage area (missing, throwing or full) so that no call throws: what it refuses is
 * kept in memory for this page.
 * @example const storage = fallbackStorage(localStorage);
 */
export function fallbackStorage(area?: OutboxStorage): SafeStorage {
  // A missing storage throws on first use, like a disabled one: both fall back to memory.
  const store = area ?? ({} as OutboxStorage);
  const memory = new Map<string, string>();
  return {
    getItem(key) {
      try {
        const value = store.getItem(key);
        if (value !== null) return value;
      } catch {}
      return memory.get(key) ?? null;
    },
    setItem(key, value) {
      try {
        store.setItem(key, value);
        memory.delete(key);
      } catch {
        memory.set(key, value);
      }
    },
    removeItem(key) {
      memory.delete(key);
      try {
        store.removeItem(key);
      } catch {}
    },
    keys() {
      const keys = new Set(memory.keys());
      try {
        for (let i = 0; i < store.length; i++) keys.add(store.key(i) as string);
      } catch {}
      return keys;
    },
  };
}
