import { defineProject } from 'vitest/config';

export default defineProject({
  resolve: { conditions: ['source'] },
  // css: the colour tests read dashboard.css as it is (`?raw`), not emptied as vitest does by default.
  test: { name: 'dashboard', include: ['src/**/*.test.ts'], css: true },
});
