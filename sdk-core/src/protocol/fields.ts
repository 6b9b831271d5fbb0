// The fields every resource's schemas are made of: well-formed text, keys, ids, props, times.
import { z } from 'zod';
import { CHANNELS, DIRECTIONS, KINDS, LIMITS } from '../constants';

export type { Direction, Kind } from '../constants';

/**
 * Whether a string is well-formed Unicode: no lone UTF-16 surrogate, which would be stored as
 * invalid UTF-8 and could then never be matched again (nor erased). In `u` mode a surrogate
 * pair is one code point, so only a lone surrogate is `\p{Cs}`.
 */
export const isWellFormedText = (text: string): boolean => !/\p{Cs}/u.test(text);

/** A string field of the protocol: every id, name, key and text refuses what is not well-formed Unicode. */
export const zText = () => z.string().refine(isWellFormedText, 'must be well-formed Unicode (no lone surrogates)');

/** The question kinds Heard asks. */
export const ZKind = z.enum(KINDS);

/** Which end of a scale is the good one. */
export const ZDirection = z.enum(DIRECTIONS);

export const ZKey = z
  .string()
  .min(1)
  .max(LIMITS.nameChars)
  .regex(/^[A-Za-z0-9_.:-]+$/, 'letters, digits and _ . : - only');

/** Segment properties: flat, small, scalar. */
export const ZProps = z
  .record(
    ZKey,
    z.union([zText().max(LIMITS.stringChars), z.number().min(-LIMITS.numberAbs).max(LIMITS.numberAbs), z.boolean()]),
  )
  .refine((props) => Object.keys(props).length <= LIMITS.propsKeys, {
    message: `at most ${LIMITS.propsKeys} keys`,
  });
export type Props = z.infer<typeof ZProps>;

export const ZId = zText().min(1).max(LIMITS.idChars);

/** Epoch milliseconds; the collector also checks the window around its own clock. */
export const ZTimestamp = z.number().int().nonnegative().max(8.64e15);

/** `userHash`: lowercase hex HMAC-SHA256 of the userId under the site's identity secret. */
export const ZUserHash = z.string().regex(/^[0-9a-f]{64}$/, 'lowercase hex HMAC-SHA256 of the userId (64 characters)');

export const identity = {
  userId: ZId.optional(),
  anonymousId: ZId.optional(),
  /** Proves the userId when the site requires identity verification; never stored. */
  userHash: ZUserHash.optional(),
};
export const hasIdentity = (item: { userId?: string | undefined; anonymousId?: string | undefined }) =>
  item.userId !== undefined || item.anonymousId !== undefined;
export const identityIssue = { message: 'userId or anonymousId is required', path: ['userId'] };

/** Where an answer was given: in the app (`web`, the default), on a link's page, or from an email's score link. */
export const ZChannel = z.enum(CHANNELS).describe('where the answer was given; default web');
export type Channel = z.infer<typeof ZChannel>;

/** A scale as `[min, max]`. */
export const ZScaleTuple = z.tuple([z.number().int(), z.number().int()]);
