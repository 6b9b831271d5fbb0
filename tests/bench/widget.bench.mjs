// The widget in numbers: brotli sizes against the .size-limit.json budgets, and in real
// Chromium (pages on loopback): the loader's execution time, ask() to first paint with the
// UI chunk cached, and long tasks and layout shift on a content page with and without Heard,
// at full speed and with the CPU slowed down 4×.
import { readdir, readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { basename, dirname, join } from 'node:path';
import { brotliCompressSync, constants } from 'node:zlib';
import { launchChromium } from '../chromium.mjs';
import { quantile } from './load.mjs';

const RUNS = 10;
const SLOWDOWN = 4;
const SLOW_RUNS = 20;
const SNIPPET = `<script>window.heard=window.heard||function(){(heard.q=heard.q||[]).push(arguments)}</script>`;

const article = Array.from(
  { length: 12 },
  (_, i) =>
    `<h2>Section ${i + 1}</h2><p>${'Teams ship faster when feedback arrives in context, not in a quarterly survey. '.repeat(8)}</p>` +
    (i % 4 === 0 ? `<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" width="640" height="240" alt="">` : ''),
).join('\n');

/** A content page; with Heard it installs the script tag and asks NPS as a site would. */
function contentPage(withHeard) {
  const heard = withHeard
    ? `${SNIPPET}<script async src="/heard.js" data-site="pk_bench" data-endpoint="/"></script>
       <script>heard('ask', 'nps')</script>`
    : '';
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Article</title>
    <style>body{font:16px/1.6 system-ui,sans-serif;max-width:720px;margin:2rem auto;padding:0 1rem}img{display:block;background:#ddd}</style>
    ${heard}</head><body><header><strong>Tasklane blog</strong></header><main><h1>Why in-context feedback wins</h1>${article}</main></body></html>`;
}

/** The loader inline between two marks: its parse and run time alone, no network or cache. */
function loaderPage(loader) {
  return `<!doctype html><html><head><meta charset="utf-8">${SNIPPET}
    <script>performance.mark('loader:start')</script>
    <script data-site="pk_bench" data-endpoint="/">${loader}</script>
    <script>performance.mark('loader:end')</script></head><body><p>Loader</p></body></html>`;
}

async function serve(dist) {
  const loader = await readFile(join(dist, 'heard.js'), 'utf8');
  const files = (await readdir(dist)).filter((file) => /^heard[\w.-]*\.js$/.test(file));
  const server = createServer(async (req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if (path === '/with.html' || path === '/without.html') {
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(contentPage(path === '/with.html'));
    } else if (path === '/loader.html') {
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(loaderPage(loader));
    } else if (files.includes(path.slice(1))) {
      // Every file the build made, as the collector serves them: the loader, the UI chunk and its
      // locale files, the targeting chunk and the sending half.
      const body = await readFile(join(dist, path.slice(1)));
      res.writeHead(200, { 'Content-Type': 'text/javascript', 'Cache-Control': 'public, max-age=31536000, immutable' });
      res.end(body);
    } else if (path === '/v1/surveys/active') {
      // The collector's answer for a site without configured surveys, and for collect a plain accept.
      res.writeHead(200, { 'Content-Type': 'application/json' }).end('{"surveys":[],"cooldownDays":7,"contacts":[]}');
    } else if (path === '/v1/collect' && req.method === 'POST') {
      req.resume();
      req.on('end', () =>
        res.writeHead(200, { 'Content-Type': 'application/json' }).end('{"accepted":1,"duplicates":0}'),
      );
    } else res.writeHead(404).end();
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${server.address().port}`, close: () => new Promise((r) => server.close(r)) };
}

const kB = (limit) => {
  const [, n, unit] = /^([\d.]+)\s*(B|kB|KB|KiB)$/.exec(limit.trim()) ?? [];
  return Number(n) * (unit === 'B' ? 1 : unit === 'KiB' ? 1024 : 1000);
};

// Collects long tasks and layout shifts from the first moment of every page.
const OBSERVE = () => {
  window.__perf = { longTasks: [], longFrames: 0, cls: 0, scripts: [] };
  // Long animation frames name the scripts that ran in them: where a long task came from.
  new PerformanceObserver((list) => {
    for (const frame of list.getEntries()) {
      if (frame.duration <= 50) continue;
      window.__perf.longFrames += 1;
      for (const script of frame.scripts ?? []) {
        window.__perf.scripts.push(`${script.sourceURL || script.invoker} ${Math.round(script.duration)}ms`);
      }
      if (!frame.scripts?.length) window.__perf.scripts.push(`(no script: render ${Math.round(frame.duration)}ms)`);
    }
  }).observe({ type: 'long-animation-frame', buffered: true });
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) window.__perf.longTasks.push(entry.duration);
  }).observe({ type: 'longtask', buffered: true });
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) if (!entry.hadRecentInput) window.__perf.cls += entry.value;
  }).observe({ type: 'layout-shift', buffered: true });
};

/** The files of size-limit paths, with `*` in a file name matched in its folder. */
async function expand(root, paths) {
  const files = [];
  for (const path of paths) {
    const dir = join(root, dirname(path));
    const name = basename(path);
    if (!name.includes('*')) {
      files.push(join(root, path));
      continue;
    }
    const pattern = new RegExp(
      `^${name
        .split('*')
        .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
        .join('.*')}$`,
    );
    files.push(...(await readdir(dir)).filter((file) => pattern.test(file)).map((file) => join(dir, file)));
  }
  return files;
}

export default async function widget({ root, log }) {
  const rows = [];
  const budgets = JSON.parse(await readFile(join(root, '.size-limit.json'), 'utf8'));
  for (const budget of budgets) {
    // A budget over several files (size-limit's array `path`) is the sum of each one's brotli size.
    let size = 0;
    for (const path of await expand(root, [budget.path].flat())) {
      const file = await readFile(path);
      size += brotliCompressSync(file, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).byteLength;
    }
    const limit = kB(budget.limit);
    rows.push({
      name: `${budget.name}, brotli`,
      value: size,
      unit: 'B',
      baseline: { name: `budget ${budget.limit}`, value: limit },
      goal: '≤ 1×',
      met: size <= limit,
    });
  }

  const dist = join(root, 'widget/dist');
  if (!(await readdir(dist)).some((f) => /^heard-ui\.[0-9a-f]+\.js$/.test(f))) throw new Error('run pnpm build first');
  const server = await serve(dist);
  const browser = await launchChromium();
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    await context.addInitScript(OBSERVE);
    const page = await context.newPage();

    const loaderMs = [];
    for (let i = 0; i < RUNS; i++) {
      await page.goto(`${server.url}/loader.html`, { waitUntil: 'load' });
      loaderMs.push(await page.evaluate(() => performance.measure('loader', 'loader:start', 'loader:end').duration));
    }
    loaderMs.sort((a, b) => a - b);
    rows.push({ name: 'loader execution (parse + run), median', value: quantile(loaderMs, 0.5), unit: 'ms' });

    // ask() to first paint: the UI chunk is in the HTTP cache after the first page view.
    await page.goto(`${server.url}/with.html`, { waitUntil: 'load' });
    await page.waitForSelector('heard-prompt');
    const askMs = [];
    for (let i = 0; i < RUNS; i++) {
      await page.goto(`${server.url}/without.html`, { waitUntil: 'load' });
      await page.addScriptTag({ url: '/heard.js' }).catch(() => {});
      askMs.push(
        await page.evaluate(async () => {
          window.heard.init({ site: 'pk_bench', endpoint: location.origin });
          const started = performance.now();
          const painted = new Promise((resolve) => {
            const seen = () => {
              requestAnimationFrame(() => {
                const channel = new MessageChannel();
                channel.port1.onmessage = () => resolve(performance.now() - started);
                channel.port2.postMessage(null);
              });
            };
            if (document.querySelector('heard-prompt')) seen();
            else
              new MutationObserver((_, observer) => {
                if (document.querySelector('heard-prompt')) {
                  observer.disconnect();
                  seen();
                }
              }).observe(document.body, { childList: true, subtree: true });
          });
          window.heard.ask('nps');
          return painted;
        }),
      );
    }
    askMs.sort((a, b) => a - b);
    rows.push({ name: 'ask() to first paint, UI chunk cached: median', value: quantile(askMs, 0.5), unit: 'ms' });
    rows.push({ name: 'ask() to first paint, UI chunk cached: worst', value: askMs.at(-1), unit: 'ms' });

    // With and without Heard in turns (after one warm-up load each), so the machine's load
    // falls on both alike.
    const contentLoads = async (runCount, label) => {
      const runs = { without: [], with: [] };
      for (let i = -1; i < runCount; i++) {
        for (const variant of ['without', 'with']) {
          await page.goto(`${server.url}/${variant}.html`, { waitUntil: 'load' });
          if (variant === 'with') await page.waitForSelector('heard-prompt');
          await page.waitForTimeout(1000);
          const perf = await page.evaluate(() => window.__perf);
          if (i >= 0) runs[variant].push(perf);
        }
      }
      const stats = {};
      for (const variant of ['without', 'with']) {
        stats[variant] = {
          loadsWithLongTasks: runs[variant].filter((r) => r.longTasks.length > 0).length,
          longest: Math.max(0, ...runs[variant].flatMap((r) => r.longTasks)),
          longFrames: runs[variant].reduce((n, r) => n + r.longFrames, 0),
          cls: Math.max(...runs[variant].map((r) => r.cls)),
        };
        log(`${label}${variant} Heard: ${JSON.stringify(stats[variant])}`);
        const scripts = runs[variant].flatMap((r) => r.scripts);
        if (scripts.length > 0) log(`${label}${variant} Heard, long frames ran: ${scripts.join('; ')}`);
      }
      return stats;
    };
    const stats = await contentLoads(RUNS, '');
    rows.push({
      name: `content-page loads with a long task (> 50 ms), with Heard asking NPS, of ${RUNS}`,
      value: stats.with.loadsWithLongTasks,
      unit: 'loads',
      baseline: { name: 'without Heard', value: stats.without.loadsWithLongTasks },
      goal: '0',
      met: stats.with.loadsWithLongTasks === 0,
    });
    rows.push({
      name: 'longest task on those loads, with Heard',
      value: stats.with.longest,
      unit: 'ms',
      baseline: { name: 'without Heard', value: stats.without.longest },
    });
    rows.push({
      name: `long animation frames (> 50 ms, rendering included) over ${RUNS} loads, with Heard`,
      value: stats.with.longFrames,
      unit: 'frames',
      baseline: { name: 'without Heard', value: stats.without.longFrames },
    });
    rows.push({
      name: `CLS on a content page with Heard (prompt shown), worst of ${RUNS}`,
      value: stats.with.cls,
      unit: '',
      baseline: { name: 'without Heard', value: stats.without.cls },
      goal: '0',
      met: stats.with.cls === 0,
    });

    // The same loads on a CPU slowed down 4× (DevTools throttling of the page's renderer): what a
    // slow phone, or this machine when starved, does to the same work. A quiet machine rarely
    // shows a long task at full speed, so this is where a change to the widget's tasks shows.
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: SLOWDOWN });
    const slow = await contentLoads(SLOW_RUNS, `${SLOWDOWN}× slower CPU, `);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
    rows.push({
      name: `content-page loads with a long task (> 50 ms), CPU ${SLOWDOWN}× slower, with Heard asking NPS, of ${SLOW_RUNS}`,
      value: slow.with.loadsWithLongTasks,
      unit: 'loads',
      baseline: { name: 'without Heard', value: slow.without.loadsWithLongTasks },
    });
    rows.push({
      name: `longest task on those loads, CPU ${SLOWDOWN}× slower, with Heard`,
      value: slow.with.longest,
      unit: 'ms',
      baseline: { name: 'without Heard', value: slow.without.longest },
    });
  } finally {
    await browser.close();
    await server.close();
  }
  return rows;
}
