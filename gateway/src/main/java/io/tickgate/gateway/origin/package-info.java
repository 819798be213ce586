/**
 * Browser origins: {@link io.tickgate.gateway.origin.OriginPolicy} (the allow-list) and
 * {@link io.tickgate.gateway.origin.OriginHandler}, which refuses WebSocket handshakes from other origins (403) and
 * adds CORS headers to the REST API ({@code /api/v1/*}) for allowed origins, answering preflight requests.
 */
package io.tickgate.gateway.origin;
