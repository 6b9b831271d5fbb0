// Builds the widget: the script-tag loader (IIFE), the lazily loaded UI chunk (ESM, with
// Preact), and the npm ESM entry; then copies the browser files into the worker's assets.
import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { build } from 'esbuild';

const shared = {
  bundle: true,
  minify: true,
  target: 'es2020',
  conditions: ['source'],
  jsx: 'automatic',
  jsxImportSource: 'preact',
  legalComments: 'none',
  logLevel: 'warning',
};

rmSync('dist', { recursive: true, force: true });
await build({ ...shared, entryPoints: ['src/ui.tsx'], format: 'esm', outfile: 'dist/heard-ui.js' });
const uiHash = createHash('sha256').update(readFileSync('dist/heard-ui.js')).digest('hex').slice(0, 10);
const uiFile = `heard-ui.${uiHash}.js`;
copyFileSync('dist/heard-ui.js', `dist/${uiFile}`);
await build({
  ...shared,
  entryPoints: ['src/loader.ts'],
  format: 'iife',
  outfile: 'dist/heard.js',
  define: { __UI_FILE__: JSON.stringify(uiFile) },
});
await build({
  ...shared,
  minify: false,
  entryPoints: { heard: 'src/index.ts' },
  format: 'esm',
  splitting: true,
  outdir: 'dist/esm',
  outExtension: { '.js': '.mjs' },
});
copyFileSync('dist/esm/heard.mjs', 'dist/heard.mjs');

// The dashboard and the API docs are static pages of the collector: scripts and styles from
// the collector only (styles may be inline: charts set them), no framing, no plugins.
const PAGE_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const assets = new URL('../worker/public/', import.meta.url);
mkdirSync(assets, { recursive: true });
for (const file of ['heard.js', 'heard-ui.js', uiFile]) copyFileSync(`dist/${file}`, new URL(file, assets));
writeFileSync(
  new URL('_headers', assets),
  `/heard.js
  Cache-Control: public, max-age=300, stale-while-revalidate=86400
  Access-Control-Allow-Origin: *
/heard-ui.js
  Cache-Control: public, max-age=300, stale-while-revalidate=86400
  Access-Control-Allow-Origin: *
/heard-ui.*.js
  Cache-Control: public, max-age=31536000, immutable
  Access-Control-Allow-Origin: *
/*
  X-Content-Type-Options: nosniff
  Referrer-Policy: no-referrer
${['/dashboard', '/dashboard/*', '/docs', '/docs/*']
  .map((path) => `${path}\n  Content-Security-Policy: ${PAGE_CSP}\n  X-Frame-Options: DENY\n`)
  .join('')}`,
);
console.log(`widget: built heard.js, ${uiFile}`);
