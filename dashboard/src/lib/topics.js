// Topic names `<source>.<SYMBOL>.<channel>`; the channel may itself hold dots (`kline.1m`, `book.top`).

/** Splits a topic into `{source, symbol, channel}`, or null when it has fewer than three segments. */
export function parseTopic(topic) {
  if (typeof topic !== 'string') return null;
  const a = topic.indexOf('.');
  const b = a < 0 ? -1 : topic.indexOf('.', a + 1);
  if (a <= 0 || b <= a + 1 || b === topic.length - 1) return null;
  return { source: topic.slice(0, a), symbol: topic.slice(a + 1, b), channel: topic.slice(b + 1) };
}

/** True if `topic` matches subscription `pattern`, where `*` stands for exactly one dot-separated segment. */
export function topicMatches(pattern, topic) {
  if (pattern === topic) return true;
  if (!pattern.includes('*')) return false;
  const p = pattern.split('.');
  const t = topic.split('.');
  return p.length === t.length && p.every((seg, i) => seg === '*' || seg === t[i]);
}

/**
 * Sources reserved for what applications publish (`custom.<group>.<name>`, `user.<id>.inbox`, docs/protocol.md):
 * no venue, no symbol, nothing to chart.
 */
export const APP_SOURCES = new Set(['custom', 'user']);

/**
 * Groups the `GET /api/v1/topics` answer (objects with a `topic` field, or plain strings) by source + symbol,
 * keeping the server's order. Application topics (`custom.*`, `user.*`) are left out: they are not market data. Returns `[{key: "binance.BTCUSDT", source, symbol, channels: Set}]`.
 */
export function groupTopics(list) {
  const groups = new Map();
  for (const item of Array.isArray(list) ? list : []) {
    const parsed = parseTopic(typeof item === 'string' ? item : item?.topic);
    if (parsed === null || APP_SOURCES.has(parsed.source)) continue;
    const key = `${parsed.source}.${parsed.symbol}`;
    let g = groups.get(key);
    if (g === undefined) {
      g = { key, source: parsed.source, symbol: parsed.symbol, channels: new Set() };
      groups.set(key, g);
    }
    g.channels.add(parsed.channel);
  }
  return [...groups.values()];
}

/** The default group: `preferred` (binance.BTCUSDT) when present, else the first; undefined when empty. */
export function defaultGroup(groups, preferred = 'binance.BTCUSDT') {
  return groups.find((g) => g.key === preferred) ?? groups[0];
}
