/**
 * Client authentication: {@link io.tickgate.gateway.auth.Permission}s and the
 * {@link io.tickgate.gateway.auth.TokenAuthenticator} that maps a handshake's token ({@code ?token=} or
 * {@code Authorization: Bearer}) to them.
 */
package io.tickgate.gateway.auth;
