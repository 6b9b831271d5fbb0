import { applyD1Migrations, env, SELF } from 'cloudflare:test';
import { afterEach, expect } from 'vitest';
import { responseProblems } from '../src/conformance';

await applyD1Migrations(env.DB, env.TEST_MIGRATIONS);
if (env.DB_2) await applyD1Migrations(env.DB_2, env.TEST_MIGRATIONS);
// The collector's modules are compiled and loaded here, once per file, so the first test's own
// timer measures its requests, not the module graph's first load (seconds on a busy machine).
await import('../src/index');
// …and the worker SELF answers from is started by one request, before any test's timer.
await SELF.fetch('https://collector.test/healthz');

// Every answer a test gets is held against its route's documented status and schema
// (HEARD_CHECK_RESPONSES in vitest.config.ts): a test that saw an undocumented answer fails.
afterEach(() => {
  const problems = responseProblems.splice(0);
  expect(problems, 'answers outside the OpenAPI document').toEqual([]);
});
