// Test doubles for the client: a scripted WebSocket (the test plays the server) and a manual clock.

/** A WebSocket stand-in; every instance is recorded so a test can drive the "server" side. */
export class FakeSocket {
  static instances = [];

  constructor(url, protocols) {
    this.url = url;
    this.protocols = protocols;
    this.readyState = 0;
    this.sent = [];
    this.closedWith = null;
    FakeSocket.instances.push(this);
  }

  static reset() {
    FakeSocket.instances = [];
  }

  static get last() {
    return FakeSocket.instances[FakeSocket.instances.length - 1];
  }

  send(text) {
    if (this.readyState !== 1) throw new Error('not open');
    this.sent.push(JSON.parse(text));
  }

  close(code, reason) {
    this.closedWith = { code, reason };
    this.readyState = 3;
  }

  // ---- server side ----
  serverOpen() {
    this.readyState = 1;
    this.onopen?.({});
  }

  serverSend(message) {
    this.onmessage?.({ data: typeof message === 'string' ? message : JSON.stringify(message) });
  }

  serverClose(code = 1006, reason = '') {
    this.readyState = 3;
    this.onclose?.({ code, reason });
  }

  sentOfType(type) {
    return this.sent.filter((m) => m.type === type);
  }
}

/** Manual clock implementing the client's `timers` option; `advance(ms)` runs due timers in order. */
export class ManualClock {
  constructor() {
    this.time = 0;
    this.nextId = 1;
    this.timers = new Map();
  }

  setTimeout = (fn, ms) => this.#add(fn, ms, 0);
  setInterval = (fn, ms) => this.#add(fn, ms, ms);
  clearTimeout = (id) => this.timers.delete(id);
  clearInterval = (id) => this.timers.delete(id);
  now = () => this.time;

  #add(fn, ms, every) {
    const id = this.nextId++;
    this.timers.set(id, { fn, at: this.time + ms, every });
    return id;
  }

  advance(ms) {
    const end = this.time + ms;
    for (;;) {
      let next = null;
      for (const [id, t] of this.timers) if (t.at <= end && (next === null || t.at < next[1].at)) next = [id, t];
      if (next === null) break;
      const [id, t] = next;
      this.time = t.at;
      if (t.every > 0) t.at += t.every;
      else this.timers.delete(id);
      t.fn();
    }
    this.time = end;
  }
}
