// Builds the dashboard to static files (one HTML page, one script, one stylesheet) and copies
// them into the worker's assets, where the worker serves them at /dashboard/.
import { createHash } from 'node:crypto';
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { build } from 'esbuild';

rmSync('dist', { recursive: true, force: true });
await build({
  entryPoints: ['src/main.tsx'],
  bundle: true,
  minify: true,
  format: 'esm',
  target: 'es2022',
  conditions: ['source'],
  jsx: 'automatic',
  jsxImportSource: 'preact',
  legalComments: 'none',
  logLevel: 'warning',
  // Views other than the overview load as chunks of their own (views.ts): the first screen
  // carries only dashboard.js and the shared chunks it imports (budgets in .size-limit.json).
  splitting: true,
  outdir: 'dist',
  entryNames: 'dashboard',
  chunkNames: 'chunks/[name]-[hash]',
});
const version = (file) => createHash('sha256').update(readFileSync(file)).digest('hex').slice(0, 10);
writeFileSync('dist/dashboard.css', readFileSync('src/dashboard.css'));
const html = readFileSync('src/index.html', 'utf8')
  .replace('dashboard.css', `dashboard.css?v=${version('dist/dashboard.css')}`)
  .replace('dashboard.js', `dashboard.js?v=${version('dist/dashboard.js')}`);
writeFileSync('dist/index.html', html);

const assets = new URL('../worker/public/dashboard/', import.meta.url);
rmSync(assets, { recursive: true, force: true });
mkdirSync(assets, { recursive: true });
cpSync('dist', assets, { recursive: true });
// The guides, which the collector's /docs page links to as /docs/<page>.md.
const guides = new URL('../worker/public/docs/', import.meta.url);
rmSync(guides, { recursive: true, force: true });
mkdirSync(guides, { recursive: true });
for (const page of readdirSync(new URL('../docs/', import.meta.url)).filter((f) => f.endsWith('.md')))
  cpSync(new URL(`../docs/${page}`, import.meta.url), new URL(page, guides));
const kb = (file) => `${(readFileSync(`dist/${file}`).length / 1024).toFixed(1)} kB`;
console.log(`dashboard: built dashboard.js (${kb('dashboard.js')}), dashboard.css (${kb('dashboard.css')})`);
