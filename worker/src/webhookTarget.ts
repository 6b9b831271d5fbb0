import type { Bindings } from './env';

/**
 * Where a webhook may post. Every destination must be public: no loopback, private, link-local
 * (cloud metadata), shared, multicast, reserved or documentation address, in any spelling, and no
 * name that resolves to one. The WHATWG URL parser (workerd's `URL`) already turns every IPv4
 * spelling (`2130706433`, `0x7f.1`, `0177.0.0.1`, `127.1`) into a dotted quad and every IPv6 one
 * into its compressed hex form, so the checks below read those canonical forms only.
 */
export interface TargetRules {
  /** Loopback receivers (127.0.0.0/8, ::1, localhost) over http or https: only where the deployment sets WEBHOOK_LOOPBACK=allow. */
  loopback: boolean;
  /** The addresses (A and AAAA) a name has; throws when no answer can be had, so the check fails closed. */
  resolve: (name: string) => Promise<string[]>;
}

/** The public DNS-over-HTTPS resolver (JSON API) names are checked with when no WEBHOOK_RESOLVER is bound. */
export const DOH_URL = 'https://cloudflare-dns.com/dns-query';

/** The rules this deployment's bindings set (see docs/security.md, "Webhooks"). */
export function targetRules(env: Pick<Bindings, 'WEBHOOK_LOOPBACK' | 'WEBHOOK_RESOLVER'>): TargetRules {
  const resolver = env.WEBHOOK_RESOLVER;
  const query = (url: string, init: RequestInit) => (resolver ? resolver.fetch(url, init) : fetch(url, init));
  return { loopback: env.WEBHOOK_LOOPBACK === 'allow', resolve: (name) => resolveWithDoh(name, query) };
}

/**
 * A and AAAA records of a name over DNS-over-HTTPS (the JSON API Cloudflare and Google serve).
 * NXDOMAIN or no address gives an empty list; a resolver that does not answer throws.
 */
export async function resolveWithDoh(
  name: string,
  query: (url: string, init: RequestInit) => Promise<Response>,
): Promise<string[]> {
  const lookups = ['A', 'AAAA'].map(async (type) => {
    const response = await query(`${DOH_URL}?name=${encodeURIComponent(name)}&type=${type}`, {
      headers: { Accept: 'application/dns-json' },
      redirect: 'manual',
      signal: AbortSignal.timeout(3000),
    });
    if (!response.ok) throw new Error(`the resolver answered ${response.status}`);
    const body = (await response.json()) as { Status?: number; Answer?: { type?: number; data?: string }[] };
    if (body.Status === 3) return [];
    if (body.Status !== 0) throw new Error(`the resolver answered status ${String(body.Status)}`);
    // 1 = A, 28 = AAAA; CNAMEs (5) come with the addresses they lead to.
    return (body.Answer ?? []).filter((r) => r.type === 1 || r.type === 28).map((r) => String(r.data));
  });
  return (await Promise.all(lookups)).flat();
}

const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

/** IPv4 ranges that are not public (RFC 6890 and its successors), as [first octets, prefix length]. */
const IPV4_BLOCKED: readonly [number, number, number][] = [
  [0x00000000, 8, 0], // "this network"
  [0x0a000000, 8, 0], // private
  [0x64400000, 10, 0], // shared (carrier-grade NAT)
  [0x7f000000, 8, 1], // loopback (1: allowed where loopback receivers are)
  [0xa9fe0000, 16, 0], // link-local, cloud metadata (169.254.169.254)
  [0xac100000, 12, 0], // private
  [0xc0000000, 24, 0], // IETF protocol assignments
  [0xc0000200, 24, 0], // documentation
  [0xc0586300, 24, 0], // 6to4 relay anycast
  [0xc0a80000, 16, 0], // private
  [0xc6120000, 15, 0], // benchmarking
  [0xc6336400, 24, 0], // documentation
  [0xcb007100, 24, 0], // documentation
  [0xe0000000, 4, 0], // multicast
  [0xf0000000, 4, 0], // reserved, broadcast
];

type Verdict = 'public' | 'loopback' | 'blocked';

function ipv4Verdict(text: string): Verdict | null {
  const parts = IPV4.exec(text);
  if (!parts) return null;
  const octets = parts.slice(1).map(Number);
  if (octets.some((o) => o > 255)) return 'blocked';
  const value = octets.reduce((n, o) => n * 256 + o, 0);
  for (const [base, prefix, loopback] of IPV4_BLOCKED) {
    const size = 2 ** (32 - prefix);
    if (value >= base && value < base + size) return loopback ? 'loopback' : 'blocked';
  }
  return 'public';
}

/** The eight 16-bit groups of an IPv6 address (with or without an embedded dotted quad), or null. */
function ipv6Groups(text: string): number[] | null {
  let address = text.toLowerCase();
  const quad = /(\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3})$/.exec(address);
  if (quad) {
    const octets = (quad[1] as string).split('.').map(Number);
    if (octets.some((o) => o > 255)) return null;
    const [a, b, c, d] = octets as [number, number, number, number];
    address = `${address.slice(0, -(quad[1] as string).length)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const halves = address.split('::');
  if (halves.length > 2) return null;
  const read = (half: string | undefined) => (half ? half.split(':') : []);
  const head = read(halves[0]);
  const tail = read(halves[1]);
  const missing = 8 - head.length - tail.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return null;
  const groups = [...head, ...Array(halves.length === 2 ? missing : 0).fill('0'), ...tail];
  if (!groups.every((g) => /^[0-9a-f]{1,4}$/.test(g))) return null;
  return groups.map((g) => Number.parseInt(g, 16));
}

function ipv6Verdict(text: string): Verdict {
  const g = ipv6Groups(text);
  if (!g) return 'blocked';
  const [g0 = 0, g1 = 0, , , , g5 = 0, g6 = 0, g7 = 0] = g;
  const embedded = () => ipv4Verdict(`${g6 >> 8}.${g6 & 255}.${g7 >> 8}.${g7 & 255}`) ?? 'blocked';
  const zeroTo = (n: number) => g.slice(0, n).every((x) => x === 0);
  if (zeroTo(7) && g7 === 1) return 'loopback'; // ::1
  if (zeroTo(5) && g5 === 0xffff) return embedded(); // IPv4-mapped ::ffff:a.b.c.d
  if (zeroTo(6)) return 'blocked'; // unspecified, IPv4-compatible (deprecated)
  if (g0 === 0x64 && g1 === 0xff9b) return embedded() === 'public' ? 'public' : 'blocked'; // NAT64
  if (g0 === 0x2002) {
    // 6to4 carries an IPv4 address in groups 1–2.
    const inner = ipv4Verdict(`${g1 >> 8}.${g1 & 255}.${(g[2] ?? 0) >> 8}.${(g[2] ?? 0) & 255}`);
    return inner === 'public' ? 'public' : 'blocked';
  }
  // Only global unicast (2000::/3) is public, less Teredo, ORCHID, documentation and benchmarking.
  if (g0 < 0x2000 || g0 > 0x3fff) return 'blocked';
  if (g0 === 0x2001 && (g1 === 0 || g1 === 0x0db8 || (g1 >= 0x10 && g1 <= 0x2f) || g1 === 2)) return 'blocked';
  if (g0 === 0x3fff && g1 <= 0x0fff) return 'blocked'; // documentation (RFC 9637)
  return 'public';
}

/** Whether an address (IPv4 dotted quad or IPv6) is public, loopback, or neither. */
export function addressVerdict(address: string): Verdict {
  return ipv4Verdict(address) ?? ipv6Verdict(address.replace(/^\[|\]$/g, ''));
}

/** Names that never point at a public receiver (RFC 6761, 6762, 8375 and common private zones). */
const PRIVATE_SUFFIXES = ['localhost', 'local', 'internal', 'intranet', 'lan', 'home.arpa', 'localdomain', 'arpa'];

/** A refusal: the URL may not be used, and why (nothing in it says what, if anything, answers there). */
export interface Refusal {
  ok: false;
  reason: string;
}

/**
 * Checks a webhook URL against the deployment's rules: https (http only to an allowed loopback
 * receiver), no credentials, and a host that is, or resolves only to, public addresses (or
 * loopback where allowed). Runs when the URL is set and again before every delivery, so a
 * name that later resolves inside is refused then. Fails closed: a name whose addresses cannot
 * be looked up is refused.
 * @example await checkTarget('https://hooks.slack.com/services/…', targetRules(env)) // { ok: true, url }
 */
export async function checkTarget(raw: string, rules: TargetRules): Promise<{ ok: true; url: URL } | Refusal> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { ok: false, reason: 'not a URL' };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return { ok: false, reason: 'the URL must be https' };
  if (url.username || url.password) return { ok: false, reason: 'the URL may not carry a user name or password' };
  const host = url.hostname.replace(/\.$/, '').toLowerCase();
  const literal = host.startsWith('[') || IPV4.test(host);
  let verdict: Verdict;
  if (literal) verdict = addressVerdict(host);
  else if (!host.includes('.') || PRIVATE_SUFFIXES.some((s) => host === s || host.endsWith(`.${s}`))) {
    verdict = host === 'localhost' || host.endsWith('.localhost') ? 'loopback' : 'blocked';
  } else {
    let addresses: string[];
    try {
      addresses = await rules.resolve(host);
    } catch {
      return { ok: false, reason: `could not look up ${host}; try again later` };
    }
    if (addresses.length === 0) return { ok: false, reason: `${host} has no address` };
    const verdicts = addresses.map(addressVerdict);
    verdict = verdicts.includes('blocked') ? 'blocked' : verdicts.includes('loopback') ? 'loopback' : 'public';
  }
  if (verdict === 'blocked' || (verdict === 'loopback' && !rules.loopback)) {
    return {
      ok: false,
      reason: 'the URL must point at a public address (not loopback, private, link-local or reserved)',
    };
  }
  if (verdict === 'public' && url.protocol !== 'https:') return { ok: false, reason: 'the URL must be https' };
  return { ok: true, url };
}
