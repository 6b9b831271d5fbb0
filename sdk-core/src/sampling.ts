/**
 * FNV-1a, 32 bits: a tiny, fast, well-spread string hash. Not cryptographic; it only has to
 * spread users evenly and give the same number on every device and in the worker.
 */
export function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  // A final avalanche (murmur3's fmix32) so ids that differ in their last characters spread too.
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * Whether a user is in a survey's sample: a hash of the survey id and the user's id (or
 * anonymous id) placed in [0, 1), so the same user gets the same answer on every page view.
 * @example sampled('srv_1', 'user_42', 0.25) // true for about a quarter of users, always the same ones
 */
export function sampled(surveyId: string, userKey: string, rate: number): boolean {
  if (rate >= 1) return true;
  if (rate <= 0) return false;
  return hash32(`${surveyId}\u0000${userKey}`) / 4294967296 < rate;
}
