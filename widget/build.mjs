// Builds the widget: the script-tag loader (IIFE), the lazily loaded UI chunk (ESM, with
// Preact), and the npm ESM entry; then copies the browser files into the worker's assets.
import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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
// Each locale's texts are a small module loaded beside the UI chunk, so no page pays for
// languages it does not show.
const langs = readdirSync('src/locales').map((file) => file.replace(/\.ts$/, ''));
await build({
  ...shared,
  entryPoints: Object.fromEntries(langs.map((lang) => [lang, `src/locales/${lang}.ts`])),
  format: 'esm',
  outdir: 'dist/locales',
});
const hash = createHash('sha256').update(readFileSync('dist/heard-ui.js'));
for (const lang of langs) hash.update(readFileSync(`dist/locales/${lang}.js`));
const uiFile = `heard-ui.${hash.digest('hex').slice(0, 10)}.js`;
copyFileSync('dist/heard-ui.js', `dist/${uiFile}`);
const localeFiles = langs.map((lang) => uiFile.replace(/js$/, `${lang}.js`));
for (const [i, lang] of langs.entries()) copyFileSync(`dist/locales/${lang}.js`, `dist/${localeFiles[i]}`);
// The same locale files under stable names, beside the unversioned heard-ui.js: the dashboard's
// survey preview imports both, so it shows exactly what the collector serves.
const stableLocaleFiles = langs.map((lang) => `heard-locale.${lang}.js`);
for (const [i, lang] of langs.entries()) copyFileSync(`dist/locales/${lang}.js`, `dist/${stableLocaleFiles[i]}`);
await build({ ...shared, entryPoints: ['src/targeting.ts'], format: 'esm', outfile: 'dist/heard-targeting.js' });
const targetingHash = createHash('sha256').update(readFileSync('dist/heard-targeting.js')).digest('hex').slice(0, 10);
const targetingFile = `heard-targeting.${targetingHash}.js`;
copyFileSync('dist/heard-targeting.js', `dist/${targetingFile}`);
// The sending half of delivery: fetched only when a page has something to send.
await build({ ...shared, entryPoints: ['src/send.ts'], format: 'esm', outfile: 'dist/heard-send.js' });
const sendHash = createHash('sha256').update(readFileSync('dist/heard-send.js')).digest('hex').slice(0, 10);
const sendFile = `heard-send.${sendHash}.js`;
copyFileSync('dist/heard-send.js', `dist/${sendFile}`);
await build({
  ...shared,
  entryPoints: ['src/loader.ts'],
  format: 'iife',
  outfile: 'dist/heard.js',
  define: {
    __UI_FILE__: JSON.stringify(uiFile),
    __TARGETING_FILE__: JSON.stringify(targetingFile),
    __SEND_FILE__: JSON.stringify(sendFile),
  },
});
// The npm entry: dist/heard.mjs, with its lazily imported chunks (UI, locales) under dist/esm/.
await build({
  ...shared,
  minify: false,
  entryPoints: { heard: 'src/index.ts' },
  format: 'esm',
  splitting: true,
  outdir: 'dist',
  chunkNames: 'esm/[name]-[hash]',
  outExtension: { '.js': '.mjs' },
});

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
for (const old of readdirSync(assets))
  if (/^heard-(ui|targeting|send|locale)\.\w+\./.test(old)) rmSync(new URL(old, assets));
for (const file of ['heard.js', 'heard-ui.js', uiFile, ...localeFiles, ...stableLocaleFiles, targetingFile, sendFile])
  copyFileSync(`dist/${file}`, new URL(file, assets));
writeFileSync(
  new URL('_headers', assets),
  `/heard.js
  Cache-Control: public, max-age=300, stale-while-revalidate=86400
  Access-Control-Allow-Origin: *
/heard-ui.js
  Cache-Control: public, max-age=300, stale-while-revalidate=86400
  Access-Control-Allow-Origin: *
/heard-locale.*.js
  Cache-Control: public, max-age=300, stale-while-revalidate=86400
/heard-ui.*.js
  Cache-Control: public, max-age=31536000, immutable
  Access-Control-Allow-Origin: *
/heard-targeting.*.js
  Cache-Control: public, max-age=31536000, immutable
  Access-Control-Allow-Origin: *
/heard-send.*.js
  Cache-Control: public, max-age=31536000, immutable
  Access-Control-Allow-Origin: *
/*
  X-Content-Type-Options: nosniff
  Referrer-Policy: no-referrer
${['/dashboard', '/dashboard/*', '/docs', '/docs/*']
  .map((path) => `${path}\n  Content-Security-Policy: ${PAGE_CSP}\n  X-Frame-Options: DENY\n`)
  .join('')}`,
);
console.log(`widget: built heard.js, ${uiFile}, ${targetingFile}, ${sendFile}`);
