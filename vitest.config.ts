import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: ['sdk-core', 'worker', 'dashboard', 'tests'],
    reporters: ['default', 'json'],
    outputFile: { json: 'tests/artifacts/vitest.json' },
  },
});
