import { fileURLToPath } from 'node:url';
import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-plugin';
import { defineProject } from 'vitest/config';
import { webhookTestBindings } from './test/resolver.ts';

const migrations = await readD1Migrations(fileURLToPath(new URL('./migrations', import.meta.url)));

// The same Worker with an INGEST_QUEUE bound, as docs/scaling.md configures it: collect enqueues,
// the Worker's own queue handler consumes.
export default defineProject({
  plugins: [
    cloudflareTest({
      wrangler: { configPath: './wrangler.jsonc' },
      miniflare: {
        bindings: {
          ADMIN_TOKEN: 'test-admin-token',
          SECRETS_KEY: 'test-secrets-key',
          TEST_MIGRATIONS: migrations,
          HEARD_CHECK_RESPONSES: 'on',
          WEBHOOK_LOOPBACK: 'allow',
        },
        ...webhookTestBindings,
        queueProducers: { INGEST_QUEUE: 'heard-ingest' },
        queueConsumers: { 'heard-ingest': { maxBatchSize: 100, maxBatchTimeout: 0.2, maxRetries: 3 } },
      },
    }),
  ],
  resolve: { conditions: ['source'] },
  test: { name: 'worker-queue', include: ['test/**/*.queue.test.ts'], setupFiles: ['./test/setup.ts'] },
});
