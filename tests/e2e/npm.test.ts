import { cpSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { readApi, useBrowser } from '../browser';
import { card, collect } from '../widget';

const browser = useBrowser();
const fixtures = new URL('../fixtures/', import.meta.url);

beforeAll(async () => {
  // The entry exactly as npm ships it: dist/heard.mjs, whose chunks sit in dist/esm/.
  const npm = fileURLToPath(new URL('npm/', fixtures));
  const dist = new URL('../../widget/dist/', import.meta.url);
  rmSync(npm, { recursive: true, force: true });
  cpSync(fileURLToPath(new URL('esm/', dist)), `${npm}esm`, { recursive: true });
  cpSync(fileURLToPath(new URL('heard.mjs', dist)), `${npm}heard.mjs`);
  await build({
    configFile: false,
    logLevel: 'warn',
    root: fileURLToPath(new URL('vite-app/', fixtures)),
    base: '/fixtures/vite-dist/',
    build: { outDir: fileURLToPath(new URL('vite-dist/', fixtures)), emptyOutDir: true },
  });
});

describe.each([
  { how: 'bundled by Vite', path: '/fixtures/vite-dist/index.html', kind: 'csat', survey: 'vite' },
  { how: 'as a plain <script type="module">', path: '/fixtures/esm.html', kind: 'ces', survey: 'module-script' },
])('the npm ESM entry $how', ({ path, kind, survey }) => {
  it('asks, loads its UI lazily, and the answer reaches the collector', async () => {
    const { demo } = inject('stack');
    const page = await (await browser().newContext()).newPage();
    const requests: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    await page.goto(`${demo}${path}`);
    await page.waitForFunction(() => 'app' in window);
    const before = requests.length;
    const sent = collect(page, (body) => !!body.answers?.length);
    await page.evaluate(() => (window as unknown as { app: { ask(): void } }).app.ask());
    await card(page).getByRole('radio', { name: '4', exact: true }).click();
    // Preact and the question arrive only when asked.
    expect(requests.slice(before).filter((url) => url.endsWith('.js') || url.endsWith('.mjs')).length).toBeGreaterThan(
      0,
    );
    const { body, result } = await sent;
    expect(body.answers?.[0]).toMatchObject({ kind, score: 4, survey });
    expect(result).toMatchObject({ accepted: 1 });
    const answered = await page.evaluate(
      () => (window as unknown as { app: { answers: unknown[] } }).app.answers.length,
    );
    expect(answered).toBe(1);
    expect(await readApi(`/v1/scores?metric=${kind}&survey=${survey}`)).toMatchObject({ n: 1 });
    await page.context().close();
  });
});
