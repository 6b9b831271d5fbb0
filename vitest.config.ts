import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: ['sdk-core', 'worker', 'worker/vitest.queue.config.ts', 'dashboard', 'tests', 'widget', 'node'],
    reporters: ['default', 'json'],
    outputFile: { json: 'tests/artifacts/vitest.json' },
  },
});
