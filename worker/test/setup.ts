import { applyD1Migrations, env } from 'cloudflare:test';
import { afterEach, expect } from 'vitest';
import { responseProblems } from '../src/conformance';

await applyD1Migrations(env.DB, env.TEST_MIGRATIONS);
if (env.DB_2) await applyD1Migrations(env.DB_2, env.TEST_MIGRATIONS);

// Every answer a test gets is held against its route's documented status and schema
// (HEARD_CHECK_RESPONSES in vitest.config.ts): a test that saw an undocumented answer fails.
afterEach(() => {
  const problems = responseProblems.splice(0);
  expect(problems, 'answers outside the OpenAPI document').toEqual([]);
});
