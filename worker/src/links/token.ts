/**
 * Link tokens. A token is base64url(id ‖ mac): a random 16-byte id that names the link's row
 * in D1 and the first 16 bytes of HMAC-SHA256(site's link key, the row). The URL carries
 * nothing personal (the row holds the survey, user, props and expiry), and no change to the
 * token or the row can pass: another id has no row or another MAC, and a row moved to another
 * site, survey, user or expiry no longer matches the MAC its key made.
 */

const ID_BYTES = 16;
const MAC_BYTES = 16;
/** Characters of a token: 32 bytes in unpadded base64url. */
export const TOKEN_CHARS = 43;

const encoder = new TextEncoder();

/** Unpadded base64url of bytes. */
export function base64url(bytes: Uint8Array): string {
  return btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
}

function fromBase64url(text: string): Uint8Array | null {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) return null;
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  return Uint8Array.from(binary, (ch) => ch.charCodeAt(0));
}

const hex = (bytes: Uint8Array) => [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
const unhex = (text: string) => Uint8Array.from(text.match(/../g) ?? [], (pair) => Number.parseInt(pair, 16));

/** What a link's MAC covers: every field of its row that decides what the page asks and stores. */
export interface LinkFields {
  id: string;
  siteId: string;
  keyVersion: number;
  survey: string;
  userId: string;
  /** The props exactly as stored (JSON text), or null. */
  props: string | null;
  locale: string | null;
  expiresAt: number;
}

/** A new link id: 16 random bytes, as 32 hex digits. */
export const newLinkId = () => hex(crypto.getRandomValues(new Uint8Array(ID_BYTES)));

/** A new link key: 32 random bytes, base64url. */
export const newLinkKey = () => base64url(crypto.getRandomValues(new Uint8Array(32)));

async function mac(key: string, fields: LinkFields): Promise<Uint8Array> {
  const raw = fromBase64url(key) ?? new Uint8Array();
  const hmac = await crypto.subtle.importKey('raw', raw, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  const message = JSON.stringify([
    'heard-link-v1',
    fields.id,
    fields.siteId,
    fields.keyVersion,
    fields.survey,
    fields.userId,
    fields.props,
    fields.locale,
    fields.expiresAt,
  ]);
  return new Uint8Array(await crypto.subtle.sign('HMAC', hmac, encoder.encode(message))).slice(0, MAC_BYTES);
}

/** The token of a link row, signed with its site's key. */
export async function signLink(key: string, fields: LinkFields): Promise<string> {
  const bytes = new Uint8Array(ID_BYTES + MAC_BYTES);
  bytes.set(unhex(fields.id), 0);
  bytes.set(await mac(key, fields), ID_BYTES);
  return base64url(bytes);
}

/** The link id a token names, or null when it is not a token at all (wrong length or alphabet). */
export function tokenId(token: string): string | null {
  if (token.length !== TOKEN_CHARS) return null;
  const bytes = fromBase64url(token);
  // Only the one canonical spelling: the last character's spare bits must be zero.
  if (!bytes || bytes.length !== ID_BYTES + MAC_BYTES || base64url(bytes) !== token) return null;
  return hex(bytes.slice(0, ID_BYTES));
}

/** Whether `token` is the one `key` makes for this row (compared in constant time). */
export async function tokenMatches(key: string, fields: LinkFields, token: string): Promise<boolean> {
  const expected = encoder.encode(await signLink(key, fields));
  const given = encoder.encode(token);
  return expected.byteLength === given.byteLength && crypto.subtle.timingSafeEqual(expected, given);
}

/**
 * The id of the one answer a link can have: a UUID (version 8) made from SHA-256 of the link
 * id, so a re-submit, a double click or a later comment always names the same answer.
 */
export async function answerIdOf(linkId: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', encoder.encode(`heard-link-answer:${linkId}`)));
  const b = digest.slice(0, 16);
  b[6] = ((b[6] as number) & 0x0f) | 0x80;
  b[8] = ((b[8] as number) & 0x3f) | 0x80;
  const h = hex(b);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
