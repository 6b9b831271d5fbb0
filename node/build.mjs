// Builds @heard/node: one ESM and one CJS file (platform-neutral: only fetch and Web Crypto),
// the CLI, and the type declarations.
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { build } from 'esbuild';

const dir = new URL('.', import.meta.url).pathname;
rmSync(`${dir}dist`, { recursive: true, force: true });
const common = { bundle: true, target: 'es2022', conditions: ['source'], legalComments: 'none', logLevel: 'warning' };
await Promise.all([
  build({
    ...common,
    entryPoints: [`${dir}src/index.ts`],
    platform: 'neutral',
    format: 'esm',
    outfile: `${dir}dist/index.js`,
  }),
  build({
    ...common,
    entryPoints: [`${dir}src/index.ts`],
    platform: 'neutral',
    format: 'cjs',
    outfile: `${dir}dist/index.cjs`,
  }),
  build({
    ...common,
    entryPoints: [`${dir}src/cli.ts`],
    platform: 'node',
    format: 'esm',
    outfile: `${dir}dist/cli.js`,
    banner: { js: '#!/usr/bin/env node' },
  }),
]);
execFileSync(`${dir}node_modules/.bin/tsc`, ['-p', `${dir}tsconfig.build.json`], { stdio: 'inherit' });
