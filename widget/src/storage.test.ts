import { afterEach, describe, expect, it, vi } from 'vitest';
import { safeStorage, webStorage } from './storage';

afterEach(() => {
  vi.unstubAllGlobals();
});

/** A window whose localStorage getter counts how often the page opened it. */
function windowWith(area: () => Storage) {
  const opened = { count: 0 };
  vi.stubGlobal('window', {
    get localStorage() {
      opened.count++;
      return area();
    },
  });
  return opened;
}

const memoryArea = () => {
  const map = new Map<string, string>();
  return {
    get length() {
      return map.size;
    },
    key: (i: number) => [...map.keys()][i] ?? null,
    getItem: (key: string) => map.get(key) ?? null,
    setItem: (key: string, value: string) => void map.set(key, value),
    removeItem: (key: string) => void map.delete(key),
    clear: () => map.clear(),
  } as Storage;
};

describe('webStorage', () => {
  it('opens the area on first use, not when the widget starts, and only once', () => {
    const area = memoryArea();
    const opened = windowWith(() => area);
    const storage = webStorage();
    expect(opened.count).toBe(0);
    storage.setItem('heard:aid', 'a1');
    expect(storage.getItem('heard:aid')).toBe('a1');
    expect(storage.length).toBe(1);
    expect(storage.key(0)).toBe('heard:aid');
    storage.removeItem('heard:aid');
    expect(area.length).toBe(0);
    expect(opened.count).toBe(1);
  });

  it('falls back to memory, without throwing, where opening the area throws', () => {
    windowWith(() => {
      throw new DOMException('denied', 'SecurityError');
    });
    const storage = safeStorage();
    expect(() => storage.setItem('heard:aid', 'a1')).not.toThrow();
    expect(storage.getItem('heard:aid')).toBe('a1');
    expect([...storage.keys()]).toEqual(['heard:aid']);
  });
});
