import { expect, inject, it } from 'vitest';

// worker/wrangler.jsonc: RATE_LIMIT_IP allows 600 requests per 60 s per client IP.
const IP_LIMIT = 600;

it('wrangler dev enforces the per-IP rate limit with 429 and Retry-After', async () => {
  const { collector } = inject('stack');
  // One address of its own, so the other browser tests (127.0.0.1) keep their budget.
  const headers = { 'CF-Connecting-IP': '203.0.113.250' };
  const statuses: number[] = [];
  let retryAfter: string | null = null;
  for (let sent = 0; sent < IP_LIMIT + 50; sent += 50) {
    const batch = await Promise.all(
      Array.from({ length: 50 }, () => fetch(`${collector}/v1/no-such-route`, { headers })),
    );
    for (const response of batch) {
      statuses.push(response.status);
      if (response.status === 429) retryAfter = response.headers.get('Retry-After');
      await response.body?.cancel();
    }
  }
  expect(statuses.filter((s) => s === 404).length).toBeLessThanOrEqual(IP_LIMIT);
  expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(50);
  expect(retryAfter).toBe('60');
  // Another address is unaffected.
  expect(
    (await fetch(`${collector}/v1/no-such-route`, { headers: { 'CF-Connecting-IP': '203.0.113.251' } })).status,
  ).toBe(404);
});
