// Paces one connection's subscribe requests under the server's inbound rate limit (welcome's `rateLimit`; a client
// resubscribing hundreds of topics at once would otherwise be answered RATE_LIMITED and, past twice the burst, be
// closed with 4029): a token bucket at 80 % of the server's rate holding half its burst, so heartbeats, refreshes and
// publishes keep room. Until welcome says the limit, a small start (10) at 80/s.

export const RATE_SHARE = 0.8;
export const BEFORE_WELCOME = Object.freeze({ perSecond: 100, burst: 20 });

export class SubscribePacer {
  /** @param {number} now ms */
  constructor(now) {
    /** @type {Set<string>} topics waiting, in order (each once) */
    this.waiting = new Set();
    this.restart(now);
  }

  /** A new connection: nothing waits; the start limit until the server's welcome. */
  restart(now) {
    this.waiting.clear();
    this.spent = 0;
    this.tokens = 0;
    this.last = now;
    this.#set(BEFORE_WELCOME.perSecond, BEFORE_WELCOME.burst);
    this.tokens = this.capacity;
  }

  /** The server's limit (welcome's `rateLimit`): what was sent since the connection opened counts against it. */
  limit(perSecond, burst, now) {
    this.#refill(now);
    this.#set(perSecond, burst);
    this.tokens = Math.min(this.capacity, Math.max(this.tokens, this.capacity - this.spent));
  }

  add(topic) {
    this.waiting.add(topic);
  }

  /**
   * Hands waiting topics to `send` in order while the bucket allows (`send` returns false for one no longer wanted:
   * it costs nothing). Returns ms until the next may go, or -1 when none waits.
   */
  drain(send, now) {
    this.#refill(now);
    for (const topic of this.waiting) {
      if (this.tokens < 1) break;
      this.waiting.delete(topic);
      if (send(topic)) {
        this.tokens -= 1;
        this.spent += 1;
      }
    }
    return this.waiting.size === 0 ? -1 : Math.max(1, Math.ceil((1 - this.tokens) / this.perMs));
  }

  #set(perSecond, burst) {
    this.perMs = (Math.max(1, perSecond) * RATE_SHARE) / 1000;
    this.capacity = Math.max(1, Math.floor(burst / 2));
  }

  #refill(now) {
    this.tokens = Math.min(this.capacity, this.tokens + Math.max(0, now - this.last) * this.perMs);
    this.last = now;
  }
}
