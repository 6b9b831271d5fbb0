import { defineProject } from 'vitest/config';

export default defineProject({
  resolve: { conditions: ['source'] },
  test: { name: 'dashboard', include: ['src/**/*.test.ts'] },
});
