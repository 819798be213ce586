/**
 * The load generator: {@link io.tickgate.bench.load.LoadGenerator} opens N WebSocket connections (Netty client,
 * spread over several loopback source addresses), subscribes each with a topic pattern and measures delivered
 * messages/s, ingest→client latency percentiles (HdrHistogram), connect rate, errors, disconnects and, against a
 * bench server, the gateway's memory per idle connection. The result is a {@link io.tickgate.bench.load.LoadReport}
 * (a human table or one JSON object).
 *
 * <pre>
 *  LoadGenerator ── Bootstrap ── per connection: HttpClientCodec → HttpObjectAggregator
 *       │                                        → WebSocketClientProtocolHandler → LoadClientHandler
 *       │                                                                             │ FrameScanner (data fast path)
 *       └── LoadStats (counters, one HdrHistogram recorder per event-loop thread) ◄────┘
 *       └── HttpJson (GET /api/v1/bench, /api/v1/bench/memory on the server)
 * </pre>
 */
package io.tickgate.bench.load;
