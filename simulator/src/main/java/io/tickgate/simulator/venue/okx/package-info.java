/**
 * The simulated OKX v5 public WebSocket server: {@code /ws/v5/public} ({@code books}, {@code books5},
 * {@code bbo-tbt}, {@code trades}, {@code tickers}) and {@code /ws/v5/business} ({@code candle1m}); {@code op}
 * subscribe / unsubscribe with acks and {@code connId}; errors 60012 / 60013 / 60014 / 60018 (also for a channel of
 * the other URL, as OKX answers {@code candle1m} on {@code /ws/v5/public}); text
 * {@code ping}/{@code pong}; the 30 s idle close; {@code seqId}/{@code prevSeqId} with heartbeat updates and sequence
 * resets; the legacy CRC32 checksum ({@link io.tickgate.simulator.venue.okx.OkxChecksum}).
 */
package io.tickgate.simulator.venue.okx;
