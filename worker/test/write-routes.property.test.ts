import { createExecutionContext, env, waitOnExecutionContext } from 'cloudflare:test';
import { LIMITS, type SiteCreated, ZError } from '@heard/core';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { app } from '../src/index';
import { ADMIN, newSite, ORIGIN } from './helpers';

/**
 * Fuzzing every write route with malformed and hostile requests, in workerd against D1:
 * every answer is a 2xx or a clear 4xx in the shared error shape, never a 5xx, and the
 * database's invariants hold after every request. The app is called directly with the
 * per-site rate limiter left out (test/ratelimit.test.ts covers it), so the thousands of
 * requests reach the routes instead of a 429.
 */
const RUNS = 1_000;
const REQUESTS_PER_RUN = 10;

// Without the R2 archive too: its writes after each response are covered by routes/archive.test.ts.
const fuzzEnv = { ...env, RATE_LIMIT_SITE: undefined, RATE_LIMIT_IP: undefined, ARCHIVE: undefined };
let sites: SiteCreated[] = [];

const users = ['u1', 'u2', 'anon:u1', "'; DROP TABLE answers; --", '🙂', 'a'.repeat(LIMITS.idChars)];
const ids = Array.from({ length: 8 }, () => crypto.randomUUID());

/** Strings an attacker tries: injections, prototypes, control characters, lone surrogates, sizes at and past caps. */
const hostileString = fc.oneof(
  fc.string(),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.constantFrom(
    '',
    '__proto__',
    'constructor',
    "' OR 1=1 --",
    '"); DELETE FROM answers; --',
    '\u0000',
    '\ud800',
    '<script>alert(1)</script>',
    '%00%ff',
    'x'.repeat(LIMITS.stringChars + 1),
    'x'.repeat(LIMITS.commentChars + 1),
  ),
  fc.constantFrom(...users),
);
const hostileNumber = fc.oneof(
  fc.integer({ min: -20, max: 20 }),
  fc.double(),
  fc.constantFrom(0, -1, 11, 1e308, -1e308, Number.MAX_SAFE_INTEGER + 2, 8.64e15 + 1),
);
const anyValue = fc.oneof(hostileString, hostileNumber, fc.boolean(), fc.constant(null), fc.jsonValue({ maxDepth: 2 }));
const timestamp = fc.oneof(
  fc.integer({ min: -600_000, max: 60_000 }).map((d) => Date.now() + d),
  fc.constantFrom(0, -1, Date.now() - 401 * 864e5, Date.now() + 3_600_000, Date.now() - 1.5),
  anyValue,
);
const props = fc.oneof(
  fc.dictionary(hostileString, anyValue, { maxKeys: 6 }),
  fc.dictionary(
    fc.string({ minLength: 1, maxLength: 4 }).map((k) => `k${k}`),
    fc.integer(),
    { minKeys: 48, maxKeys: 53 },
  ),
  anyValue,
);

const DROP = Symbol('drop');

/**
 * A valid item with up to two fields replaced by hostile values, dropped, or added: most
 * items get far enough to be stored or refused one by one, not just bounced at the door.
 */
const mutated = (valid: fc.Arbitrary<Record<string, unknown>>, fields: string[]) =>
  fc
    .tuple(
      valid,
      fc.array(
        fc.tuple(
          fc.constantFrom(...fields, 'extra', '__proto__'),
          fc.oneof(anyValue, props, timestamp, fc.constant(DROP)),
        ),
        {
          maxLength: 2,
        },
      ),
      fc.nat(3),
    )
    .map(([item, mutations, keep]) => {
      const result: Record<string, unknown> = { ...item };
      // Half of the items stay valid, so the stores and triggers see plenty of traffic.
      for (const [name, value] of keep < 2 ? [] : mutations) {
        if (value === DROP) delete result[name];
        else Object.defineProperty(result, name, { value, enumerable: true, writable: true, configurable: true });
      }
      return result;
    });

const SCALE_CHOICES: [string, number, number][] = [
  ['nps', 0, 10],
  ['csat', 1, 5],
  ['csat', 1, 7],
  ['csat', 1, 3],
  ['ces', 1, 7],
  ['ces', 1, 5],
];
const scaleAndScore = fc
  .constantFrom(...SCALE_CHOICES)
  .chain(([kind, lo, hi]) => fc.integer({ min: lo, max: hi }).map((score) => ({ kind, scale: [lo, hi], score })));
const who = fc.oneof(
  fc.record({ userId: fc.constantFrom(...users) }),
  fc.record({ anonymousId: fc.constantFrom(...users) }),
  fc.record({ userId: fc.constantFrom(...users), anonymousId: fc.constantFrom(...users) }),
);
const recent = fc.integer({ min: -30 * 864e5, max: 60_000 }).map((d) => Date.now() + d);
const itemId = fc.oneof(fc.constantFrom(...ids), fc.uuid());

const answer = mutated(
  fc
    .tuple(
      scaleAndScore,
      who,
      fc.record(
        {
          id: itemId,
          survey: fc.constantFrom('onboarding', 'survey-1'),
          comment: fc.string({ maxLength: 40 }),
          traits: fc.dictionary(fc.constantFrom('plan', 'country'), fc.string({ maxLength: 8 })),
          url: fc.webUrl(),
          ts: recent,
        },
        { requiredKeys: ['id', 'ts'] },
      ),
    )
    .map(([score, identity, rest]) => ({ ...rest, ...score, ...identity })),
  [
    'id',
    'kind',
    'score',
    'scale',
    'direction',
    'survey',
    'comment',
    'userId',
    'anonymousId',
    'traits',
    'props',
    'url',
    'locale',
    'ts',
  ],
);
const event = mutated(
  fc
    .tuple(
      who,
      fc.record(
        {
          id: itemId,
          name: fc.constantFrom('signed_up', 'activated', 'ticket_resolved'),
          entity: fc.string({ minLength: 1, maxLength: 10 }),
          value: fc.double({ noNaN: true, noDefaultInfinity: true }),
          ts: recent,
        },
        { requiredKeys: ['id', 'name', 'ts'] },
      ),
    )
    .map(([identity, rest]) => ({ ...rest, ...identity })),
  ['id', 'name', 'userId', 'anonymousId', 'entity', 'value', 'props', 'ts'],
);
const display = mutated(
  fc
    .tuple(
      who,
      fc.record({
        id: itemId,
        kind: fc.constantFrom('nps', 'csat', 'ces'),
        action: fc.constantFrom('shown', 'dismissed'),
        ts: recent,
      }),
    )
    .map(([identity, rest]) => ({ ...rest, ...identity })),
  ['id', 'kind', 'action', 'survey', 'userId', 'anonymousId', 'ts'],
);
const items = <T>(item: fc.Arbitrary<T>) =>
  fc.oneof({ weight: 4, arbitrary: fc.array(item, { maxLength: 6 }) }, { weight: 1, arbitrary: anyValue });

/** Which key a request carries: a real one of the three fuzz sites, the wrong kind, or junk. */
const siteKey = fc.oneof(
  { weight: 6, arbitrary: fc.nat(2).map((i) => (s: SiteCreated[]) => s[i]?.publicKey) },
  { weight: 1, arbitrary: fc.nat(2).map((i) => (s: SiteCreated[]) => s[i]?.secretKey) },
  { weight: 1, arbitrary: anyValue.map((v) => () => v) },
);
const secretKey = fc.oneof(
  { weight: 5, arbitrary: fc.nat(2).map((i) => (s: SiteCreated[]) => s[i]?.secretKey) },
  { weight: 1, arbitrary: fc.nat(2).map((i) => (s: SiteCreated[]) => s[i]?.publicKey) },
  { weight: 1, arbitrary: fc.constantFrom(ADMIN, '', 'sk_', 'Bearer', `sk_${'A'.repeat(32)}`).map((v) => () => v) },
);

type Body = string | Uint8Array | undefined;
interface Fuzzed {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: (s: SiteCreated[]) => Body;
  route: string;
  /** The bearer token, from the sites made in beforeAll. */
  auth?: (s: SiteCreated[]) => unknown;
}

const contentType = fc.constantFrom(
  'text/plain;charset=UTF-8',
  'application/json',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  '',
);
const origin = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(ORIGIN, '') },
  { weight: 1, arbitrary: fc.constantFrom('https://evil.test', 'null', 'https://app.example.com.evil.test') },
);

/** Raw bodies: not JSON, not UTF-8, truncated, or too large. */
const rawBody = fc.oneof(
  fc.string({ maxLength: 60 }),
  fc.uint8Array({ maxLength: 40 }),
  fc.constantFrom(
    '{',
    '[]',
    'null',
    '{"site":',
    '"\\ud800"',
    '{"__proto__":{"site":1}}',
    'x'.repeat(LIMITS.bodyBytes + 1),
  ),
);

const collectRequest: fc.Arbitrary<Fuzzed> = fc
  .record({
    kind: fc.constantFrom('envelope', 'envelope', 'envelope', 'envelope', 'envelope', 'json', 'raw'),
    key: siteKey,
    answers: items(answer),
    events: items(event),
    displays: items(display),
    extra: fc.dictionary(hostileString, anyValue, { maxKeys: 2 }),
    json: fc.jsonValue({ maxDepth: 3 }),
    raw: rawBody,
    contentType,
    origin,
    method: fc.oneof(
      { weight: 12, arbitrary: fc.constant('POST') },
      fc.constantFrom('GET', 'PUT', 'OPTIONS', 'DELETE'),
    ),
  })
  .map((r) => ({
    method: r.method,
    path: '/v1/collect',
    route: 'collect',
    headers: { ...(r.contentType ? { 'Content-Type': r.contentType } : {}), ...(r.origin ? { Origin: r.origin } : {}) },
    body: (s: SiteCreated[]) =>
      r.kind === 'raw'
        ? r.raw
        : JSON.stringify(
            r.kind === 'json'
              ? r.json
              : { ...r.extra, site: r.key(s), answers: r.answers, events: r.events, displays: r.displays },
          ),
  }));

/** Segment calls as a webhook could send them, some of them wrong. */
const segmentCall = fc.oneof(
  { weight: 1, arbitrary: anyValue },
  {
    weight: 6,
    arbitrary: fc.record(
      {
        type: fc.oneof(fc.constantFrom('track', 'track', 'identify', 'page', 'alias'), anyValue),
        event: fc.oneof(fc.constantFrom('Order Completed', 'signed_up', 'revenue', ' '), hostileString, anyValue),
        userId: fc.oneof(fc.constantFrom(...users), anyValue),
        anonymousId: fc.oneof(fc.constantFrom('anon-1', ''), anyValue),
        messageId: fc.oneof(fc.constantFrom(...ids), fc.uuid(), fc.string({ maxLength: 40 }), anyValue),
        properties: fc.oneof(fc.dictionary(hostileString, anyValue, { maxKeys: 4 }), anyValue),
        traits: fc.oneof(fc.dictionary(hostileString, anyValue, { maxKeys: 4 }), anyValue),
        timestamp: fc.oneof(
          recent.map((ts) => new Date(ts).toISOString()),
          fc.string({ maxLength: 30 }),
          anyValue,
        ),
      },
      { requiredKeys: [] },
    ),
  },
);

const batchRequest: fc.Arbitrary<Fuzzed> = fc
  .record({
    kind: fc.constantFrom('items', 'items', 'segment', 'segment', 'json', 'raw'),
    key: secretKey,
    answers: items(answer),
    events: items(event),
    displays: items(display),
    calls: fc.array(segmentCall, { maxLength: 8 }),
    json: fc.jsonValue({ maxDepth: 3 }),
    raw: rawBody,
    contentType,
  })
  .map((r) => ({
    method: 'POST',
    path: '/v1/batch',
    route: 'batch',
    headers: (r.contentType ? { 'Content-Type': r.contentType } : {}) as Record<string, string>,
    body: () =>
      r.kind === 'raw'
        ? r.raw
        : JSON.stringify(
            r.kind === 'json'
              ? r.json
              : r.kind === 'segment'
                ? { batch: r.calls }
                : { answers: r.answers, events: r.events, displays: r.displays },
          ),
    auth: r.key,
  }));

const sitesRequest: fc.Arbitrary<Fuzzed> = fc
  .record({
    token: fc.constantFrom(ADMIN, ADMIN, 'wrong', ''),
    name: fc.oneof(fc.string({ minLength: 1, maxLength: 20 }), anyValue),
    origins: fc.oneof(
      fc.array(fc.constantFrom('https://a.example.com', 'https://*.example.com', 'http://localhost:5173'), {
        maxLength: 3,
      }),
      fc.array(fc.oneof(fc.webUrl(), hostileString), { maxLength: 4 }),
      anyValue,
    ),
    raw: fc.option(rawBody, { nil: undefined }),
    contentType,
  })
  .map((r) => ({
    method: 'POST',
    path: '/v1/sites',
    route: 'sites',
    headers: { Authorization: `Bearer ${r.token}`, ...(r.contentType ? { 'Content-Type': r.contentType } : {}) },
    body: () => r.raw ?? JSON.stringify({ name: r.name, origins: r.origins }),
  }));

const pathSegment = fc.oneof(
  fc.constantFrom(...users).map(encodeURIComponent),
  fc.string({ maxLength: 30 }).map(encodeURIComponent),
  fc.constantFrom('%', '%zz', '..%2F..%2Fsites', '%00', 'x'.repeat(LIMITS.idChars + 1), '0123456789abcdef', 'current'),
);

const keysRequest: fc.Arbitrary<Fuzzed> = fc
  .record({ key: secretKey, method: fc.constantFrom('POST', 'DELETE', 'PATCH'), id: pathSegment })
  .map((r) => ({
    method: r.method,
    // Revoking "current" would lock the fuzz out of its own sites: that id becomes one that matches nothing.
    path: r.method === 'POST' ? '/v1/keys' : `/v1/keys/${r.id === 'current' ? 'ffffffffffffffff' : r.id}`,
    route: 'keys',
    headers: {},
    body: () => undefined,
    auth: r.key,
  }));

const usersRequest: fc.Arbitrary<Fuzzed> = fc.record({ key: secretKey, id: pathSegment }).map((r) => ({
  method: 'DELETE',
  path: `/v1/users/${r.id}`,
  route: 'users',
  headers: {},
  body: () => undefined,
  auth: r.key,
}));

const request = fc.oneof(
  { weight: 6, arbitrary: collectRequest },
  { weight: 2, arbitrary: batchRequest },
  { weight: 1, arbitrary: sitesRequest },
  { weight: 1, arbitrary: keysRequest },
  { weight: 2, arbitrary: usersRequest },
);

/** Row counts of the whole database, to compare before and after a request. */
async function totals() {
  return (await env.DB.prepare(
    `SELECT (SELECT COUNT(*) FROM answers) AS answers,
            (SELECT COUNT(*) FROM events) + (SELECT COUNT(*) FROM event_ids) AS events,
            (SELECT COUNT(*) FROM displays) AS displays, (SELECT COUNT(*) FROM sites) AS sites`,
  ).first()) as { answers: number; events: number; displays: number; sites: number };
}

/** The invariants: rollups equal raw counts group by group, every row within its caps, milestones present. */
async function violations(): Promise<unknown[]> {
  const group = 'site_id, survey, kind, scale_min, scale_max, direction, day, score';
  const [raw, rolled, bad, missing] = await env.DB.batch([
    env.DB.prepare(
      `SELECT ${group}, COUNT(*) AS n FROM answers GROUP BY ${group}
       EXCEPT SELECT ${group}, n FROM answer_rollup`,
    ),
    env.DB.prepare(
      `SELECT ${group}, n FROM answer_rollup
       EXCEPT SELECT ${group}, COUNT(*) FROM answers GROUP BY ${group}`,
    ),
    env.DB.prepare(
      `SELECT id FROM answers WHERE score NOT BETWEEN scale_min AND scale_max
         OR (user_id IS NULL AND anonymous_id IS NULL) OR length(coalesce(comment, '')) > ${LIMITS.commentChars}
         OR length(coalesce(url, '')) > ${LIMITS.urlChars} OR length(id) <> 36
       UNION ALL SELECT id FROM events WHERE (user_id IS NULL AND anonymous_id IS NULL)
         OR length(name) > ${LIMITS.nameChars} OR length(id) <> 36
       UNION ALL SELECT id FROM displays WHERE action NOT IN ('shown', 'dismissed') OR length(id) <> 36`,
    ),
    env.DB.prepare(
      `SELECT e.id FROM events e WHERE NOT EXISTS (SELECT 1 FROM milestones m WHERE m.site_id = e.site_id
         AND m.name = e.name AND m.user_key = coalesce(e.user_id, 'anon:' || e.anonymous_id) AND m.ts <= e.ts)`,
    ),
  ]);
  const label = (check: string, rows: { results: unknown[] } | undefined) =>
    (rows?.results ?? []).map((row) => ({ check, row }));
  return [
    ...label('raw answers without their rollup count', raw),
    ...label('rollup counts without their raw answers', rolled),
    ...label('rows outside their caps', bad),
    ...label('events without their milestone', missing),
  ];
}

beforeAll(async () => {
  sites = [
    await newSite('fuzz 1'),
    await newSite('fuzz 2', [ORIGIN, 'https://*.example.com']),
    await newSite('fuzz 3'),
  ];
});

describe('fuzzing the write routes', () => {
  it(`answers ${RUNS * REQUESTS_PER_RUN} hostile requests with 2xx or a clear 4xx, and D1 stays consistent`, {
    timeout: 300_000,
  }, async () => {
    const seen: Record<string, Record<number, number>> = {};
    const started = performance.now();
    let runs = 0;
    let sent = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(request, { minLength: REQUESTS_PER_RUN, maxLength: REQUESTS_PER_RUN }),
        async (requests) => {
          // Row counts are compared once per run: what the answers said was stored or erased
          // must be exactly what changed, so a refused request changed nothing.
          const before = await totals();
          let stored = 0;
          let erased = 0;
          let created = 0;
          for (const fuzzed of requests) {
            const headers = { ...fuzzed.headers };
            if (fuzzed.auth) headers.Authorization = `Bearer ${String(fuzzed.auth(sites))}`;
            const body = ['GET', 'HEAD'].includes(fuzzed.method) ? undefined : fuzzed.body(sites);
            const ctx = createExecutionContext();
            const response = await app.fetch(
              new Request(`https://collector.test${fuzzed.path}`, { method: fuzzed.method, headers, body }),
              fuzzEnv,
              ctx,
            );
            await waitOnExecutionContext(ctx);
            sent += 1;
            const status = response.status;
            const text = await response.text();
            const counts = seen[fuzzed.route] ?? {};
            seen[fuzzed.route] = counts;
            counts[status] = (counts[status] ?? 0) + 1;
            const where = `${fuzzed.method} ${fuzzed.path} → ${status} ${text.slice(0, 300)}`;
            expect(status, where).toBeLessThan(500);
            expect(status, where).toBeGreaterThanOrEqual(200);
            if (status >= 400) {
              expect(ZError.safeParse(JSON.parse(text)).success, where).toBe(true);
            } else if (fuzzed.route === 'collect' || fuzzed.route === 'batch') {
              stored += (JSON.parse(text) as { accepted: number }).accepted;
            } else if (fuzzed.route === 'users') {
              const { erased: e } = JSON.parse(text) as {
                erased: { answers: number; events: number; displays: number };
              };
              erased += e.answers + e.events + e.displays;
            } else if (fuzzed.route === 'sites') {
              created += 1;
            }
          }
          const after = await totals();
          const rows = (t: typeof before) => t.answers + t.events + t.displays;
          expect(rows(after) - rows(before), 'rows stored minus rows erased').toBe(stored - erased);
          expect(after.sites - before.sites).toBe(created);
          // The full scans run every tenth run (and once at the end) to keep the fuzz fast.
          runs += 1;
          if (runs % 10 === 0) expect(await violations()).toEqual([]);
        },
      ),
      { numRuns: RUNS, seed: Number(process.env.FUZZ_SEED ?? 20261122) },
    );
    console.log(`fuzz: ${sent} requests in ${Math.round(performance.now() - started)} ms`, JSON.stringify(seen));
    expect(await violations()).toEqual([]);
    expect(sent).toBeGreaterThanOrEqual(10_000);
    // The fuzz reached the stores, not only the front door.
    expect(seen.collect?.[200] ?? 0).toBeGreaterThan(500);
    expect(seen.batch?.[200] ?? 0).toBeGreaterThan(100);
    expect(seen.users?.[200] ?? 0).toBeGreaterThan(100);
  });
});
