// Waiting helpers for the live tests (test/live/*.live.test.js), which run against a real gateway.

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `condition` every 20 ms; throws naming `what` when it is still false after `timeoutMs`. */
export async function until(what, condition, timeoutMs = 15_000) {
  const end = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}
