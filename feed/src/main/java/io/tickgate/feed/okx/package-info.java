/**
 * OKX v5 adapter. {@link io.tickgate.feed.okx.OkxFrameDecoder} turns one raw text frame into canonical events on an
 * {@link io.tickgate.feed.okx.OkxSink}: {@code trades} → Trade, {@code tickers} → Ticker, {@code candle<bar>} → Kline,
 * {@code books5} → BookSnapshot, {@code bbo-tbt} → BookTop; the incremental {@code books} channel →
 * {@link io.tickgate.feed.okx.OkxBookMessage} (action, seqId, prevSeqId, checksum; sequenced or, as recorded before
 * OKX added seqId, checksum-only) for the book sync; event acks and
 * errors ({@code subscribe}/{@code unsubscribe}/{@code error} with code, msg, connId) and the text {@code pong} →
 * {@link io.tickgate.feed.okx.OkxControl}. Source name {@code okx}; symbols in OKX spelling ({@code BTC-USDT}).
 */
package io.tickgate.feed.okx;
