import type { Browser, Locator } from 'playwright-core';
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

/** A chart's text label as drawn: its rendered font size (px on screen) and its box. */
export interface ChartLabel {
  text: string | null;
  px: number;
  /** Whether it is drawn inside its SVG (half a pixel of slack). */
  inside: boolean;
  box: { left: number; right: number; top: number; bottom: number };
}

/** Every `<text>` of a chart, measured as the browser drew it. */
export function chartLabels(chart: Locator): Promise<ChartLabel[]> {
  return chart.locator('text').evaluateAll((texts) =>
    texts.map((t) => {
      const box = t.getBoundingClientRect();
      const svg = (t as SVGTextElement).ownerSVGElement?.getBoundingClientRect();
      const scale = (t as SVGTextElement).getScreenCTM()?.a ?? 0;
      return {
        text: t.textContent,
        px: Number.parseFloat(getComputedStyle(t).fontSize) * scale,
        inside:
          !!svg &&
          box.left >= svg.left - 0.5 &&
          box.right <= svg.right + 0.5 &&
          box.top >= svg.top - 0.5 &&
          box.bottom <= svg.bottom + 0.5,
        box: { left: box.left, right: box.right, top: box.top, bottom: box.bottom },
      };
    }),
  );
}

/** The pairs of labels whose boxes overlap, as "a / b". */
export function overlappingLabels(labels: readonly ChartLabel[]): string[] {
  return labels.flatMap((a, i) =>
    labels
      .slice(i + 1)
      .filter(
        (b) =>
          a.box.left < b.box.right && b.box.left < a.box.right && a.box.top < b.box.bottom && b.box.top < a.box.bottom,
      )
      .map((b) => `${a.text} / ${b.text}`),
  );
}
