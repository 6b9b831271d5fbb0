// The system Chromium, launched with the flags this sandbox needs (no sandbox as root, no
// background networking on a closed network): shared by the browser tests and the benchmarks.
import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';

/** The system Chromium's path; throws (never skips) when it is missing. */
export function chromiumPath() {
  const candidates = [process.env.HEARD_CHROMIUM, '/usr/bin/chromium', '/usr/bin/chromium-browser'];
  const found = candidates.find((path) => path && existsSync(path));
  if (!found) throw new Error('Chromium is missing: `apt-get install chromium` or set HEARD_CHROMIUM');
  return found;
}

/** Launches the system Chromium headless. */
export function launchChromium() {
  return chromium.launch({
    executablePath: chromiumPath(),
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}
