/**
 * Client authentication and authorization: the {@link io.tickgate.gateway.auth.Authenticator} verifies JWTs
 * ({@link io.tickgate.gateway.auth.JwtVerifier}, nimbus-jose-jwt: HS256 secret, RS256/ES256 from a PEM file or a
 * JWKS file/URL) found in the handshake ({@link io.tickgate.gateway.auth.HandshakeToken}) or an {@code auth}
 * message, and turns the token's claims and roles into a {@link io.tickgate.gateway.auth.TopicAcl} of
 * {@link io.tickgate.gateway.auth.AclPattern}s: which topics a connection may subscribe and publish to.
 * Settings: {@link io.tickgate.gateway.auth.AuthConfig}.
 */
package io.tickgate.gateway.auth;
