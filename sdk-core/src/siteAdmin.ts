import { z } from 'zod';

/** A secret key as `GET /v1/keys` lists it: an id made from its hash, never the key. */
export const ZKeyInfo = z.object({
  id: z.string().describe('the first 16 hex digits of the key’s SHA-256'),
  createdAt: z.number().int().describe('epoch ms'),
  revokedAt: z.number().int().nullable().describe('epoch ms; null while the key works'),
  current: z.boolean().describe('whether this request was made with it'),
});
export type KeyInfo = z.infer<typeof ZKeyInfo>;

/** Answer of `GET /v1/keys`. */
export const ZKeyList = z.object({ keys: z.array(ZKeyInfo) });
export type KeyList = z.infer<typeof ZKeyList>;

/** Answer of `POST /v1/keys`: the new secret, shown this once. */
export const ZSecretKeyIssued = z.object({
  id: z.string(),
  secretKey: z.string().describe('sk_…; store it now, it is never shown again'),
  createdAt: z.number().int(),
});
export type SecretKeyIssued = z.infer<typeof ZSecretKeyIssued>;

/** Answer of `DELETE /v1/keys/{id}`. */
export const ZKeyRevoked = z.object({ id: z.string(), revoked: z.literal(true) });

/** Answer of `DELETE /v1/users/{id}`: how many rows the erasure removed, per table. */
export const ZUserErased = z.object({
  id: z.string(),
  erased: z.object({
    answers: z.number().int(),
    events: z.number().int(),
    displays: z.number().int(),
    milestones: z.number().int(),
  }),
});
export type UserErased = z.infer<typeof ZUserErased>;
