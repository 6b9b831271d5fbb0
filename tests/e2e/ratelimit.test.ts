import { expect, inject, it } from 'vitest';

// worker/wrangler.jsonc: RATE_LIMIT_IP allows 600 requests per 60 s per client IP.
const IP_LIMIT = 600;

it('wrangler dev enforces the per-IP rate limit with 429 and Retry-After', async () => {
  const { collector } = inject('stack');
  // One address of its own, so the other browser tests (127.0.0.1) keep their budget.
  const headers = { 'CF-Connecting-IP': '203.0.113.250' };
  const statuses: number[] = [];
  let retryAfter: string | null = null;
  // Windows are aligned to the clock: a run may straddle two, so one of them overflows within
  // 2 × limit + 1 requests, and none before `limit` requests.
  while (!statuses.includes(429) && statuses.length <= 2 * IP_LIMIT) {
    const batch = await Promise.all(
      Array.from({ length: 50 }, () => fetch(`${collector}/v1/no-such-route`, { headers })),
    );
    for (const response of batch) {
      statuses.push(response.status);
      if (response.status === 429) retryAfter = response.headers.get('Retry-After');
      await response.body?.cancel();
    }
  }
  expect(statuses.indexOf(429)).toBeGreaterThanOrEqual(IP_LIMIT);
  expect(retryAfter).toBe('60');
  // Another address is unaffected.
  const other = await fetch(`${collector}/v1/no-such-route`, { headers: { 'CF-Connecting-IP': '203.0.113.251' } });
  expect(other.status).toBe(404);
});
