import { fileURLToPath } from 'node:url';
import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-plugin';
import { configDefaults, defineProject } from 'vitest/config';
import { webhookTestBindings } from './test/resolver.ts';

const migrations = await readD1Migrations(fileURLToPath(new URL('./migrations', import.meta.url)));

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
        // Low limits so test/ratelimit.test.ts can reach them; only requests that carry
        // CF-Connecting-IP count against the IP limit, and the site limit stays above what
        // any other test sends to one site.
        ratelimits: {
          RATE_LIMIT_IP: { namespace_id: '1001', simple: { limit: 5, period: 60 } },
          RATE_LIMIT_SITE: { namespace_id: '1002', simple: { limit: 200, period: 60 } },
        },
      },
    }),
  ],
  resolve: { conditions: ['source'] },
  test: {
    name: 'worker',
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    exclude: [...configDefaults.exclude, '**/*.queue.test.ts'],
    setupFiles: ['./test/setup.ts'],
  },
});
