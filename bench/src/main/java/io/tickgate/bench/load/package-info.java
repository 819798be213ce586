/**
 * The load generator: {@link io.tickgate.bench.load.LoadGenerator} opens N WebSocket connections (Netty client,
 * spread over several loopback source addresses), subscribes each with a topic pattern and measures delivered
 * messages/s, ingest→client latency percentiles (HdrHistogram), connect rate, errors, disconnects, against a
 * bench server the gateway's memory per idle connection and, given the server's pid, its CPU time per delivered
 * message ({@link io.tickgate.bench.load.ProcessCpu}, from /proc). Any server speaking the data subset of protocol
 * v1 (subscribe; data frames with {@code ts}) can be measured: the reference peers of the side-by-side runs too. The result is a {@link io.tickgate.bench.load.LoadReport}
 * (a human table or one JSON object).
 *
 * <pre>
 *  LoadGenerator ── Bootstrap ── per connection: HttpClientCodec → HttpObjectAggregator
 *       │                                        → WebSocketClientProtocolHandler → LoadClientHandler
 *       │                                                                             │ FrameScanner (data fast path)
 *       └── LoadStats (counters, one HdrHistogram recorder per event-loop thread) ◄────┘
 *       └── HttpJson (GET /api/v1/bench, /api/v1/bench/memory on the server)
 *       └── ProcessCpu (/proc/<server pid>/stat and its descendants', around the measurement window)
 * </pre>
 */
package io.tickgate.bench.load;
