import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { call, newSite, npsAnswer, read } from '../test/helpers';
import { storeBatch } from './db/collect';
import { siteBySecretKey } from './db/sites';
import { alertAnswers, deliver, type Transport } from './webhookDelivery';
import { checkTarget, targetRules } from './webhookTarget';

const put = (key: string, url: string) =>
  call('/v1/webhook', {
    method: 'PUT',
    headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ url }),
  });

/** Every spelling of a destination that is not public: none may be stored. */
const INSIDE = [
  // Link-local cloud metadata, in every IPv4 spelling the URL parser accepts.
  'https://169.254.169.254/latest/meta-data/',
  'https://2852039166/',
  'https://0xa9fea9fe/',
  'https://0xa9.0xfe.0xa9.0xfe/',
  'https://0251.0376.0251.0376/',
  'https://169.254.43518/',
  'https://169.16689662/',
  // Private, shared, unspecified, broadcast, multicast, documentation.
  'https://10.1/',
  'https://10.0.0.1/',
  'https://172.16.0.1/',
  'https://192.168.1.1/',
  'https://100.64.0.1/',
  'https://0.0.0.0/',
  'https://0/',
  'https://255.255.255.255/',
  'https://224.0.0.1/',
  'https://192.0.2.1/',
  // IPv6: unique-local, link-local, unspecified, IPv4-mapped and -compatible, NAT64, 6to4, documentation.
  'https://[fd00::1]/',
  'https://[fe80::1]/',
  'https://[::]/',
  'https://[::ffff:169.254.169.254]/',
  'https://[::ffff:a9fe:a9fe]/',
  'https://[::ffff:10.0.0.1]/',
  'https://[::10.0.0.1]/',
  'https://[64:ff9b::a9fe:a9fe]/',
  'https://[2002:a9fe:a9fe::1]/',
  'https://[2001:db8::1]/',
  'https://[ff02::1]/',
  // Names that are private by definition, and names that resolve inside.
  'https://metadata/',
  'https://metadata.google.internal/computeMetadata/v1/',
  'https://printer.local/',
  'https://router.home.arpa/',
  'https://metadata.inside.test/',
  'https://ten.inside.test./',
  'https://mapped.inside.test/',
  'https://mixed.inside.test/',
  // A name that does not exist, and one that cannot be looked up: refused (fail closed).
  'https://nx.example.com/',
  'https://down.example.com/',
  // Public, but not https; credentials in the URL.
  'http://hooks.example.com/heard',
  'http://93.184.216.34/heard',
  'https://user:pass@hooks.example.com/heard',
];

const LOOPBACK = [
  'http://127.0.0.1:8788/hook',
  'http://2130706433:8788/hook',
  'http://127.1:8788/hook',
  'http://[::1]:8788/hook',
  'http://[::ffff:127.0.0.1]:8788/hook',
  'http://localhost:8788/hook',
  'https://loop.inside.test/hook',
];

describe('PUT /v1/webhook refuses every destination that is not public', () => {
  it.each(INSIDE)('%s → 400, nothing stored', async (url) => {
    const site = await newSite();
    const response = await put(site.secretKey, url);
    expect(response.status).toBe(400);
    expect((await read('/v1/webhook', site.secretKey)).status).toBe(404);
  });

  it('stores public https receivers, by name or by address', async () => {
    const site = await newSite();
    for (const url of [
      'https://hooks.slack.com/services/T/B/x',
      'https://1.1.1.1/hook',
      'https://[2606:4700:4700::1111]/hook',
    ]) {
      expect((await put(site.secretKey, url)).status, url).toBe(200);
    }
  });

  it('takes loopback receivers only where the deployment allows them (WEBHOOK_LOOPBACK=allow, set for tests)', async () => {
    const site = await newSite();
    for (const url of LOOPBACK) expect((await put(site.secretKey, url)).status, url).toBe(200);
    const production = targetRules({ WEBHOOK_RESOLVER: env.WEBHOOK_RESOLVER });
    for (const url of LOOPBACK) expect((await checkTarget(url, production)).ok, url).toBe(false);
    expect((await checkTarget('https://hooks.slack.com/services/T/B/x', production)).ok).toBe(true);
  });
});

/** A transport that records every request it is asked to make and answers with `status`. */
function recorder(status = 200) {
  const sent: { url: string; init: RequestInit }[] = [];
  const transport: Transport = {
    fetch: async (url, init) => {
      sent.push({ url, init });
      return new Response(null, {
        status,
        headers: status >= 300 && status < 400 ? { Location: 'http://169.254.169.254/' } : {},
      });
    },
    sleep: async () => {},
  };
  return { sent, transport };
}

describe('webhook delivery', () => {
  it('sends nothing to a stored URL that is no longer public, and GET /v1/webhook tells nothing about it', async () => {
    const shown: unknown[] = [];
    for (const url of ['https://ten.inside.test/hook', 'https://169.254.169.254/', 'http://127.0.0.1:1/']) {
      const site = await newSite();
      const row = await siteBySecretKey(env.DB, site.secretKey);
      if (!row) throw new Error('site');
      // Stored before these checks existed, or a name that resolves inside since it was set.
      await env.DB.prepare(
        "INSERT INTO webhooks (site_id, url, secret, created_at) VALUES (?, ?, 'a-long-enough-secret', 0)",
      )
        .bind(row.id, url)
        .run();
      const low = npsAnswer(2);
      // Stored as collect stores it, without collect's own alert: this test sends it.
      await storeBatch(env.DB, row.id, { answers: [low as never], events: [], displays: [] });
      const { sent, transport } = recorder();
      await alertAnswers({ ...env, WEBHOOK_LOOPBACK: undefined }, row, [low as never], transport);
      expect(sent, url).toEqual([]);
      const body = (await (await read('/v1/webhook', site.secretKey)).json()) as { deliveries: unknown[] };
      shown.push(body.deliveries.map((d) => ({ ...(d as object), answerId: undefined })));
    }
    // Whatever answers (or not) at each address, the record is the same: refused, never attempted.
    expect(shown).toEqual(Array(3).fill([{ stage: 'answer', status: 'failed', attempts: 0, lastStatus: null }]));
  });

  it('never follows a redirect: a 3xx is a final failure, not retried', async () => {
    const { sent, transport } = recorder(302);
    const outcomes: string[] = [];
    const ok = await deliver(
      'https://hooks.example.com/heard',
      'a-long-enough-secret',
      '{}',
      async (o) => void outcomes.push(`${o.status}:${o.httpStatus}`),
      transport,
    );
    expect(ok).toBe(false);
    expect(sent).toHaveLength(1);
    expect(sent[0]?.init.redirect).toBe('manual');
    expect(outcomes).toEqual(['failed:302']);
  });
});
