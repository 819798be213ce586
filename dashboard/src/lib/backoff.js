// Reconnect delay: exponential backoff with full jitter (a uniformly random delay in [0, min(cap, base * 2^attempt))),
// so clients that lost the same server do not come back in lock-step.

/** Defaults: base 500 ms, cap 30 s. */
export const DEFAULT_BACKOFF = Object.freeze({ baseMs: 500, capMs: 30_000 });

/** Upper bound of the delay before retry number `attempt` (0 = first retry): min(cap, base * 2^attempt). */
export function backoffCeiling(attempt, { baseMs = DEFAULT_BACKOFF.baseMs, capMs = DEFAULT_BACKOFF.capMs } = {}) {
  const n = Math.max(0, Math.floor(attempt));
  // 2^n overflows to Infinity for large n; min() keeps the cap.
  return Math.min(capMs, baseMs * 2 ** Math.min(n, 1023));
}

/**
 * Delay in ms before retry number `attempt` (0 = first retry), full jitter.
 * @param {number} attempt
 * @param {{baseMs?: number, capMs?: number, random?: () => number}} [options] random in [0, 1), default Math.random
 */
export function backoffDelay(attempt, options = {}) {
  const random = options.random ?? Math.random;
  return Math.floor(random() * backoffCeiling(attempt, options));
}
