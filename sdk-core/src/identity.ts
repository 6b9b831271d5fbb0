const encoder = new TextEncoder();

/**
 * The `userHash` that proves a userId when a site requires identity verification: lowercase
 * hex HMAC-SHA256 of the userId under the site's identity secret (`ids_…`). Compute it on the
 * server that knows who is logged in, and hand it to the page with the user id.
 * @example await userHash('ids_…', 'user-42') // '5f1c…' (64 hex characters)
 */
export async function userHash(identitySecret: string, userId: string): Promise<string> {
  const key = await crypto.subtle.importKey(
    'raw',
    encoder.encode(identitySecret),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign'],
  );
  const mac = new Uint8Array(await crypto.subtle.sign('HMAC', key, encoder.encode(userId)));
  return Array.from(mac, (b) => b.toString(16).padStart(2, '0')).join('');
}
