import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: ['sdk-core', 'worker', 'tests', 'widget'],
    reporters: ['default', 'json'],
    outputFile: { json: 'tests/artifacts/vitest.json' },
  },
});
