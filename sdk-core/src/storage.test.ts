import { describe, expect, it } from 'vitest';
import { fallbackStorage, type OutboxStorage } from './storage';

const throwing: OutboxStorage = {
  get length(): number {
    throw new Error('SecurityError');
  },
  key: () => {
    throw new Error('SecurityError');
  },
  getItem: () => {
    throw new Error('SecurityError');
  },
  setItem: () => {
    throw new Error('SecurityError');
  },
  removeItem: () => {
    throw new Error('SecurityError');
  },
};

/** A working storage area over a Map. */
function mapStorage(): OutboxStorage & { map: Map<string, string> } {
  const map = new Map<string, string>();
  return {
    map,
    get length() {
      return map.size;
    },
    key: (i) => [...map.keys()][i] ?? null,
    getItem: (key) => map.get(key) ?? null,
    setItem: (key, value) => void map.set(key, value),
    removeItem: (key) => void map.delete(key),
  };
}

describe('fallbackStorage', () => {
  it('keeps values in memory when storage is missing or throwing, and never throws', () => {
    for (const area of [undefined, throwing]) {
      const storage = fallbackStorage(area);
      expect(storage.getItem('a')).toBeNull();
      storage.setItem('a', '1');
      expect(storage.getItem('a')).toBe('1');
      expect([...storage.keys()]).toEqual(['a']);
      storage.removeItem('a');
      expect(storage.getItem('a')).toBeNull();
      expect([...storage.keys()]).toEqual([]);
    }
  });

  it('keeps in memory only what a full storage refused', () => {
    const area = mapStorage();
    const storage = fallbackStorage(area);
    storage.setItem('stored', '1');
    area.setItem = () => {
      throw new DOMException('quota', 'QuotaExceededError');
    };
    storage.setItem('refused', '2');
    expect(area.map.get('stored')).toBe('1');
    expect(area.map.has('refused')).toBe(false);
    expect(storage.getItem('refused')).toBe('2');
    expect(storage.keys()).toEqual(new Set(['stored', 'refused']));
  });

  it('sees what another tab wrote or removed in the shared storage', () => {
    const area = mapStorage();
    const storage = fallbackStorage(area);
    storage.setItem('k', 'mine');
    area.map.set('k', 'theirs');
    expect(storage.getItem('k')).toBe('theirs');
    area.map.delete('k');
    expect(storage.getItem('k')).toBeNull();
  });
});
