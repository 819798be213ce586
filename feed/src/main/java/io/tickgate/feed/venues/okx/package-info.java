/**
 * OKX v5 adapter. {@link io.tickgate.feed.venues.okx.OkxFrameDecoder} turns one raw text frame into canonical events on an
 * {@link io.tickgate.feed.venues.okx.OkxSink}: {@code trades} → Trade, {@code tickers} → Ticker, {@code candle<bar>} → Kline,
 * {@code books5} → BookSnapshot, {@code bbo-tbt} → BookTop; the incremental {@code books} channel →
 * {@link io.tickgate.feed.venues.okx.OkxBookMessage} (action, seqId, prevSeqId, checksum; sequenced or, as recorded before OKX added seqId,
 * checksum-only) for the book sync; event acks and
 * errors ({@code subscribe}/{@code unsubscribe}/{@code error} with code, msg, connId) and the text {@code pong} →
 * {@link io.tickgate.feed.venues.okx.OkxControl}. Source name {@code okx}; symbols in OKX spelling ({@code BTC-USDT}).
 *
 * <p>{@link io.tickgate.feed.venues.okx.OkxAdapter} plugs the venue in: {@link
 * io.tickgate.feed.venues.okx.OkxProtocol} / {@link io.tickgate.feed.venues.okx.OkxSession} ({@code op: subscribe}
 * with per-argument acks, {@code ping}/{@code pong}) and {@link io.tickgate.feed.venues.okx.OkxBookSync} (in-band
 * snapshot, {@code prevSeqId} chain and {@link io.tickgate.feed.venues.okx.OkxChecksum}; a gap resubscribes).
 */
package io.tickgate.feed.venues.okx;
