// Docs that stay true. Every ```sh block with a curl in README.md and docs/*.md runs, in the
// order of the pages, against the test stack's real collector, with the environment the
// examples are written to (docs/http-api.md: HEARD, HEARD_PUBLIC_KEY, HEARD_SECRET_KEY, …);
// each answer must have every field the docs show after it (`# {"accepted":1,…}`, or a first
// line such as a CSV header). And every relative link in those pages resolves, anchors too.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { seed } from '../../demo/seed.mjs';
import { createSite, root } from '../../scripts/stack.mjs';
import { stripeSignature } from '../api/calls';

const PAGES = [
  'README.md',
  ...readdirSync(`${root}docs`)
    .filter((f) => f.endsWith('.md'))
    .map((f) => `docs/${f}`),
];
const STRIPE_SECRET = 'whsec_docs_examples';

interface Block {
  page: string;
  line: number;
  lang: string;
  code: string;
}

/** The fenced code blocks of a Markdown page. */
function blocks(page: string): Block[] {
  const text = readFileSync(`${root}${page}`, 'utf8');
  const found: Block[] = [];
  const fence = /^```(\w*)\n([\s\S]*?)^```$/gm;
  for (let m = fence.exec(text); m; m = fence.exec(text)) {
    found.push({ page, line: text.slice(0, m.index).split('\n').length, lang: m[1] ?? '', code: m[2] ?? '' });
  }
  return found;
}

/** A shell example: the commands, and what the docs show their answer holds. */
interface Example {
  where: string;
  command: string;
  expected: string;
}

/** Splits a block into commands, each with the `#` lines after it (or a `# {…}` at its end). */
function examples(block: Block): Example[] {
  const found: Example[] = [];
  let command: string[] = [];
  let expected: string[] = [];
  let heredoc: string | null = null;
  let start = block.line + 1;
  const flush = () => {
    if (command.length)
      found.push({ where: `${block.page}:${start}`, command: command.join('\n'), expected: expected.join('\n') });
    command = [];
    expected = [];
  };
  block.code.split('\n').forEach((line, i) => {
    if (heredoc !== null) {
      command.push(line);
      if (line === heredoc) heredoc = null;
      return;
    }
    if (/^\s*#/.test(line)) {
      expected.push(line.replace(/^\s*#\s?(→\s*)?/, ''));
      return;
    }
    if (line.trim() === '') return;
    if (expected.length) flush();
    if (!command.length) start = block.line + 1 + i;
    // An answer shown at the end of the line: `curl … # {"openapi":…}`.
    const inline = / #\s*(→\s*)?([{[].*)$/.exec(line);
    command.push(inline ? line.slice(0, inline.index) : line);
    if (inline?.[2]) expected.push(inline[2]);
    heredoc = /<<-?'?(\w+)'?/.exec(line)?.[1] ?? null;
  });
  flush();
  return found;
}

/** The JSON field names a text shows: every `"name":` but numbers (a distribution's scores are data). */
const fields = (text: string) =>
  new Set([...text.matchAll(/"([^"\s]+)"\s*:/g)].map((m) => m[1] as string).filter((name) => !/^\d+$/.test(name)));

const CURL_EXAMPLES = PAGES.flatMap(blocks)
  .filter((b) => (b.lang === 'sh' || b.lang === 'bash') && /\bcurl\b/.test(b.code))
  .flatMap(examples);

let env: Record<string, string> = {};
let receiver: Server;
let work = '';
let siteId = '';

/** Posts a signed Stripe subscription event to the site's Stripe source, as Stripe would. */
async function stripeEvent(collector: string, siteId: string) {
  const body = JSON.stringify({
    id: `evt_${crypto.randomUUID()}`,
    object: 'event',
    type: 'customer.subscription.created',
    created: Math.floor(Date.now() / 1000) - 3600,
    data: {
      object: {
        id: 'sub_docs',
        object: 'subscription',
        customer: 'cus_docs',
        status: 'active',
        currency: 'usd',
        cancel_at: null,
        cancel_at_period_end: false,
        metadata: { account: 'acme' },
        items: {
          object: 'list',
          data: [
            {
              id: 'si_docs',
              object: 'subscription_item',
              quantity: 3,
              price: {
                id: 'price_docs',
                object: 'price',
                unit_amount: 4900,
                recurring: { interval: 'month', interval_count: 1 },
              },
            },
          ],
        },
      },
    },
  });
  const response = await fetch(`${collector}/v1/sources/stripe/${siteId}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'Stripe-Signature': await stripeSignature(body, STRIPE_SECRET) },
    body,
  });
  if (!response.ok) throw new Error(`stripe event: ${response.status} ${await response.text()}`);
}

beforeAll(async () => {
  const { collector, adminToken } = inject('stack');
  const site = await createSite(collector, adminToken, 'Docs examples', []);
  const seeded = await seed({ collector, publicKey: site.publicKey, secretKey: site.secretKey, users: 200, seed: 9 });
  if (seeded.rejected > 0) throw new Error(`the collector refused ${seeded.rejected} seeded items`);
  const survey = await fetch(`${collector}/v1/surveys`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${site.secretKey}` },
    body: JSON.stringify({
      name: 'CSAT after support',
      kind: 'csat',
      status: 'active',
      texts: { default: { question: 'How satisfied are you with the help you got?' } },
    }),
  });
  const { id } = (await survey.json()) as { id?: string };
  if (!id) throw new Error(`survey: ${survey.status}`);
  receiver = createServer((req, res) => {
    req.resume();
    req.on('end', () => res.writeHead(200).end('ok'));
  });
  await new Promise<void>((done) => receiver.listen(0, '127.0.0.1', done));
  work = mkdtempSync(join(tmpdir(), 'heard-docs-'));
  env = {
    PATH: process.env.PATH ?? '',
    HOME: work,
    HEARD: collector,
    HEARD_ADMIN_TOKEN: adminToken,
    HEARD_PUBLIC_KEY: site.publicKey,
    HEARD_SECRET_KEY: site.secretKey,
    HEARD_SURVEY: id,
    HEARD_SITE: site.id,
    HEARD_WEBHOOK_URL: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/slack`,
    STRIPE_SIGNING_SECRET: STRIPE_SECRET,
  };
  siteId = site.id;
}, 180_000);

afterAll(() => receiver?.close());

function run(command: string): Promise<{ stdout: string; stderr: string; code: number }> {
  return new Promise((done) => {
    execFile(
      'bash',
      ['-c', `set -euo pipefail\n${command}`],
      { env, cwd: work, timeout: 30_000 },
      (error, stdout, stderr) =>
        done({ stdout, stderr, code: error ? Number((error as { code?: number }).code ?? 1) : 0 }),
    );
  });
}

describe('the curl examples in the docs', () => {
  it('are found: every page with an HTTP example has some', () => {
    const pages = new Set(CURL_EXAMPLES.map((e) => e.where.split(':')[0]));
    expect([...pages].sort()).toEqual(
      expect.arrayContaining(['docs/http-api.md', 'docs/metrics.md', 'docs/server.md']),
    );
    expect(CURL_EXAMPLES.length).toBeGreaterThan(20);
    console.log(`docs: ${CURL_EXAMPLES.length} curl examples in ${pages.size} pages`);
  });

  it.each(CURL_EXAMPLES.map((e) => [e.where, e] as const))(
    '%s runs and answers with the fields it shows',
    async (_, example) => {
      if (example.command.includes('/v1/mrr')) await stripeEvent(env.HEARD as string, siteId);
      const result = await run(example.command);
      expect({ code: result.code, stderr: result.stderr }).toEqual({ code: 0, stderr: '' });
      const shown = fields(example.expected);
      if (shown.size > 0) {
        const answered = fields(result.stdout);
        expect(
          [...shown].filter((f) => !answered.has(f)),
          result.stdout.slice(0, 2000),
        ).toEqual([]);
      } else if (example.expected.trim()) {
        const first = example.expected.split('\n')[0]?.trim() ?? '';
        expect(result.stdout.split(/\r?\n/)).toContain(first);
      }
    },
  );
});

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens. */
const slug = (heading: string) =>
  heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\- _]/gu, '')
    .replace(/ /g, '-');

/** The anchors a page has: one per heading, repeated ones numbered as GitHub does. */
function anchors(page: string): Set<string> {
  const seen = new Map<string, number>();
  const found = new Set<string>();
  let fenced = false;
  for (const line of readFileSync(page, 'utf8').split('\n')) {
    if (line.startsWith('```')) fenced = !fenced;
    const heading = fenced ? null : /^#{1,6} (.*)$/.exec(line);
    if (!heading?.[1]) continue;
    const base = slug(heading[1]);
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    found.add(n ? `${base}-${n}` : base);
  }
  return found;
}

describe('the links in the docs', () => {
  const links = PAGES.flatMap((page) => {
    const text = readFileSync(`${root}${page}`, 'utf8').replace(/^```[\s\S]*?^```$/gm, '');
    return [...text.matchAll(/\]\(([^)\s]+)\)/g)]
      .map((m) => m[1] as string)
      .filter((href) => !/^[a-z]+:/i.test(href))
      .map((href) => ({ page, href }));
  });

  it('resolve: every relative link to a file that exists, and to a heading that exists', () => {
    const broken = links.filter(({ page, href }) => {
      const [path, anchor] = href.split('#') as [string, string | undefined];
      const target = path ? resolve(dirname(`${root}${page}`), decodeURI(path)) : `${root}${page}`;
      if (!existsSync(target)) return true;
      return anchor !== undefined && target.endsWith('.md') && !anchors(target).has(anchor);
    });
    console.log(`docs: ${links.length} relative links checked`);
    expect(links.length).toBeGreaterThan(50);
    expect(broken).toEqual([]);
  });

  it('reach every docs page from the README', () => {
    const fromReadme = new Set(links.filter((l) => l.page === 'README.md').map((l) => l.href.split('#')[0] as string));
    const pages = PAGES.filter((p) => p.startsWith('docs/'));
    expect(pages.filter((p) => !fromReadme.has(p))).toEqual([]);
  });
});

describe('the collector’s /docs page', () => {
  it('links every docs page, and serves each one', async () => {
    const { collector } = inject('stack');
    const html = await (await fetch(`${collector}/docs`)).text();
    const linked = [...html.matchAll(/href="\/docs\/([\w-]+\.md)"/g)].map((m) => `docs/${m[1]}`);
    expect(linked.sort()).toEqual(PAGES.filter((p) => p.startsWith('docs/')).sort());
    for (const page of linked) {
      const response = await fetch(`${collector}/${page}`);
      expect(response.status, page).toBe(200);
      expect(await response.text()).toBe(readFileSync(`${root}${page}`, 'utf8'));
    }
  });
});
