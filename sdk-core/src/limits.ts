// zod-free, so the server SDK can import its limits and scales without the schemas.

/**
 * Limits of `POST /v1/batch`, the secret-key door for backends and imports: bigger batches
 * and bodies, and history up to five years old. Every other field limit is {@link LIMITS}'.
 */
export const SERVER_LIMITS = {
  itemsPerBatch: 1000,
  bodyBytes: 1024 * 1024,
  pastMs: 5 * 365 * 24 * 3600 * 1000,
} as const;

/** Scales each kind may use, the usual one first. Everything else is refused. */
export const SCALES: Record<'nps' | 'csat' | 'ces', readonly (readonly [number, number])[]> = {
  nps: [[0, 10]],
  csat: [
    [1, 5],
    [1, 3],
    [1, 7],
  ],
  ces: [
    [1, 7],
    [1, 5],
  ],
};
