/**
 * Connection admission, the first thing every accepted socket meets: a global connection limit kept below the
 * process's open-file limit ({@link io.tickgate.gateway.admission.FileDescriptorLimit}), a per-IP connection limit
 * and connection rate ({@link io.tickgate.gateway.admission.IpConnectionTable},
 * {@link io.tickgate.gateway.admission.TokenBucket}), the client address behind trusted proxies
 * ({@link io.tickgate.gateway.admission.TrustedProxies}) and a handshake timeout.
 *
 * <pre>
 *  accept ─► AdmissionHandler (first in the pipeline; no I/O, no blocking)
 *              counts the socket, decides admit / refuse, arms the handshake timer
 *            … TLS, HTTP codec …
 *            AdmissionHttpHandler (after the HTTP aggregator)
 *              refused: answers the first request 429 / 503 and closes
 *              behind a trusted proxy: charges the X-Forwarded-For client's per-IP limits
 *              disarms the timer on the WebSocket upgrade (101), re-arms it after each plain HTTP request
 * </pre>
 *
 * {@link io.tickgate.gateway.admission.Admission} holds the shared state of one gateway port.
 */
package io.tickgate.gateway.admission;
