/**
 * The plot tool: {@link io.tickgate.bench.plot.BenchPlot} turns load-generator JSON reports into a PNG of delivered
 * messages/s and latency against connections, one series per publish rate (XChart, headless).
 */
package io.tickgate.bench.plot;
