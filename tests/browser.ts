import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, inject } from 'vitest';
import { launchChromium } from './chromium.mjs';

/** Launches the system Chromium once per test file, with the flags this sandbox needs. */
export function useBrowser(): () => Browser {
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });
  return () => {
    if (!browser) throw new Error('the browser did not start');
    return browser;
  };
}

/** Reads a secret-key route of the test stack's collector. */
export async function readApi<T = Record<string, unknown>>(path: string): Promise<T> {
  const { collector, secretKey } = inject('stack');
  const response = await fetch(`${collector}${path}`, { headers: { Authorization: `Bearer ${secretKey}` } });
  if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
  return response.json() as Promise<T>;
}
