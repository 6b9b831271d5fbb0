import { defineProject } from 'vitest/config';

export default defineProject({
  resolve: { conditions: ['source'] },
  test: {
    name: 'browser',
    include: ['e2e/**/*.test.ts'],
    globalSetup: ['./stack.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    fileParallelism: false,
    // A shared 2-core machine: give the browser time before a poll gives up.
    expect: { poll: { timeout: 5000 } },
  },
});
