// tickgate JS client (wire protocol v1): one WebSocket, topic subscriptions, app-level heartbeat, automatic
// reconnect with exponential backoff + full jitter, resubscribe with resume after a reconnect, seq-gap reports.
// Standalone ES module: works in browsers and in Node >= 20 given a WebSocket implementation.
//
//   const client = new TickgateClient('ws://localhost:8080/ws');
//   client.on('status', (s) => console.log(s.status, s.attempt));
//   client.on('gap', (g) => console.warn('missed', g));
//   const off = client.subscribe('binance.BTCUSDT.trade', (msg) => console.log(msg.type, msg.data));
//   client.connect();

import { backoffDelay, DEFAULT_BACKOFF } from './lib/backoff.js';
import { SeqTracker } from './lib/seq-tracker.js';
import { SubscribePacer } from './lib/subscribe-pacer.js';
import { topicMatches } from './lib/topics.js';

export { backoffDelay, backoffCeiling } from './lib/backoff.js';
export { SeqTracker } from './lib/seq-tracker.js';
export { parseTopic, topicMatches } from './lib/topics.js';

/** Connection states reported by the `status` event. */
export const Status = Object.freeze({
  CONNECTING: 'connecting',
  OPEN: 'open',
  RECONNECTING: 'reconnecting',
  CLOSED: 'closed',
});

/**
 * Defaults for every option of {@link TickgateClient}.
 * - `heartbeatMs` 15000: interval of the app-level `{"type":"heartbeat"}`; the server's `welcome.heartbeatMs`
 *   lowers it when smaller.
 * - `idleTimeoutMs` 45000: with nothing received for this long the connection is treated as dead and replaced.
 * - `connectTimeoutMs` 10000: a socket that is not open after this long is abandoned and retried.
 * - `backoff` {baseMs: 500, capMs: 30000}: reconnect delay, full jitter.
 * - `stableMs` 10000: a connection that stayed open this long resets the backoff attempt counter.
 * - `resume` true: resubscribe with `resume: {epoch, seq}` of the last message seen per exact topic.
 * - `unknownTopicRetryMs` 2000: a subscribe answered `UNKNOWN_TOPIC` is sent again after about this long (±50 %),
 *   since topics appear when their producers start (e.g. right after a server restart). One answered `RATE_LIMITED`
 *   (more subscriptions resubscribed at once than the server's burst) is sent again after about this long too.
 * - `token` null: a JWT, or a function returning one (called before every connection attempt). Browsers cannot set
 *   an `Authorization` header, so it goes as a WebSocket subprotocol or as the first message (`tokenTransport`).
 *   Replace it before it expires with `refresh(token)`.
 * - `tokenTransport` 'subprotocol': offer `['tickgate.v1', 'bearer.<token>']` (the server answers `tickgate.v1`);
 *   'message': send `{"type":"auth","token":..}` as the first message after open.
 */
export const DEFAULTS = Object.freeze({
  heartbeatMs: 15_000,
  idleTimeoutMs: 45_000,
  connectTimeoutMs: 10_000,
  backoff: DEFAULT_BACKOFF,
  stableMs: 10_000,
  resume: true,
  unknownTopicRetryMs: 2_000,
  token: null,
  tokenTransport: 'subprotocol',
});

/** The subprotocol the gateway answers with; `bearer.<token>` offered next to it carries the token. */
export const SUBPROTOCOL = 'tickgate.v1';

/** `ws(s)://<host>/ws` for the page's own origin (browser only). */
export function defaultUrl(location = globalThis.location) {
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${location.host}/ws`;
}

const WS_OPEN = 1;

function publishError(code, message) {
  return Object.assign(new Error(`${code}: ${message}`), { code });
}

/**
 * A tickgate connection. Events (subscribe with `on(event, fn)`):
 * - `status` `{status, attempt, delayMs?, code?, reason?}`: `connecting` (a socket is being opened), `open`,
 *   `reconnecting` (the connection dropped; the next attempt starts after `delayMs`; `attempt` counts from 1),
 *   `closed` (after `close()`; final).
 * - `welcome` the server's welcome message (with `user` and `expiresAt` when authenticated).
 * - `refreshed` `{expiresAt}`: the server accepted the token sent with `refresh()`.
 * - `gap` `{topic, kind: 'gap'|'epoch'|'reset', epoch, expected?, received?, missed?, previousEpoch?}`: messages
 *   were missed (`gap`), the topic's history was reset (`epoch`), or a resume could not be served and a fresh
 *   snapshot follows (`reset`).
 * - `upstreamGap` `{topic, epoch, seq, from, to, fromTime?, toTime?, reason}`: a `gap` message — trades the venue
 *   sent that the server could not recover (venue ids `from`..`to`); it takes its seq in the topic like data, and the
 *   topic's listeners get the `gap` message too, in order (a tape can mark the hole where it is).
 * - `error` server `error` messages, and `{code: 'BAD_FRAME'}` for frames that are not JSON.
 * - `message` every parsed server message, before dispatch.
 *
 * Subscription listeners get the topic's `subscribed`, `snapshot`, `data`, `gap` and `error` messages;
 * `snapshot`/`data`/`gap` messages already seen (seq not newer, e.g. replay overlap) are dropped.
 */
export class TickgateClient {
  /**
   * @param {string} [url] `ws(s)://host/ws`; defaults to the page's origin.
   * @param {object} [options] see {@link DEFAULTS}; also `WebSocket` (constructor; default globalThis.WebSocket),
   *   `random` (() => [0,1)), `timers` ({setTimeout, clearTimeout, setInterval, clearInterval, now}) for tests.
   */
  constructor(url, options = {}) {
    this.url = url ?? defaultUrl();
    this.options = { ...DEFAULTS, ...options, backoff: { ...DEFAULTS.backoff, ...options.backoff } };
    this.WebSocketImpl = options.WebSocket ?? globalThis.WebSocket;
    if (typeof this.WebSocketImpl !== 'function') {
      throw new TypeError('no WebSocket implementation: pass options.WebSocket');
    }
    const t = options.timers ?? {};
    this.timers = {
      setTimeout: t.setTimeout ?? ((fn, ms) => setTimeout(fn, ms)),
      clearTimeout: t.clearTimeout ?? ((id) => clearTimeout(id)),
      setInterval: t.setInterval ?? ((fn, ms) => setInterval(fn, ms)),
      clearInterval: t.clearInterval ?? ((id) => clearInterval(id)),
      now: t.now ?? (() => Date.now()),
    };
    /** @type {Map<string, Set<Function>>} topic or pattern → listeners */
    this.subscriptions = new Map();
    /** @type {Map<string, string>} request id → topic, for routing `subscribed`/`error` answers */
    this.pending = new Map();
    /** Topics resubscribed with a resume, to report a `reset` when the server cannot resume. */
    this.resuming = new Set();
    /** @type {Map<string, any>} topic → timer of a subscribe retried after UNKNOWN_TOPIC */
    this.topicRetries = new Map();
    /** @type {Map<string, {resolve: Function, reject: Function}>} request id → a publish waiting for its answer */
    this.publishes = new Map();
    this.seq = new SeqTracker();
    /** Subscribes waiting for room under the connection's inbound rate limit (welcome's `rateLimit`). */
    this.pacer = new SubscribePacer(this.timers.now());
    this.paceTimer = null;
    this.handlers = new Map();
    this.status = Status.CLOSED;
    this.attempt = 0;
    this.reconnects = 0;
    this.nextId = 1;
    this.ws = null;
    this.stopped = true;
    this.retryTimer = null;
    this.heartbeatTimer = null;
    this.connectTimer = null;
    this.openedAt = 0;
    this.lastReceivedAt = 0;
    this.heartbeatMs = this.options.heartbeatMs;
  }

  /** Registers `fn` for `event`; returns a function that removes it. */
  on(event, fn) {
    if (!this.handlers.has(event)) this.handlers.set(event, new Set());
    this.handlers.get(event).add(fn);
    return () => this.off(event, fn);
  }

  off(event, fn) {
    this.handlers.get(event)?.delete(fn);
  }

  #emit(event, payload) {
    for (const fn of this.handlers.get(event) ?? []) {
      try {
        fn(payload);
      } catch (e) {
        console.error(`tickgate: ${event} handler failed`, e);
      }
    }
  }

  #setStatus(status, extra = {}) {
    this.status = status;
    this.#emit('status', { status, attempt: this.attempt, reconnects: this.reconnects, ...extra });
  }

  /** Opens the connection (idempotent); it is kept open, reconnecting as needed, until `close()`. */
  connect() {
    if (!this.stopped) return this;
    this.stopped = false;
    this.#open();
    return this;
  }

  /** Closes the connection for good (no reconnect). Subscriptions are kept for a later `connect()`. */
  close() {
    this.stopped = true;
    this.#clearTimers();
    const ws = this.ws;
    this.ws = null;
    if (ws) {
      ws.onopen = ws.onmessage = ws.onclose = ws.onerror = null;
      try {
        ws.close(1000, 'client closed');
      } catch {
        // already closing
      }
    }
    this.#failPublishes('client closed');
    if (this.status !== Status.CLOSED) this.#setStatus(Status.CLOSED);
  }

  /**
   * Subscribes `listener` to `topic` (exact, or a pattern with `*` segments). The server subscription is shared by
   * all listeners of a topic and restored after every reconnect.
   * @returns {() => void} removes this listener (and unsubscribes the topic when it was the last one).
   */
  subscribe(topic, listener) {
    if (typeof topic !== 'string' || topic === '') throw new TypeError('topic must be a non-empty string');
    if (typeof listener !== 'function') throw new TypeError('listener must be a function');
    let listeners = this.subscriptions.get(topic);
    if (listeners === undefined) {
      listeners = new Set();
      this.subscriptions.set(topic, listeners);
      if (this.#isOpen()) this.#paceSubscribe(topic);
    }
    listeners.add(listener);
    return () => this.unsubscribe(topic, listener);
  }

  /** Removes `listener` from `topic` (all listeners when omitted); unsubscribes on the server when none is left. */
  unsubscribe(topic, listener) {
    const listeners = this.subscriptions.get(topic);
    if (listeners === undefined) return;
    if (listener !== undefined) listeners.delete(listener);
    else listeners.clear();
    if (listeners.size > 0) return;
    this.subscriptions.delete(topic);
    this.resuming.delete(topic);
    for (const t of [...this.seq.positions.keys()]) {
      if (topicMatches(topic, t) && !this.#isCovered(t)) this.seq.forget(t);
    }
    if (this.#isOpen()) this.#send({ type: 'unsubscribe', id: this.#id(), topic });
  }

  /** `{epoch, seq}` of the last snapshot/data message seen on `topic`, or undefined. */
  position(topic) {
    return this.seq.position(topic);
  }

  /**
   * Publishes `data`, a JSON object, on a custom topic (`custom.<group>.<name>`) or an inbox (`user.<id>.inbox`)
   * with the protocol's `publish` message (docs/protocol.md, "Publishing"); the connection's publish grants decide.
   * @returns {Promise<object>} the server's `published` answer; rejects with an Error whose `code` is the server's
   *   (FORBIDDEN, INVALID_TOPIC, INVALID_JSON, MESSAGE_TOO_LARGE, UNAVAILABLE), or NOT_CONNECTED (nothing sent), or
   *   CONNECTION_LOST (sent, but the connection dropped before the answer: not resent, it may have been taken).
   */
  publish(topic, data) {
    if (data === null || typeof data !== 'object' || Array.isArray(data)) {
      return Promise.reject(publishError('INVALID_JSON', 'data must be a JSON object'));
    }
    if (!this.#isOpen()) return Promise.reject(publishError('NOT_CONNECTED', 'no open connection'));
    const id = this.#id();
    return new Promise((resolve, reject) => {
      this.publishes.set(id, { resolve, reject });
      this.#send({ type: 'publish', id, topic, data });
    });
  }

  #failPublishes(reason) {
    const waiting = [...this.publishes.values()];
    this.publishes.clear();
    for (const p of waiting) p.reject(publishError('CONNECTION_LOST', reason));
  }

  /** Sends a raw protocol message; false when not connected. */
  send(message) {
    if (!this.#isOpen()) return false;
    this.#send(message);
    return true;
  }

  #isCovered(topic) {
    for (const pattern of this.subscriptions.keys()) if (topicMatches(pattern, topic)) return true;
    return false;
  }

  #isOpen() {
    return this.ws !== null && this.ws.readyState === WS_OPEN;
  }

  #id() {
    return String(this.nextId++);
  }

  #send(message) {
    try {
      this.ws.send(JSON.stringify(message));
    } catch (e) {
      // The close handler will follow and reconnect.
      this.#emit('error', { code: 'SEND_FAILED', message: String(e) });
    }
  }

  /**
   * A topic nobody has published yet (e.g. right after a server restart, before its producers are up) may appear
   * soon: subscribe again after `unknownTopicRetryMs` (with jitter) while someone still listens to it.
   */
  #retryLater(topic) {
    if (this.topicRetries.has(topic)) return;
    const base = this.options.unknownTopicRetryMs;
    const delay = base / 2 + this.#random() * base;
    const timer = this.timers.setTimeout(() => {
      this.topicRetries.delete(topic);
      if (this.subscriptions.has(topic) && this.#isOpen()) this.#paceSubscribe(topic);
    }, delay);
    this.topicRetries.set(topic, timer);
  }

  #random() {
    return typeof this.options.random === 'function' ? this.options.random() : Math.random();
  }

  /** Queues a subscribe of `topic` behind the pacer (sent now if the rate limit allows). */
  #paceSubscribe(topic) {
    this.pacer.add(topic);
    this.#paceSubscribes();
  }

  /** Sends the waiting subscribes the pacer allows now (of topics still subscribed); comes back for the rest. */
  #paceSubscribes() {
    if (!this.#isOpen()) return;
    const wait = this.pacer.drain((topic) => {
      if (!this.subscriptions.has(topic)) return false;
      this.#sendSubscribe(topic);
      return true;
    }, this.timers.now());
    if (wait >= 0 && this.paceTimer === null) {
      this.paceTimer = this.timers.setTimeout(() => {
        this.paceTimer = null;
        this.#paceSubscribes();
      }, wait);
    }
  }

  #sendSubscribe(topic) {
    const id = this.#id();
    const message = { type: 'subscribe', id, topic };
    const position = this.options.resume && !topic.includes('*') ? this.seq.position(topic) : undefined;
    if (position !== undefined) {
      message.resume = position;
      this.resuming.add(topic);
    } else {
      this.resuming.delete(topic);
    }
    this.pending.set(id, topic);
    this.#send(message);
  }

  /**
   * Replaces the token before it expires: sends `{"type":"refresh","token":..}` now when open (answered by a
   * `refreshed` event, or an `error` with code UNAUTHORIZED when refused) and uses it for every later connection.
   */
  refresh(token) {
    this.options.token = token;
    if (this.#isOpen()) this.#send({ type: 'refresh', id: this.#id(), token });
  }

  #token() {
    const t = this.options.token;
    return typeof t === 'function' ? t() : t;
  }

  #open() {
    this.#setStatus(Status.CONNECTING);
    let ws;
    const token = this.#token();
    const viaSubprotocol = token && this.options.tokenTransport !== 'message';
    try {
      ws = viaSubprotocol
        ? new this.WebSocketImpl(this.url, [SUBPROTOCOL, `bearer.${token}`])
        : new this.WebSocketImpl(this.url);
    } catch (e) {
      this.#emit('error', { code: 'CONNECT_FAILED', message: String(e) });
      this.#scheduleReconnect({ code: 0, reason: String(e) });
      return;
    }
    this.ws = ws;
    ws.binaryType = 'arraybuffer';
    this.connectTimer = this.timers.setTimeout(() => {
      this.connectTimer = null;
      if (this.ws === ws && ws.readyState !== WS_OPEN) this.#abandon('connect timeout');
    }, this.options.connectTimeoutMs);
    ws.onopen = () => {
      if (this.ws !== ws) return;
      this.timers.clearTimeout(this.connectTimer);
      this.connectTimer = null;
      this.openedAt = this.timers.now();
      this.lastReceivedAt = this.openedAt;
      this.pending.clear();
      for (const timer of this.topicRetries.values()) this.timers.clearTimeout(timer);
      this.topicRetries.clear();
      this.#setStatus(Status.OPEN);
      this.#startHeartbeat(this.options.heartbeatMs);
      if (token && !viaSubprotocol) this.#send({ type: 'auth', token });
      this.pacer.restart(this.openedAt);
      for (const topic of this.subscriptions.keys()) this.pacer.add(topic);
      this.#paceSubscribes();
    };
    ws.onmessage = (event) => {
      if (this.ws !== ws) return;
      this.lastReceivedAt = this.timers.now();
      this.#onFrame(event.data);
    };
    ws.onerror = () => {
      // Browsers give no detail here; the close event that follows drives the reconnect.
    };
    ws.onclose = (event) => {
      if (this.ws !== ws) return;
      this.ws = null;
      this.#scheduleReconnect({ code: event?.code, reason: event?.reason });
    };
  }

  #scheduleReconnect(detail) {
    this.#clearTimers();
    this.#failPublishes(`connection lost (${detail?.code ?? ''} ${detail?.reason ?? ''})`.replace(' )', ')'));
    if (this.stopped) return;
    if (this.openedAt !== 0 && this.timers.now() - this.openedAt >= this.options.stableMs) this.attempt = 0;
    this.openedAt = 0;
    const delayMs = backoffDelay(this.attempt, { ...this.options.backoff, random: this.options.random });
    this.attempt++;
    this.reconnects++;
    this.#setStatus(Status.RECONNECTING, { delayMs, ...detail });
    this.retryTimer = this.timers.setTimeout(() => {
      this.retryTimer = null;
      if (!this.stopped) this.#open();
    }, delayMs);
  }

  /** Drops the current socket and reconnects (used when the connection went silent or never opened). */
  #abandon(reason) {
    const ws = this.ws;
    if (ws === null) return;
    this.ws = null;
    ws.onopen = ws.onmessage = ws.onclose = ws.onerror = null;
    try {
      ws.close(4000, reason);
    } catch {
      // ignore
    }
    this.#scheduleReconnect({ code: 4000, reason });
  }

  #startHeartbeat(intervalMs) {
    if (this.heartbeatTimer !== null) this.timers.clearInterval(this.heartbeatTimer);
    this.heartbeatMs = intervalMs;
    this.heartbeatTimer = this.timers.setInterval(() => {
      if (this.timers.now() - this.lastReceivedAt >= this.options.idleTimeoutMs) {
        this.#abandon('no message within idle timeout');
      } else if (this.#isOpen()) {
        this.#send({ type: 'heartbeat' });
      }
    }, intervalMs);
  }

  #clearTimers() {
    if (this.retryTimer !== null) this.timers.clearTimeout(this.retryTimer);
    if (this.heartbeatTimer !== null) this.timers.clearInterval(this.heartbeatTimer);
    if (this.connectTimer !== null) this.timers.clearTimeout(this.connectTimer);
    if (this.paceTimer !== null) this.timers.clearTimeout(this.paceTimer);
    this.retryTimer = null;
    this.heartbeatTimer = null;
    this.connectTimer = null;
    this.paceTimer = null;
  }

  #onFrame(raw) {
    let parsed;
    try {
      parsed = JSON.parse(typeof raw === 'string' ? raw : new TextDecoder().decode(raw));
    } catch {
      this.#emit('error', { code: 'BAD_FRAME', message: 'frame is not JSON' });
      return;
    }
    // With ?batch=1 a frame may hold an array of messages.
    for (const msg of Array.isArray(parsed) ? parsed : [parsed]) {
      if (msg !== null && typeof msg === 'object') this.#onMessage(msg);
    }
  }

  #onMessage(msg) {
    this.#emit('message', msg);
    switch (msg.type) {
      case 'welcome':
        if (Number.isFinite(msg.heartbeatMs) && msg.heartbeatMs > 0 && msg.heartbeatMs < this.heartbeatMs) {
          this.#startHeartbeat(msg.heartbeatMs);
        }
        if (msg.rateLimit?.perSecond > 0 && msg.rateLimit?.burst > 0) {
          this.pacer.limit(msg.rateLimit.perSecond, msg.rateLimit.burst, this.timers.now());
          this.#paceSubscribes();
        }
        this.#emit('welcome', msg);
        break;
      case 'subscribed':
        this.#onSubscribed(msg);
        break;
      case 'snapshot':
      case 'data':
      case 'gap':
        this.#onTopicMessage(msg);
        break;
      case 'published': {
        const p = this.publishes.get(msg.id);
        this.publishes.delete(msg.id);
        p?.resolve(msg);
        break;
      }
      case 'error': {
        const p = this.publishes.get(msg.id);
        if (p !== undefined) {
          this.publishes.delete(msg.id); // a publish's refusal: its promise says it
          p.reject(publishError(msg.code, msg.message ?? ''));
          break;
        }
        const topic = msg.topic ?? this.pending.get(msg.id);
        if (msg.id !== undefined) this.pending.delete(msg.id);
        const retried = msg.code === 'UNKNOWN_TOPIC' || msg.code === 'RATE_LIMITED';
        if (retried && topic !== undefined) this.#retryLater(topic); // a subscribe's (a pending id or a topic)
        this.#emit('error', msg);
        if (topic !== undefined) this.#dispatch(topic, { ...msg, topic }, true);
        break;
      }
      case 'unsubscribed':
        this.pending.delete(msg.id);
        break;
      case 'refreshed':
        this.#emit('refreshed', msg);
        break;
      default:
        // heartbeat answers and future message types: liveness was already recorded.
        break;
    }
  }

  #onSubscribed(msg) {
    const topic = msg.topic ?? this.pending.get(msg.id);
    this.pending.delete(msg.id);
    if (topic === undefined) return;
    if (this.resuming.delete(topic) && msg.resumed !== true) {
      const previous = this.seq.position(topic);
      this.#emit('gap', { topic, kind: 'reset', epoch: msg.epoch, previousEpoch: previous?.epoch });
    }
    if (msg.resumed !== true && !topic.includes('*')) this.seq.forget(topic);
    this.#dispatch(topic, msg, true);
  }

  #onTopicMessage(msg) {
    if (typeof msg.topic !== 'string') return;
    const result = this.seq.observe(msg);
    if (result.kind === 'duplicate') return;
    if (result.kind === 'gap') {
      this.#emit('gap', {
        topic: msg.topic, kind: 'gap', epoch: msg.epoch, expected: result.expected, received: msg.seq,
        missed: result.missed,
      });
    } else if (result.kind === 'epoch' && msg.type === 'data') {
      this.#emit('gap', { topic: msg.topic, kind: 'epoch', epoch: msg.epoch, previousEpoch: result.previousEpoch });
    }
    if (msg.type === 'gap') {
      const { topic, epoch, seq, from, to, fromTime, toTime, reason } = msg;
      this.#emit('upstreamGap', { topic, epoch, seq, from, to, fromTime, toTime, reason });
    }
    this.#dispatch(msg.topic, msg, false);
  }

  /** Delivers to listeners of `topic` (exact == true: only the subscription named `topic`; else all matching). */
  #dispatch(topic, msg, exact) {
    for (const [pattern, listeners] of this.subscriptions) {
      if (exact ? pattern !== topic : !topicMatches(pattern, topic)) continue;
      for (const listener of [...listeners]) {
        try {
          listener(msg);
        } catch (e) {
          console.error(`tickgate: listener for ${pattern} failed`, e);
        }
      }
    }
  }
}
