import { z } from 'zod';

const ZKeyId = z
  .string()
  .regex(/^[0-9a-f]{16}$/)
  .describe('The first 16 hex digits of the SHA-256 of the key: names it, never reveals it');
const ZEpochMs = (what: string) => z.number().int().describe(`${what}, epoch milliseconds (UTC)`);

/** A secret key as `GET /v1/keys` lists it: an id and dates, never the key. */
export const ZSecretKeyInfo = z.object({
  id: ZKeyId,
  createdAt: ZEpochMs('When the key was issued'),
  revokedAt: ZEpochMs('When the key was revoked').nullable().describe('When it was revoked; null while active'),
  current: z.boolean().describe('Whether this is the key the request was sent with'),
});
export type SecretKeyInfo = z.infer<typeof ZSecretKeyInfo>;

/** The answer of `GET /v1/keys`: the site's secret keys, newest first. */
export const ZSecretKeyList = z.object({ keys: z.array(ZSecretKeyInfo) });
export type SecretKeyList = z.infer<typeof ZSecretKeyList>;

/** The answer of `POST /v1/keys` (201): a new secret key, shown this once; the old ones keep working. */
export const ZSecretKeyIssued = z.object({
  id: ZKeyId,
  secretKey: z.string().startsWith('sk_').describe('The new key; it is shown only here'),
  createdAt: ZEpochMs('When the key was issued'),
});
export type SecretKeyIssued = z.infer<typeof ZSecretKeyIssued>;

/** The answer of `DELETE /v1/keys/:id` (or `/v1/keys/current`): the key is revoked. */
export const ZSecretKeyRevoked = z.object({ id: ZKeyId, revoked: z.literal(true) });
export type SecretKeyRevoked = z.infer<typeof ZSecretKeyRevoked>;
